package org.accelmr.imagej;

import java.awt.Choice;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.InputEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Menus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import org.accelmr.sim.Phantoms;
import org.scijava.Context;

/**
 * The real-window check (run under Xvfb by {@code .ci/screenshot}): ImageJ 1.x with its GUI, the AccelMR
 * commands added to Plugins &gt; AccelMR, a brain image opened and the commands run on it from that menu's
 * command table (Simulate, Undersample, ESPIRiT, Reconstruct with those maps, Evaluate, montage), Reconstruct
 * once more from the menu with the macro Recorder open; then the Plugins &gt; AccelMR menu is opened with the
 * mouse and the screen saved as PNG. Exits non-zero when a command failed, the Recorder recorded no
 * {@code run("Reconstruct", ...)} line or no Results window appeared.
 */
public final class WindowCheck {

	private WindowCheck() {}

	public static void main(final String[] args) throws Exception {
		final Path png = Path.of(args.length > 0 ? args[0] : "imagej-window.png");
		final ImageJ imagej = new ImageJ();
		imagej.setLocation(0, 0);
		try (Context context = new Context()) {
			final List<String> titles = MacroCommandBridge.install(context);
			final Menu accelmr = new Menu("AccelMR");
			for (final String title : titles) {
				final MenuItem item = new MenuItem(title);
				item.addActionListener(imagej);
				accelmr.add(item);
			}
			Menus.getImageJMenu("Plugins").add(accelmr);

			final ImagePlus brain = ImagePlusVolumes.toImagePlus("brain", Phantoms.colinSlices());
			brain.show();
			IJ.run("Simulate k-space", "coils=8 phase=true noise=0 seed=42");
			IJ.run("Undersample k-space", "mask=random acceleration=4 center_fraction=0.08 seed=42");
			IJ.run("Estimate coil sensitivities (ESPIRiT)", "calibration=24 kernel=6");
			select("undersampled k-space");
			IJ.run("Reconstruct", "method=tv iterations=20 coil_maps=[coil maps]");
			IJ.getImage().setTitle("tv");
			select("undersampled k-space");
			final String recorded = recordReconstructFromTheMenu();
			System.out.println("accelmr: window check: the recorder wrote " + recorded);
			if (!recorded.startsWith("run(\"Reconstruct\", \"")) fail("the recorder did not record Reconstruct");
			IJ.run("Evaluate reconstruction", "reference=brain reconstruction=reconstruction");
			IJ.run("Evaluate reconstruction", "reference=brain reconstruction=tv");
			if (!IJ.isResultsWindow()) fail("no Results window after Evaluate reconstruction");
			MacroFunctions.montage("brain", "reconstruction,tv", "sampling mask");
			IJ.run("Tile");
			// Tile arranges image windows only; without a window manager nothing raises the text windows again
			int y = 420;
			for (final String text : new String[] { "Results", "Recorder", "Log" }) {
				final Frame frame = WindowManager.getFrame(text);
				if (frame == null) continue;
				frame.setBounds(560, y, 700, 120);
				frame.toFront();
				y += 125;
			}
			if (MacroCommandBridge.failure() != null) fail(MacroCommandBridge.failure());
						openPluginsMenu(imagej);
			save(png);
		}
		System.exit(failures == 0 ? 0 : 2);
	}

	private static int failures;

	/**
	 * Makes an image current. IJ.selectWindow waits for the window manager to bring it to the front, which a bare
	 * Xvfb (no window manager) never does, and then blocks on an error dialog.
	 */
	private static void select(final String title) {
		final ImagePlus imp = WindowManager.getImage(title);
		if (imp == null || imp.getWindow() == null) throw new IllegalStateException("no window titled '" + title +
			"'");
		WindowManager.setCurrentWindow(imp.getWindow());
		WindowManager.setTempCurrentImage(imp);
	}

	private static void fail(final String why) {
		System.err.println("accelmr: window check: " + why);
		failures++;
	}

	/**
	 * Runs Reconstruct as a user does, from the menu with the Recorder open: the dialog appears, OK is pressed,
	 * and the Recorder's new line is returned (empty when nothing was recorded within a minute).
	 */
	private static String recordReconstructFromTheMenu() throws Exception {
		final Recorder recorder = new Recorder();
		final int before = recorder.getText().length();
		IJ.doCommand("Reconstruct");
		for (int wait = 0; wait < 600; wait++) {
			Thread.sleep(100);
			for (final Window w : Window.getWindows())
				if (w instanceof GenericDialog gd && w.isShowing() && "Reconstruct".equals(gd.getTitle())) EventQueue
					.invokeAndWait(() -> {
						// as a user would: pick the k-space in the image choice (the first field), then OK
						((Choice) gd.getChoices().get(0)).select("undersampled k-space");
						gd.actionPerformed(new ActionEvent(gd.getButtons()[0], ActionEvent.ACTION_PERFORMED, "OK"));
					});
			final String added = recorder.getText().substring(Math.min(before, recorder.getText().length())).strip();
			if (added.contains("run(\"Reconstruct\"") && WindowManager.getImage("reconstruction") != null) return added
				.substring(added.indexOf("run(\"Reconstruct\""));
		}
		return "";
	}

	/** Clicks Plugins in ImageJ's menu bar, then walks to the AccelMR submenu (the last item) by keyboard. */
	private static void openPluginsMenu(final Frame imagej) throws Exception {
		final Robot robot = new Robot();
		robot.setAutoDelay(150);
		robot.delay(1500);
		final java.awt.FontMetrics metrics = imagej.getFontMetrics(Menus.getMenuBar().getFont() != null ? Menus
			.getMenuBar().getFont() : imagej.getFont());
		int x = imagej.getX() + 2;
		for (final String label : new String[] { "File", "Edit", "Image", "Process", "Analyze" })
			x += metrics.stringWidth(label) + 2 * MENU_PADDING;
		final int y = imagej.getY() + imagej.getInsets().top / 2 + 1;
		robot.mouseMove(x + metrics.stringWidth("Plugins") / 2 + MENU_PADDING, Math.max(y, 10));
		robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
		robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
		robot.delay(700);
		robot.keyPress(KeyEvent.VK_UP);
		robot.keyRelease(KeyEvent.VK_UP);
		robot.keyPress(KeyEvent.VK_RIGHT);
		robot.keyRelease(KeyEvent.VK_RIGHT);
		robot.delay(1000);
	}

	/** Horizontal padding of a menu-bar label in AWT's X11 menu bar, in pixels (measured under Xvfb). */
	private static final int MENU_PADDING = 10;

	private static void save(final Path png) throws IOException {
		final Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
		final BufferedImage shot;
		try {
			shot = new Robot().createScreenCapture(screen);
		}
		catch (final java.awt.AWTException e) {
			throw new IOException("cannot capture the screen", e);
		}
		ImageIO.write(shot, "png", png.toFile());
	}
}
