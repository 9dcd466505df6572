package org.accelmr.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.ScanSummary;
import org.accelmr.kspace.RawScan;
import org.accelmr.kspace.ScanPreparation;

/**
 * {@code accelmr info input=FILE}: what a k-space file holds (format, dimensions, coils, acquired fraction and
 * acceleration, matrix, FOV, pixel size, noise scans) for every format AccelMR reads, then the pre-whitening
 * and coil compression that Open k-space... applies with the same keys.
 */
public final class InfoSubcommand implements Subcommand {

	static final Spec SPEC = new Spec("info", "Open k-space...",
		"describe a k-space file: format, dimensions, coils, acquired fraction, matrix, FOV, pixel size, noise scans",
		"", List.of(Key.INPUT, Key.PREWHITEN, Key.COILS, Key.COMPRESSION, Key.REPETITION,
			Key.CONTRAST), List.of(Key.INPUT), Map.of(
			Key.COILS, "0"), "./accelmr info input=scan.dat");

	@Override
	public Spec spec() {
		return SPEC;
	}

	@Override
	public int run(final Arguments arguments, final PrintStream out) {
		final Path input = arguments.path(Key.INPUT);
		final RawScan raw = KSpaceFiles.readRaw(input, arguments.integer(Key.REPETITION), arguments.integer(
			Key.CONTRAST));
		ScanSummary.describe(input, raw).forEach(out::println);
		// what Open k-space... and the pipeline do next, with its log lines
		final RawScan prepared = ScanPreparation.prepare(raw, arguments.text(Key.PREWHITEN), arguments.integer(
			Key.COILS), arguments.text(Key.COMPRESSION), out::println);
		if (prepared != raw) out.println(String.format("%-12s %d coils after preparation", "prepared:", prepared
			.kspace().data().coils()));
		return Main.OK;
	}
}
