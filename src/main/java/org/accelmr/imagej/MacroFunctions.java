package org.accelmr.imagej;

import org.accelmr.AccelMRException;
import org.accelmr.recon.ReconstructionMethods;

/**
 * Functions an ImageJ macro reaches with {@code call("org.accelmr.imagej.MacroFunctions.NAME", ...)}: IJ1's
 * {@code call} runs public static methods that take and return strings, in Fiji as in {@code ./accelmr macro}.
 */
public final class MacroFunctions {

	private MacroFunctions() {}

	/** Every reconstruction method name, comma-separated, in menu order: {@code split(call(...), ",")}. */
	public static String methods() {
		return String.join(",", ReconstructionMethods.names());
	}

	/**
	 * The comparison montage ({@link ComparisonMontage}) of open images, shown as the current image:
	 * {@code call("org.accelmr.imagej.MacroFunctions.montage", "reference", "zero-filled,tv", "sampling mask")}.
	 *
	 * @return the montage's title, or {@code "error: ..."} with the reason (a macro cannot catch exceptions)
	 */
	public static String montage(final String reference, final String reconstructions, final String mask) {
		try {
			return ComparisonMontage.show(reference, ComparisonMontage.titles(reconstructions), mask).getTitle();
		}
		catch (final AccelMRException e) {
			return "error: " + e.getMessage();
		}
	}
}
