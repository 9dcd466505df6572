package org.accelmr.cs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;
import org.accelmr.metrics.Metrics;
import org.accelmr.progress.Progress;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;

/**
 * Estimated coil maps are nearly as good as maps from the fully sampled scan where the calibration data are
 * scarce (a narrow fully sampled centre) or plentiful (a large calibration region of noisy data): the cases where
 * BART's rule on its own gave maps that made CS worse than zero-filled on a real 16-coil scan.
 */
class CoilMapQualityTest {

	private static final int SIZE = 64;
	private static final int COILS = 16;

	/** 16 coils with noise, column mask (R about 3) with a {@code centre}-column fully sampled centre. */
	private static SamplingMask columns(final int centre, final long seed) {
		final boolean[] cols = new boolean[SIZE];
		final Random random = new Random(seed);
		for (int x = 0; x < SIZE; x++)
			cols[x] = random.nextDouble() < 0.25;
		for (int x = SIZE / 2 - centre / 2; x < SIZE / 2 - centre / 2 + centre; x++)
			cols[x] = true;
		return SamplingMask.ofColumns(cols, SIZE);
	}

	private static KSpace scan() {
		return KSpaceSimulator.simulate(Phantoms.brain(SIZE, SIZE), new SimulationConfig(COILS, true, 0.01, 5),
			"phantom", Progress.NONE);
	}

	private static double psnr(final KSpace full, final SamplingMask mask, final CoilMaps maps) {
		final ComplexStack images = full.data().copy();
		CenteredFFT.inverse(images, 1);
		final FloatVolume reference = CoilCombination.rss(images);
		final ComplexStack under = full.undersample(mask).data();
		final SolverSettings s = SolverSettings.DEFAULTS.with(Penalty.L1_WAVELET, 1e-3, 150);
		final float[] image = SenseReconstruction.reconstruct(under, mask, maps, s, null, 1, IterationMonitor
			.silent());
		return Metrics.psnr(reference, new FloatVolume(SIZE, SIZE, new float[][] { image }));
	}

	@Test
	void narrowCentreGivesMapsCloseToFullySampledOnes() {
		final KSpace full = scan();
		final CoilMaps oracle = EspiritCalibration.DEFAULTS.estimate(full.data(), SamplingMask.full(SIZE, SIZE));
		for (final int centre : new int[] { 6, 8 }) {
			final SamplingMask mask = columns(centre, centre);
			final CoilMaps estimated = EspiritCalibration.DEFAULTS.estimate(full.undersample(mask).data(), mask);
			final double withOracle = psnr(full, mask, oracle), withEstimate = psnr(full, mask, estimated);
			assertTrue(withEstimate > withOracle - 1, centre + " centre columns: " + withEstimate +
				" dB with estimated maps, " + withOracle + " dB with maps of the full scan");
		}
	}

	@Test
	void largeCalibrationRegionGivesMapsCloseToTheDefaultOnes() {
		final KSpace full = scan();
		final SamplingMask all = SamplingMask.full(SIZE, SIZE);
		final CoilMaps standard = EspiritCalibration.DEFAULTS.estimate(full.data(), all);
		final CoilMaps large = EspiritCalibration.DEFAULTS.withCalibration(48, true).estimate(full.data(), all);
		final SamplingMask mask = columns(12, 3);
		final double withStandard = psnr(full, mask, standard), withLarge = psnr(full, mask, large);
		assertTrue(withLarge > withStandard - 1, withLarge + " dB with calibration 48, " + withStandard + " with 24");
	}

	@Test
	void kernelShrinksAlongShortCalibrationSides() {
		final EspiritCalibration e = EspiritCalibration.DEFAULTS; // k = 6
		assertEquals(6, e.kernelAlong(24));
		assertEquals(6, e.kernelAlong(18));
		assertEquals(5, e.kernelAlong(15));
		assertEquals(3, e.kernelAlong(10));
		assertEquals(2, e.kernelAlong(6));
		assertEquals(2, e.kernelAlong(4));
		assertEquals(1, new EspiritCalibration(1, 24, 0.001, 0.8, false).kernelAlong(4));
	}
}
