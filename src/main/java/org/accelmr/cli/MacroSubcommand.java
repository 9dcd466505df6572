package org.accelmr.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.imagej.HeadlessMacroRunner;
import org.accelmr.imagej.LegacyHeadless;
import org.accelmr.io.DataFiles;

/** {@code accelmr macro FILE.ijm [output=DIR]}: an ImageJ macro run headless with the AccelMR commands. */
public final class MacroSubcommand implements Subcommand {

	static final Spec SPEC = new Spec("macro", null,
		"run an ImageJ macro headless; run(\"Reconstruct\", ...) etc. work as in Fiji", "FILE.ijm", List.of(
			Key.OUTPUT), List.of(), Map.of(), "./accelmr macro macros/pipeline.ijm output=results/");

	@Override
	public Spec spec() {
		return SPEC;
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
		LegacyHeadless.prepare();
		HeadlessMacroRunner.run(macro, arguments.text(Key.OUTPUT));
		return Main.OK;
	}
}
