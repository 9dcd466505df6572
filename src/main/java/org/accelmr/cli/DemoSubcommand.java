package org.accelmr.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.imagej.ComparisonFigure;
import org.accelmr.imagej.LegacyHeadless;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.mask.SamplingMask;
import org.accelmr.metrics.Metrics;
import org.accelmr.pipeline.ReconstructionPipeline;
import org.accelmr.pipeline.Undersampling;
import org.accelmr.progress.Progress;
import org.accelmr.recon.ReconstructionMethods;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.recon.ZeroFilledRecon;
import org.accelmr.sim.Phantoms;

/**
 * {@code accelmr demo [output=DIR]}: the built-in multi-coil brain, fully sampled (its RSS is the reference),
 * undersampled with a seeded random mask at R=4, reconstructed by every method in
 * {@link ReconstructionMethods#names()}; prints NMSE/PSNR/SSIM and seconds per method and writes a
 * comparison PNG and TIFFs.
 */
public final class DemoSubcommand implements Subcommand {

	static final String MASK = "random";
	static final int COILS = 8;

	static final Spec SPEC = new Spec("demo", null,
		"built-in brain, R=4 random mask, every method: metrics table, comparison PNG and TIFFs", "", List.of(
			Key.OUTPUT, Key.ACCELERATION, Key.CENTER_FRACTION, Key.SEED, Key.THREADS), List.of(), Map.of(Key.OUTPUT,
				"accelmr-demo"), "./accelmr demo output=accelmr-demo");

	/** Index in {@link Phantoms#colinSlices()} of voxel plane z = 94. */
	private static final int HELD_OUT_SLICE = 2;

	@Override
	public Spec spec() {
		return SPEC;
	}

	@Override
	public int run(final Arguments arguments, final PrintStream out) throws IOException {
		final Path folder = arguments.path(Key.OUTPUT);
		Files.createDirectories(folder);
		final int seed = arguments.integer(Key.SEED);
		final int threads = arguments.integer(Key.THREADS);

		// Only the slice the shipped U-Net never saw in training (z = 94, inside its held-out slab, models/README.md),
		// so the table compares every method on data none of them was fitted to.
		final KSpace full = Phantoms.demoKSpace(COILS, seed).slice(HELD_OUT_SLICE);
		final FloatVolume reference = new ZeroFilledRecon(threads).reconstruct(full, Progress.NONE);
		final SamplingMask mask = Masks.create(MASK, arguments.real(Key.ACCELERATION), arguments.real(
			Key.CENTER_FRACTION), Key.CALIBRATION.defaultInteger()).sample(full.data().width(), full.data().height(),
				seed);
		final KSpace undersampled = full.undersample(mask);
		out.printf(Locale.ROOT, "AccelMR demo: %s (held-out slice z = 94, %d slice, %d coils, %dx%d), %s%n%n", full.info().source(), full
			.data().slices(), full.data().coils(), full.data().width(), full.data().height(), MaskChoice.describe(MASK,
				mask));

		final int middle = reference.depth() / 2;
		LegacyHeadless.prepare();
		final ComparisonFigure figure = new ComparisonFigure(reference.width(), reference.height(), reference.slice(
			middle), reference.width() == mask.width() && reference.height() == mask.height() ? mask.toFloats()
				: null);
		VolumeFiles.write(reference, folder.resolve("reference.tif"));
		out.printf("%-14s %10s %10s %8s %9s%n", "method", "NMSE", "PSNR (dB)", "SSIM", "seconds");
		for (final String method : ReconstructionMethods.names()) {
			final ReconstructionSettings settings = ReconstructionSettings.DEFAULTS.withMethod(method).withThreads(
				threads);
			final long t0 = System.nanoTime();
			final FloatVolume recon = ReconstructionPipeline.reconstruct(undersampled, settings, Undersampling.NONE,
				Progress.NONE).image();
			final double seconds = (System.nanoTime() - t0) / 1e9;
			if (recon.width() != reference.width() || recon.height() != reference.height()) throw new AccelMRException(
				method + " returned " + recon.width() + "x" + recon.height() + ", expected " + reference.width() + "x" +
					reference.height());
			final double psnr = Metrics.psnr(reference, recon);
			out.printf(Locale.ROOT, "%-14s %10.5f %10.2f %8.4f %9.2f%n", method, Metrics.nmse(reference, recon), psnr,
				Metrics.ssim(reference, recon), seconds);
			figure.add(String.format(Locale.ROOT, "%s %.1f dB", method, psnr), recon.slice(middle));
			VolumeFiles.write(recon, folder.resolve(method + ".tif"));
		}
		final Path png = folder.resolve("comparison.png");
		figure.writePng(png);
		out.println();
		out.println("wrote " + png + " and TIFFs (reference.tif, one per method) in " + folder);
		return Main.OK;
	}
}
