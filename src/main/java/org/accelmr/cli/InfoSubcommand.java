package org.accelmr.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.accelmr.io.ScanSummary;

/**
 * {@code accelmr info input=FILE}: what a k-space file holds (format, dimensions, coils, acquired fraction and
 * acceleration, matrix, FOV, pixel size, noise scans) for every format AccelMR reads.
 */
public final class InfoSubcommand implements Subcommand {

	static final Spec SPEC = new Spec("info", "Open k-space...",
		"describe a k-space file: format, dimensions, coils, acquired fraction, matrix, FOV, pixel size, noise scans",
		"", List.of(Key.INPUT), List.of(Key.INPUT), Map.of(), "./accelmr info input=scan.dat");

	@Override
	public Spec spec() {
		return SPEC;
	}

	@Override
	public int run(final Arguments arguments, final PrintStream out) {
		ScanSummary.describe(arguments.path(Key.INPUT)).forEach(out::println);
		return Main.OK;
	}
}
