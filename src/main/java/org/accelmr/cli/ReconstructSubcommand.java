package org.accelmr.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.accelmr.io.ScanOptions;
import org.accelmr.pipeline.PipelineResult;
import org.accelmr.pipeline.ReconstructionPipeline;
import org.accelmr.pipeline.ReconstructionRecord;
import org.accelmr.pipeline.Undersampling;
import org.accelmr.recon.ReconstructionMethods;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.recon.SliceSolve;

/**
 * {@code accelmr reconstruct input=F output=R method=M [mask keys] [method keys]}: the keys turned into a
 * {@link ReconstructionPipeline} run (fastMRI .h5 read in chunks of slices, a file that carries its own mask
 * reconstructed as it is, slices in parallel), then one summary.
 */
public final class ReconstructSubcommand implements Subcommand {

	static final Spec SPEC = new Spec("reconstruct", "Reconstruct",
		"reconstruct k-space into an image volume (.h5 fastMRI submission layout, .tif, .npy, .cfl)", "", List.of(
			Key.INPUT, Key.OUTPUT, Key.METHOD, Key.MASK, Key.ACCELERATION, Key.CENTER_FRACTION, Key.CALIBRATION,
			Key.SEED, Key.LAMBDA, Key.ITERATIONS, Key.TOLERANCE, Key.COIL_MAPS, Key.MODEL, Key.DATA_CONSISTENCY, Key.ADAPT, Key.THREADS,
			Key.REPETITION, Key.CONTRAST, Key.PREWHITEN, Key.COILS, Key.COMPRESSION), List.of(Key.INPUT, Key.OUTPUT), Map
				.of(Key.MASK, MaskChoice.NONE, Key.COILS, "0"),
		"./accelmr reconstruct input=file_brain.h5 output=recon.h5 method=zero-filled mask=random acceleration=4");

	@Override
	public Spec spec() {
		return SPEC;
	}

	@Override
	public int run(final Arguments arguments, final PrintStream out) {
		final Path input = arguments.path(Key.INPUT);
		final ReconstructionSettings settings = settings(arguments);
		final Path output = OutputFile.check(Key.OUTPUT, arguments.path(Key.OUTPUT), OutputFile.VOLUME_EXTENSIONS,
			OutputFile.inputs(arguments));
		ReconstructionMethods.create(settings).close(); // an unknown method or coil_maps fails before any reading
		final Undersampling undersampling = MaskChoice.undersampling(arguments);
		final PipelineResult result = ReconstructionPipeline.run(input, scanOptions(arguments), output, settings,
			undersampling, new ConsoleProgress(out, 0));
		report(result, undersampling, input, out);
		out.printf(Locale.ROOT, "%s: %d slice(s) in %.2f s (%.3f s per slice)%n", settings.method(), result.image()
			.depth(), result.seconds(), result.seconds() / result.image().depth());
		out.printf("wrote %s (%d x %d x %d)%n", output, result.image().depth(), result.image().height(), result
			.image().width());
		if (!result.solves().isEmpty()) out.println("wrote " + ReconstructionRecord.pathFor(output) + " (" +
			SliceSolve.describe(result.solves()) + ")");
		return Main.OK;
	}

	/** The reconstruction settings the keys describe. */
	static ReconstructionSettings settings(final Arguments a) {
		return new ReconstructionSettings(a.text(Key.METHOD), Key.LAMBDA.realOrAuto(a.text(Key.LAMBDA)), a.integer(
			Key.ITERATIONS), a.text(Key.COIL_MAPS), a.text(Key.MODEL), a.integer(Key.THREADS), a.text(
				Key.DATA_CONSISTENCY), a.real(Key.TOLERANCE), a.integer(Key.ADAPT));
	}

	/** How the input is read and prepared: raw data's repetition and contrast, pre-whitening, coil compression. */
	static ScanOptions scanOptions(final Arguments a) {
		return new ScanOptions(a.integer(Key.REPETITION), a.integer(Key.CONTRAST), a.text(Key.PREWHITEN), a.integer(
			Key.COILS), a.text(Key.COMPRESSION));
	}

	private static void report(final PipelineResult result, final Undersampling undersampling, final Path input,
		final PrintStream out)
	{
		switch (result.sampling()) {
			case OWN_MASK -> {
				if (!undersampling.isNone()) out.println("note: " + input +
					" is already undersampled and carries its own mask; mask=" + undersampling.name() +
					" is not applied");
			}
			case UNDERSAMPLED -> out.println(MaskChoice.describe(undersampling.name(), result.mask()));
			case FOUND_IN_DATA -> out.println("note: " + input.getFileName() + " carries no mask; the samples that " +
				"hold data are taken as acquired (mask=FILE gives another): " + MaskChoice.describe("found", result
					.mask()));
			case FULL -> {}
		}
	}
}
