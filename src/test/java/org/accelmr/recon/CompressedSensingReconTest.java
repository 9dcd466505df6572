package org.accelmr.recon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.mask.SamplingMask;
import org.accelmr.metrics.Metrics;
import org.accelmr.progress.CancelledException;
import org.accelmr.progress.Progress;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.accelmr.train.SliceImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** tv and wavelet end to end on a small phantom: they beat zero filling, report progress, cancel, reject bad input. */
class CompressedSensingReconTest {

	private static final int SIZE = 64;

	private static KSpace phantom(final int coils, final int slices) {
		final FloatVolume one = Phantoms.brain(SIZE, SIZE);
		final float[][] s = new float[slices][];
		for (int i = 0; i < slices; i++)
			s[i] = one.slice(0);
		final KSpace full = KSpaceSimulator.simulate(new FloatVolume(SIZE, SIZE, s), SimulationConfig.DEFAULTS
			.withCoils(coils));
		return full;
	}

	private static ReconstructionSettings settings(final String method, final double lambda, final int its,
		final int threads)
	{
		return new ReconstructionSettings(method, lambda, its, "espirit", "", threads);
	}

	@ParameterizedTest
	@CsvSource({ "tv,1,0.01,3.5", "wavelet,1,0.002,3.5", "tv,6,0.005,8", "wavelet,6,0.002,10" })
	void beatsZeroFillingByAMargin(final String method, final int coils, final double lambda,
		final double minimumGainDb)
	{
		final KSpace full = phantom(coils, 1);
		final FloatVolume target = ReconstructionMethods.create(settings("zero-filled", 0, 1, 1)).reconstruct(full,
			Progress.NONE);
		final SamplingMask mask = Masks.create("random", 4, 0.12, 0).sample(SIZE, SIZE, 42);
		final KSpace under = full.undersample(mask);
		final FloatVolume zf = ReconstructionMethods.create(settings("zero-filled", 0, 1, 1)).reconstruct(under,
			Progress.NONE);
		final FloatVolume cs = ReconstructionMethods.create(settings(method, lambda, 60, 1)).reconstruct(under,
			Progress.NONE);
		final double gain = Metrics.psnr(target, cs) - Metrics.psnr(target, zf);
		assertTrue(gain > minimumGainDb, method + " with " + coils + " coil(s) gains only " + gain + " dB");
		assertTrue(Math.abs(cs.max() / target.max() - 1) < 0.1, "output on the target's scale: max " + cs.max() +
			" vs " + target.max());
	}

	/**
	 * {@code lambda=auto} on a noisy 10-slice volume (slices of different contrast): one λ for all slices, chosen
	 * on 8 of them (the other two descend the same path to it), within the 0.5 dB of the best λ of a grid
	 * applied to the whole volume, as a grid search would apply it.
	 */
	@ParameterizedTest
	@CsvSource({ "tv", "wavelet" })
	void oneAutomaticLambdaForTheVolumeComesCloseToTheBestOfAGrid(final String method) {
		final int size = 48, slices = 10;
		final FloatVolume brain = Phantoms.brain(size, size);
		final float[][] s = new float[slices][];
		for (int z = 0; z < slices; z++) {
			s[z] = brain.slice(0).clone();
			for (int i = 0; i < s[z].length; i++)
				s[z][i] *= (float) Math.pow(0.5 + (i % size) / (double) size, (z % 4) * 0.5) * (1 + z % 3);
		}
		final KSpace full = KSpaceSimulator.simulate(new FloatVolume(size, size, s), SimulationConfig.DEFAULTS
			.withCoils(4).withNoiseLevel(0.01));
		final FloatVolume target = ReconstructionMethods.create(settings("zero-filled", 0, 1, 1)).reconstruct(full,
			Progress.NONE);
		final KSpace under = full.undersample(Masks.create("random", 3, 0.16, 0).sample(size, size, 5));
		double best = -1;
		for (final double lambda : new double[] { 1e-4, 3e-4, 1e-3, 3e-3, 1e-2 })
			best = Math.max(best, Metrics.psnr(target, ReconstructionMethods.create(settings(method, lambda, 200, 2))
				.reconstruct(under, Progress.NONE)));
		final ReconstructionSettings auto = settings(method, org.accelmr.cs.SolverSettings.AUTO_LAMBDA, 200, 2);
		try (Reconstructor r = ReconstructionMethods.create(auto); PreparedReconstruction p = r.prepare(
			VolumeDescription.of(under), Progress.NONE))
		{
			assertEquals(8, p.calibrationSlices().length);
			final double psnr = Metrics.psnr(target, p.reconstructWhole(under, Progress.NONE));
			assertTrue(psnr > best - 0.5, method + ": automatic λ gives " + psnr + " dB, the grid's best " + best);
			assertEquals(slices, p.solves().size());
			for (final SliceSolve solve : p.solves())
				assertEquals(p.solves().get(0).lambda(), solve.lambda(), 0, p.solves().toString());
		}
	}

