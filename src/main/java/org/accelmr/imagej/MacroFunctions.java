package org.accelmr.imagej;

import org.accelmr.recon.ReconstructionMethods;

/**
 * Functions an ImageJ macro reaches with {@code call("org.accelmr.imagej.MacroFunctions.methods")}: IJ1's
 * {@code call} runs public static methods that take and return strings.
 */
public final class MacroFunctions {

	private MacroFunctions() {}

	/** Every reconstruction method name, comma-separated, in menu order: {@code split(call(...), ",")}. */
	public static String methods() {
		return String.join(",", ReconstructionMethods.names());
	}
}
