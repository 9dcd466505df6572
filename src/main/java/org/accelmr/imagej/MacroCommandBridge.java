package org.accelmr.imagej;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Menus;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;

import org.accelmr.AccelMRException;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.service.Service;

/**
 * Lets an ImageJ 1.x macro call the AccelMR SciJava commands by title, {@code run("Reconstruct",
 * "method=zero-filled")}, outside Fiji (where imagej-legacy does this itself). Installed ONLY by the headless
 * macro runner and the {@link WindowCheck}, never through a plugins.config in the jar, which would duplicate
 * every menu entry in Fiji.
 * <p>
 * Option keys are the command's {@code @Parameter} names; image inputs take the current image, or the image
 * whose title is given as the key's value. Unknown keys and command failures abort the macro and are kept in
 * {@link #failure()}, because IJ1's own exit status does not tell.
 */
public final class MacroCommandBridge implements PlugIn {

	/** The menu whose commands are bridged, as SciJava spells menu paths. */
	public static final String MENU = "Plugins > AccelMR";

	private static final Pattern KEY = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)=");

	private static volatile Context context;
	private static volatile String failure;

	/** Registers every command in {@link #MENU} in IJ1's command table; returns their titles. */
	public static List<String> install(final Context scijava) {
		context = scijava;
		failure = null;
		@SuppressWarnings("unchecked")
		final Map<String, String> table = Menus.getCommands();
		final List<String> titles = new ArrayList<>();
		for (final CommandInfo info : scijava.service(CommandService.class).getCommands()) {
			final String menu = info.getMenuPath() == null ? "" : info.getMenuPath().getMenuString(false);
			if (!menu.equals(MENU)) continue;
			final String title = info.getMenuPath().getLeaf().getName();
			table.put(title, MacroCommandBridge.class.getName() + "(\"" + info.getClassName() + "\")");
			titles.add(title);
		}
		return titles;
	}

	/** The first failure since {@link #install}, or null. */
	public static String failure() {
		return failure;
	}

	@Override
	public void run(final String commandClass) {
		try {
			final String options = Macro.getOptions() != null ? Macro.getOptions() : fromDialog(commandClass);
			if (options == null) return; // the user cancelled the dialog
			runCommand(commandClass, options);
		}
		catch (final RuntimeException e) {
			if (failure == null) failure = e instanceof BridgeFailure ? e.getMessage() : String.valueOf(e);
			Interpreter.abort();
		}
	}

	/**
	 * Run from the menu (no macro options): a dialog where there is a screen, as Fiji shows one, which also makes
	 * ImageJ's recorder record the run; with no screen, the defaults.
	 */
	private static String fromDialog(final String commandClass) {
		if (GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode()) return "";
		final CommandService commands = context.service(CommandService.class);
		final CommandInfo info = commands.getCommand(commandClass);
		final List<ModuleItem<?>> settings = new ArrayList<>();
		for (final ModuleItem<?> item : info.inputs())
			if (!Service.class.isAssignableFrom(item.getType()) && !Context.class.isAssignableFrom(item.getType()))
				settings.add(item);
		final Module defaults;
		try {
			defaults = context.service(ModuleService.class).createModule(info);
		}
		catch (final RuntimeException e) {
			throw new BridgeFailure(info.getMenuPath().getLeaf().getName() + ": cannot create the command (" + e + ")");
		}
		return CommandDialog.ask(info.getMenuPath().getLeaf().getName(), settings, defaults);
	}

	private static void runCommand(final String commandClass, final String options) {
		final CommandService commands = context.service(CommandService.class);
		final CommandInfo info = commands.getCommand(commandClass);
		final String title = info.getMenuPath().getLeaf().getName();
		final Set<String> given = keysOf(options);
		final Map<String, Object> inputs = new HashMap<>();
		for (final ModuleItem<?> item : info.inputs()) {
			final Class<?> type = item.getType();
			if (Service.class.isAssignableFrom(type) || Context.class.isAssignableFrom(type)) continue;
			final String name = item.getName();
			given.remove(name);
			final String value = Macro.getValue(options, name, null);
			if (RandomAccessibleInterval.class.isAssignableFrom(type)) inputs.put(name, image(title, name, value));
			else if (value != null) inputs.put(name, value);
		}
		if (!given.isEmpty()) throw new BridgeFailure(title + ": unknown key '" + given.iterator().next() +
			"'; valid keys: " + validKeys(info));
		final CommandModule module;
		try {
			// process=false: no dialog, no remembered values; inputs not given keep the field defaults
			final Future<CommandModule> run = commands.run(info, false, inputs);
			if (run == null) throw new BridgeFailure(title + ": SciJava could not create the command");
			module = run.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BridgeFailure(title + ": interrupted");
		}
		catch (final ExecutionException e) {
			throw new BridgeFailure(title + ": " + rootCause(e));
		}
		if (module.isCanceled()) throw new BridgeFailure(title + ": " + module.getCancelReason());
		final List<ModuleItem<?>> outputs = new ArrayList<>();
		info.outputs().forEach(outputs::add);
		// last shown is current: show in reverse so the first output (the main result) is the current image
		for (int i = outputs.size() - 1; i >= 0; i--)
			if (module.getOutput(outputs.get(i).getName()) instanceof Img<?> img) show(titleOf(outputs.get(i)), img);
		for (final ModuleItem<?> item : outputs) {
			final Object value = module.getOutput(item.getName());
			if (value != null && !(value instanceof Img)) IJ.log(title + ": " + item.getName() + " = " + value);
		}
	}

	private static Object image(final String title, final String key, final String imageTitle) {
		final ImagePlus imp = imageTitle == null ? WindowManager.getCurrentImage() : WindowManager.getImage(
			imageTitle);
		if (imp == null) throw new BridgeFailure(title + ": " + (imageTitle == null ? "no image is open for " + key
			: "no image titled '" + imageTitle + "' for " + key));
		return ImagePlusVolumes.toImg(imp);
	}

	/** The window title Fiji gives an output (SciJava's display postprocessor): its label, else its name. */
	private static String titleOf(final ModuleItem<?> item) {
		return item.getLabel() != null && !item.getLabel().isEmpty() ? item.getLabel() : item.getName();
	}

	/** Shows an output as the new current image (batch mode keeps it without a window). */
	private static void show(final String name, final Img<?> img) {
		final ImagePlus imp = img instanceof KSpaceImage k ? ImagePlusVolumes.toImagePlus(name, k) : ImagePlusVolumes
			.toImagePlus(name, ImgVolumes.toVolume(asReal(img), name));
		imp.setProperty(ImagePlusVolumes.SOURCE_PROPERTY, img);
		ReconstructionImage.pixelSizeOf(img).applyTo(imp);
		if (Interpreter.isBatchMode()) Interpreter.addBatchModeImage(imp);
		else if (!GraphicsEnvironment.isHeadless()) {
			imp.show(); // a window (the Xvfb check)
			// the window manager activates windows later and in any order: make the new image current for this
			// thread now, so the next command of the same macro or caller takes it
			WindowManager.setCurrentWindow(imp.getWindow());
		}
		WindowManager.setTempCurrentImage(imp);
	}

	@SuppressWarnings("unchecked")
	private static RandomAccessibleInterval<? extends net.imglib2.type.numeric.RealType<?>> asReal(final Img<?> img) {
		return (RandomAccessibleInterval<? extends net.imglib2.type.numeric.RealType<?>>) img;
	}

	private static Set<String> keysOf(final String options) {
		final Set<String> keys = new LinkedHashSet<>();
		final Matcher m = KEY.matcher(options);
		while (m.find())
			keys.add(m.group(1));
		return keys;
	}

	private static String validKeys(final CommandInfo info) {
		final List<String> names = new ArrayList<>();
		for (final ModuleItem<?> item : info.inputs())
			if (!Service.class.isAssignableFrom(item.getType()) && !Context.class.isAssignableFrom(item.getType()))
				names.add(item.getName());
		return String.join(", ", names);
	}

	/**
	 * The innermost cause of a failed command, as one line: SciJava wraps what the command threw in
	 * "Module threw exception", which says nothing of what went wrong.
	 */
	static String rootCause(final Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t)
			t = t.getCause();
		return t instanceof AccelMRException ? t.getMessage() : t.getClass().getSimpleName() + ": " + t.getMessage();
	}

	/** A command failure to be reported by the runner. */
	private static final class BridgeFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		BridgeFailure(final String message) {
			super(message);
		}
	}
}
