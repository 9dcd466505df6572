package org.accelmr.imagej;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.IJ;
import ij.macro.Interpreter;

import org.accelmr.AccelMRException;
import org.scijava.Context;
import org.scijava.log.LogLevel;
import org.scijava.log.LogService;

/**
 * Runs an ImageJ 1.x macro with no display and the AccelMR commands callable by title. Call
 * {@link LegacyHeadless#prepare()} before this class (or any {@code ij} class) is loaded.
 */
public final class HeadlessMacroRunner {

	private HeadlessMacroRunner() {}

	/**
	 * Runs the macro in batch mode; {@code argument} is what the macro's {@code getArgument()} returns.
	 *
	 * @throws AccelMRException naming the macro when it cannot be read, a command fails or the macro aborts
	 */
	public static void run(final Path macro, final String argument) {
		final String text;
		try {
			text = Files.readString(macro);
		}
		catch (final IOException e) {
			throw new AccelMRException(macro + ": cannot read the macro (" + e.getMessage() + ")");
		}
		try (Context context = new Context()) {
			IJ.runMacro("// fills ImageJ's command table, which the bridge adds to");
			// the bridge reports a failing command once, as the run's one error line; no second copy in the log
			context.service(LogService.class).setLevel(LogLevel.NONE);
			MacroCommandBridge.install(context);
			final Interpreter interpreter = new Interpreter();
			// errors end the macro with a message we can read, instead of a dialog nobody sees
			interpreter.setIgnoreErrors(true);
			try {
				// batch mode on the macro's first line, so line numbers in IJ's messages stay right
				interpreter.run("setBatchMode(true); " + text, argument);
			}
			catch (final RuntimeException aborted) {
				// IJ ends an aborted macro (error, exit(), failed command) with "Macro canceled"; see below why
			}
			if (MacroCommandBridge.failure() != null) throw new AccelMRException(macro.getFileName() + ": " +
				MacroCommandBridge.failure());
			if (interpreter.getErrorMessage() != null) throw new AccelMRException(macro.getFileName() + ": " +
				interpreter.getErrorMessage());
		}
	}
}