	/**
	 * Multi-coil TV's automatic λ on noisy few-coil data: the built-in Colin27 slices binned to 128², 4 coils,
	 * 2 % noise, R=4 random columns, within 0.5 dB of the best of a grid around the best λ. With the estimate's
	 * phase discount (now dropped there: {@code LambdaSelection.Plan.FEW_COILS_TV}) it chose the path's smallest
	 * λ: 22.24 dB against the grid's 26.10.
	 */
	@Test
	void tvOnNoisyFewCoilDataComesCloseToTheBestOfAGrid() {
		final FloatVolume colin = binned(Phantoms.colinSlices());
		final int size = colin.width();
		final KSpace full = KSpaceSimulator.simulate(colin, new SimulationConfig(4, true, 0.02, 3));
		final FloatVolume target = ReconstructionMethods.create(settings("zero-filled", 0, 1, 2)).reconstruct(full,
			Progress.NONE);
		final KSpace under = full.undersample(Masks.create("random", 4, 0.08, 0).sample(size, size, 42));
		double best = -1;
		for (final double lambda : new double[] { 0.002, 0.005, 0.01 })
			best = Math.max(best, Metrics.psnr(target, ReconstructionMethods.create(settings("tv", lambda, 200, 2))
				.reconstruct(under, Progress.NONE)));
		final double auto = Metrics.psnr(target, ReconstructionMethods.create(settings("tv",
			org.accelmr.cs.SolverSettings.AUTO_LAMBDA, 200, 2)).reconstruct(under, Progress.NONE));
		assertTrue(auto > best - 0.5, "automatic λ gives " + auto + " dB, the grid's best " + best);
	}

	/** Each slice at half the size, 2x2 pixels averaged ({@link SliceImage#binned}). */
	private static FloatVolume binned(final FloatVolume v) {
		final float[][] out = new float[v.depth()][];
		for (int z = 0; z < v.depth(); z++)
			out[z] = new SliceImage(v.slice(z), v.width(), v.height(), "").binned().pixels();
		return new FloatVolume(v.width() / 2, v.height() / 2, out);
	}

	@Test
	void calibrationSlicesAreSpreadOverTheVolume() {
		assertArrayEquals(new int[] { 0 }, org.accelmr.cs.VolumeLambda.calibrationSlices(1));
		assertArrayEquals(new int[] { 0, 1, 2 }, org.accelmr.cs.VolumeLambda.calibrationSlices(3));
		assertArrayEquals(new int[] { 1, 3, 5, 7, 9, 11, 13, 15 }, org.accelmr.cs.VolumeLambda.calibrationSlices(16));
		assertArrayEquals(new int[] { 6, 18, 31, 43, 56, 68, 81, 93 }, org.accelmr.cs.VolumeLambda.calibrationSlices(100));
	}

	@Test
	void slicesInParallelMatchSerialAndReportEveryIteration() {
		final KSpace under = phantom(3, 3).undersample(Masks.create("random", 4, 0.12, 0).sample(SIZE, SIZE, 1));
		final AtomicLong last = new AtomicLong();
		final Progress counting = new Progress() {

			@Override
			public void status(final String message) {}

			@Override
			public void progress(final long done, final long total) {
				assertEquals(3 * 20, total);
				last.accumulateAndGet(done, Math::max);
			}

			@Override
			public boolean isCancelled() {
				return false;
			}
		};
		final FloatVolume serial = ReconstructionMethods.create(settings("tv", 0.01, 20, 1)).reconstruct(under,
			Progress.NONE);
		final FloatVolume parallel = ReconstructionMethods.create(settings("tv", 0.01, 20, 2)).reconstruct(under,
			counting);
		assertEquals(60, last.get());
		for (int s = 0; s < 3; s++)
			for (int i = 0; i < SIZE * SIZE; i++)
				assertEquals(serial.slice(s)[i], parallel.slice(s)[i], 1e-4 * serial.max());
	}

	@Test
	void cancelStopsTheRecon() {
		final KSpace under = phantom(1, 2).undersample(Masks.create("random", 4, 0.12, 0).sample(SIZE, SIZE, 1));
		final CountingProgress cancelAfter5 = new CountingProgress(5);
		assertThrows(CancelledException.class, () -> ReconstructionMethods.create(settings("wavelet", 0.01, 200, 2))
			.reconstruct(under, cancelAfter5));
		assertTrue(cancelAfter5.calls.get() < 20, "stopped after " + cancelAfter5.calls.get() + " iterations");
	}

	@Test
	void badInputGetsOneLineErrors() {
		assertEquals("lambda must be auto or a finite number >= 0, got -0.1", assertThrows(AccelMRException.class,
			() -> settings("tv", -0.1, 10, 1)).getMessage());
		assertEquals("iterations must be at least 1, got 0", assertThrows(AccelMRException.class, () -> settings(
			"wavelet", 0.01, 0, 1)).getMessage());
		// a 4-coil scan whose only fully sampled centre is 2 columns wide cannot calibrate ESPIRiT
		final boolean[] cols = new boolean[SIZE];
		for (int x = 0; x < SIZE; x += 3)
			cols[x] = true;
		cols[SIZE / 2] = true;
		cols[SIZE / 2 + 1] = true;
		final KSpace under = phantom(4, 1).undersample(SamplingMask.ofColumns(cols, SIZE));
		final AccelMRException e = assertThrows(AccelMRException.class, () -> ReconstructionMethods.create(settings(
			"tv", 0.01, 5, 1)).reconstruct(under, Progress.NONE));
		assertTrue(e.getMessage().startsWith("the fully sampled k-space centre is only"), e.getMessage());
		assertTrue(ReconstructionMethods.names().containsAll(java.util.List.of("tv", "wavelet")));
	}
}
