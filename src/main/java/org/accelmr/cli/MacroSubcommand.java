package org.accelmr.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.imagej.HeadlessMacroRunner;
import org.accelmr.imagej.LegacyHeadless;
import org.accelmr.io.DataFiles;

/**
 * {@code accelmr macro FILE.ijm [output=DIR]}: an ImageJ macro run headless with the AccelMR commands.
 * {@code output} is what the macro's {@code getArgument()} returns, always ending in a separator so macros can
 * write {@code dir + "name.tif"} whether or not the user typed the slash. A macro that calls getArgument() needs
 * it (the shipped ones read and write there); one that does not runs without it.
 */
public final class MacroSubcommand implements Subcommand {

	static final Spec SPEC = new Spec("macro", null,
		"run an ImageJ macro headless; run(\"Reconstruct\", ...) etc. work as in Fiji", "FILE.ijm", List.of(
			Key.OUTPUT), List.of(), Map.of(), "./accelmr macro macros/pipeline.ijm output=results/");

	@Override
	public Spec spec() {
		return SPEC;
	}

	/**
	 * What getArgument() returns: the existing folder {@code output} with a trailing separator, or "" when none
	 * was given to a macro that never asks for it.
	 */
	static String macroArgument(final Path macro, final String output) {
		if (output.isEmpty()) {
			if (readsArgument(macro)) throw new AccelMRException(macro.getFileName() + " reads its folder from " +
				"getArgument(): give it with output=DIR, e.g. ./accelmr macro " + macro + " output=results/");
			return "";
		}
		if (!Files.isDirectory(Path.of(output))) throw new AccelMRException("output=" + output + ": no such folder " +
			"(the macro reads and writes its files there)");
		return output.endsWith("/") || output.endsWith(File.separator) ? output : output + File.separator;
	}

	private static boolean readsArgument(final Path macro) {
		try {
			return Files.readString(macro).lines().map(l -> l.replaceFirst("//.*", "")).anyMatch(l -> l.contains(
				"getArgument("));
		}
		catch (final IOException e) {
			throw new AccelMRException(macro + ": cannot read the macro (" + e.getMessage() + ")");
		}
	}

	@Override
	public int run(final Arguments arguments, final PrintStream out) {
		final List<String> files = arguments.positional();
		if (files.size() != 1) throw new AccelMRException("macro needs exactly one macro file, e.g. " + SPEC
			.example());
		final Path macro = Path.of(files.get(0));
		if (!Files.isRegularFile(macro)) throw new AccelMRException(macro + ": no such macro file");
		final Path output = arguments.path(Key.OUTPUT);
		if (output != null && DataFiles.overlap(output, macro)) throw new AccelMRException("output=" + output +
			" is the macro file itself; give the folder the macro writes to");
		final String argument = macroArgument(macro, arguments.text(Key.OUTPUT));
		LegacyHeadless.prepare();
		HeadlessMacroRunner.run(macro, argument);
		return Main.OK;
	}
}
