package org.accelmr.cs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.mask.SamplingMask;
import org.accelmr.metrics.Metrics;
import org.accelmr.progress.Progress;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;

/** Automatic λ lands near the best λ of a grid, is reported, and its path iterations are counted. */
class LambdaSelectionTest {

	@Test
	void automaticLambdaComesCloseToTheBestOfAGrid() {
		final int size = 64, coils = 4;
		final KSpace full = KSpaceSimulator.simulate(Phantoms.brain(size, size), new SimulationConfig(coils, true,
			0.01, 3), "phantom", Progress.NONE);
		final ComplexStack images = full.data().copy();
		CenteredFFT.inverse(images, 1);
		final FloatVolume reference = CoilCombination.rss(images);
		// points held out of a 2-D mask; whole columns of a column mask (looser: 2 of 11 outer columns held out
		// of a 64-column image make the split coarse)
		check(reference, full, Masks.create("poisson", 3, 0.16, 12).sample(size, size, 5), 1.0);
		check(reference, full, Masks.create("random", 3, 0.16, 0).sample(size, size, 5), 2.0);
	}

	private static void check(final FloatVolume reference, final KSpace full, final SamplingMask mask,
		final double allowed)
	{
		final int size = mask.width();
		final ComplexStack under = full.undersample(mask).data();
		final CoilMaps maps = EspiritCalibration.DEFAULTS.estimate(under, mask);
		for (final Penalty p : new Penalty[] { Penalty.L1_WAVELET, Penalty.TOTAL_VARIATION }) {
			final SolverSettings s = SolverSettings.DEFAULTS.with(p, 0, 200);
			double best = -1;
			for (final double l : new double[] { 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03 })
				best = Math.max(best, psnr(reference, SenseReconstruction.reconstruct(under, mask, maps, s.withLambda(
					l), null, 1, IterationMonitor.silent()), size));
			final java.util.List<String> status = new java.util.ArrayList<>();
			final IterationMonitor m = new IterationMonitor(new Progress() {

				@Override
				public void status(final String message) {
					status.add(message);
				}

				@Override
				public void progress(final long done, final long total) {
					assertTrue(done <= total, done + " of " + total);
				}

				@Override
				public boolean isCancelled() {
					return false;
				}
			}, SenseReconstruction.plannedIterations(s.withLambda(SolverSettings.AUTO_LAMBDA)));
			final double auto = psnr(reference, SenseReconstruction.reconstruct(under, mask, maps, s.withLambda(
				SolverSettings.AUTO_LAMBDA), null, 1, m), size);
			assertTrue(auto > best - allowed, p + ": automatic λ " + m.lambda() + " gives " + auto + " dB, grid best " +
				best);
			assertTrue(m.lambda() >= LambdaSelection.SMALLEST / 2 && m.lambda() <= LambdaSelection.LARGEST * 2, p +
				": λ " + m.lambda());
			assertTrue(m.iterations() > LambdaSelection.PATH_ITERATIONS, p + ": path and solve counted, " + m
				.iterations());
			assertTrue(status.size() == 1 && status.get(0).contains("(automatic") && status.get(0).contains(m
				.iterations() + " iterations"), status.toString());
		}
	}

	private static double psnr(final FloatVolume reference, final float[] image, final int size) {
		return Metrics.psnr(reference, new FloatVolume(size, size, new float[][] { image }));
	}
}
