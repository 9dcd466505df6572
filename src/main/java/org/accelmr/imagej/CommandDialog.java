package org.accelmr.imagej;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import ij.gui.GenericDialog;
import net.imglib2.RandomAccessibleInterval;

import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

/**
 * The dialog of a bridged command run from ImageJ 1.x's menu (no macro options): one field per setting, labelled
 * with its macro key and filled with the command's default. Because it is ImageJ's own {@link GenericDialog}, the
 * macro recorder records the run as {@code run("Title", "key=value ...")}, the line a macro replays. Fiji shows
 * its own dialogs and records through imagej-legacy; this one serves the bridge only.
 */
final class CommandDialog {

	private CommandDialog() {}

	/**
	 * Shows the dialog for {@code inputs} (settings and images, no services) with the defaults of
	 * {@code defaults}.
	 *
	 * @return macro options as the bridge reads them, or null when the user cancelled
	 */
	static String ask(final String title, final List<ModuleItem<?>> inputs, final Module defaults) {
		final GenericDialog gd = new GenericDialog(title);
		for (final ModuleItem<?> item : inputs) {
			final String key = item.getName();
			final Object value = defaults.getInput(key);
			final Class<?> type = item.getType();
			if (RandomAccessibleInterval.class.isAssignableFrom(type)) gd.addImageChoice(key, null);
			else if (item.getChoices() != null && !item.getChoices().isEmpty()) {
				final String[] choices = item.getChoices().stream().map(String::valueOf).toArray(String[]::new);
				gd.addChoice(key, choices, value == null ? choices[0] : value.toString());
			}
			else if (type == boolean.class || type == Boolean.class) gd.addCheckbox(key, Boolean.TRUE.equals(value));
			else if (type == int.class || type == Integer.class) gd.addNumericField(key, ((Number) value).doubleValue(), 0);
			else if (type == double.class || type == Double.class) {
				final double v = ((Number) value).doubleValue();
				gd.addNumericField(key, v, decimals(v));
			}
			else if (type == File.class) gd.addFileField(key, value == null ? "" : value.toString());
			else gd.addStringField(key, value == null ? "" : value.toString(), 20);
		}
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		final List<String> options = new ArrayList<>();
		for (final ModuleItem<?> item : inputs) {
			final Class<?> type = item.getType();
			final String text;
			if (RandomAccessibleInterval.class.isAssignableFrom(type)) text = gd.getNextImage().getTitle();
			else if (item.getChoices() != null && !item.getChoices().isEmpty()) text = gd.getNextChoice();
			else if (type == boolean.class || type == Boolean.class) text = Boolean.toString(gd.getNextBoolean());
			else if (type == int.class || type == Integer.class) text = Long.toString(Math.round(gd.getNextNumber()));
			else if (type == double.class || type == Double.class) text = Double.toString(gd.getNextNumber());
			else text = gd.getNextString();
			options.add(item.getName() + "=[" + text + "]");
		}
		return String.join(" ", options);
	}

	/** Enough decimals to show the default exactly (lambda 0.005, threshold 0.001), at least 2. */
	private static int decimals(final double v) {
		if (v == 0 || v == Math.rint(v)) return 2;
		for (int d = 2; d < 9; d++) {
			final double scaled = v * Math.pow(10, d);
			if (Math.abs(scaled - Math.rint(scaled)) < 1e-9 * Math.max(1, Math.abs(scaled))) return d;
		}
		return 9;
	}

}
