package org.accelmr.cs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.linop.SenseOperator;
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

	/**
	 * Points held out of a 2-D mask, whole columns of a column mask: both within the 0.5 dB of the grid's
	 * best (both pass at 0.3 dB; the earlier rule was held to 1.0 and 2.0 dB here).
	 */
	@Test
	void automaticLambdaComesCloseToTheBestOfAGrid() {
		checkBothMasks(4, 0.01);
	}

	/**
	 * One coil (maps of ones; TV with exact ADMM steps and the short path): the same goal (measured: 0.01 dB (TV)
	 * and 0.12-0.18 dB (wavelet) below the grid's best).
	 */
	@Test
	void singleCoilAutomaticLambdaComesCloseToTheBestOfAGrid() {
		checkBothMasks(1, 0.005);
	}

	/** A 64² phantom with {@code coils} coils and {@code noise}, Poisson-disc and column masks at R=3. */
	private static void checkBothMasks(final int coils, final double noise) {
		final int size = 64;
		final KSpace full = KSpaceSimulator.simulate(Phantoms.brain(size, size), new SimulationConfig(coils, true,
			noise, 3), "phantom", Progress.NONE);
		final ComplexStack images = full.data().copy();
		CenteredFFT.inverse(images, 1);
		final FloatVolume reference = CoilCombination.rss(images);
		check(reference, full, Masks.create("poisson", 3, 0.16, 12).sample(size, size, 5), 0.5);
		check(reference, full, Masks.create("random", 3, 0.16, 0).sample(size, size, 5), 0.5);
	}

	/**
	 * Single-coil TV (exact ADMM steps) takes the short path; multi-coil data and the wavelet keep the long one, TV
	 * without the phase discount where a column mask leaves few coils per aliased copy.
	 */
	@Test
	void theShortPathIsForExactSolvesOnly() {
		final int size = 32;
		final SamplingMask mask = Masks.create("random", 3, 0.16, 0).sample(size, size, 5);
		final float[] two = new float[4 * size * size];
		System.arraycopy(CoilMaps.ones(size, size).maps(), 0, two, 0, 2 * size * size);
		System.arraycopy(CoilMaps.ones(size, size).maps(), 0, two, 2 * size * size, 2 * size * size);
		final SenseOperator one = new SenseOperator(mask, CoilMaps.ones(size, size)
			.maps(), 1, null, 1), both = new SenseOperator(mask, two, 2, null, 1);
		final SolverSettings tv = SolverSettings.DEFAULTS, wavelet = tv.with(Penalty.L1_WAVELET, tv.lambda(), 200);
		assertEquals(LambdaSelection.Plan.EXACT_TV, LambdaSelection.Plan.of(tv, one, mask, 1));
		assertEquals(LambdaSelection.Plan.FEW_COILS_TV, LambdaSelection.Plan.of(tv, both, mask, 2));
		assertEquals(LambdaSelection.Plan.ONE_COIL, LambdaSelection.Plan.of(wavelet, one, mask, 1));
		assertEquals(LambdaSelection.Plan.DEFAULT, LambdaSelection.Plan.of(wavelet, both, mask, 2));
		// TV keeps the phase discount with more coils than twice the acceleration (3 here), or a 2-D mask
		final float[] many = new float[2 * 16 * size * size];
		for (int c = 0; c < 16; c++)
			System.arraycopy(CoilMaps.ones(size, size).maps(), 0, many, 2 * c * size * size, 2 * size * size);
		assertEquals(LambdaSelection.Plan.DEFAULT, LambdaSelection.Plan.of(tv, new SenseOperator(mask, many, 16, null,
			1), mask, 16));
		final SamplingMask poisson = Masks.create("poisson", 3, 0.16, 12).sample(size, size, 5);
		assertEquals(LambdaSelection.Plan.DEFAULT, LambdaSelection.Plan.of(tv, new SenseOperator(poisson, two, 2, null,
			1), poisson, 2));
		// only data with a coil geometry to amplify noise are confirmed
		assertTrue(LambdaSelection.Plan.DEFAULT.confirm() && !LambdaSelection.Plan.ONE_COIL.confirm()
			&& !LambdaSelection.Plan.EXACT_TV.confirm());
		assertTrue(LambdaSelection.Plan.EXACT_TV.steps() * LambdaSelection.Plan.EXACT_TV.iterations() <
			LambdaSelection.Plan.DEFAULT.steps() * LambdaSelection.Plan.DEFAULT.iterations());
	}

	private static void check(final FloatVolume reference, final KSpace full, final SamplingMask mask,
		final double allowed)
	{
		final int size = mask.width();
		final ComplexStack under = full.undersample(mask).data();
		final CoilMaps maps = under.coils() == 1 ? CoilMaps.ones(size, size) : EspiritCalibration.DEFAULTS.estimate(
			under, mask);
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

	/**
	 * A 3-coil brain phantom with 1 % noise, fully sampled ({@code full}) and at R=3 with random columns: its mask,
	 * ESPIRiT maps and scaled samples.
	 */
	private record NoisySlice(KSpace full, SamplingMask mask, CoilMaps maps, SenseReconstruction.ScaledSlice y) {

		static NoisySlice of(final int size) {
			final KSpace full = KSpaceSimulator.simulate(Phantoms.brain(size, size), new SimulationConfig(3, true, 0.01,
				3), "phantom", Progress.NONE);
			final SamplingMask mask = Masks.create("random", 3, 0.16, 0).sample(size, size, 5);
			final ComplexStack under = full.undersample(mask).data();
			return new NoisySlice(full, mask, EspiritCalibration.DEFAULTS.estimate(under, mask), SenseReconstruction
				.ScaledSlice.of(under, mask));
		}
	}

	/** Only {@link LambdaSelection#CONFIRMING_SLICES}, spread over the volume, pay for the confirming solves. */
	@Test
	void aFewSlicesConfirmTheChoiceForTheVolume() {
		final NoisySlice slice = NoisySlice.of(32);
		final SamplingMask mask = slice.mask();
		final CoilMaps maps = slice.maps();
		final SenseReconstruction.ScaledSlice y = slice.y();
		final SolverSettings s = SolverSettings.DEFAULTS.with(Penalty.L1_WAVELET, SolverSettings.AUTO_LAMBDA, 200);
		final int slices = 4;
		final java.util.List<IterationMonitor> monitors = new java.util.ArrayList<>();
		for (int i = 0; i < slices; i++)
			monitors.add(IterationMonitor.silent());
		final LambdaSelection.VolumeChoice volume = LambdaSelection.chooseForVolume(java.util.Collections.nCopies(
			slices, y.y()), new int[] { 0, 1, 2, 3 }, new double[] { 1, 1, 1, 1 }, mask, java.util.Collections.nCopies(
				slices, maps), s, null, 1, jobs -> jobs.forEach(Runnable::run), monitors);
		assertTrue(volume.plan().confirm(), "multi-coil data are confirmed");
		final int[] confirming = VolumeLambda.spread(LambdaSelection.CONFIRMING_SLICES, slices);
		assertEquals(2, confirming.length);
		int least = Integer.MAX_VALUE, most = 0;
		for (int i = 0; i < slices; i++) {
			final boolean confirms = java.util.Arrays.binarySearch(confirming, i) >= 0;
			if (confirms) least = Math.min(least, volume.iterations()[i]);
			else most = Math.max(most, volume.iterations()[i]);
		}
		assertTrue(least >= most + 20, "confirming slices spent at least " + least + " iterations, the others at most " +
			most);
	}

	/** A volume of one slice is chosen for exactly as that slice alone: the same λ, start and iterations. */
	@Test
	void oneSliceChosenAsAVolumeIsChosenAsThatSlice() {
		final int size = 48;
		final NoisySlice slice = NoisySlice.of(size);
		final SamplingMask mask = slice.mask();
		final ComplexStack images = slice.full().data().copy();
		CenteredFFT.inverse(images, 1);
		final FloatVolume reference = CoilCombination.rss(images);
		final CoilMaps maps = slice.maps();
		final SenseReconstruction.ScaledSlice y = slice.y();
		for (final Penalty p : new Penalty[] { Penalty.TOTAL_VARIATION, Penalty.L1_WAVELET }) {
			final SolverSettings s = SolverSettings.DEFAULTS.with(p, SolverSettings.AUTO_LAMBDA, 200);
			final LambdaSelection.Choice alone = LambdaSelection.choose(y.y(), mask, maps, s, null, 1, IterationMonitor
				.silent());
			final LambdaSelection.VolumeChoice volume = LambdaSelection.chooseForVolume(java.util.List.of(y.y()),
				new int[] { 0 }, new double[] { 1 }, mask, java.util.List.of(maps), s, null, 1, jobs -> jobs.forEach(
					Runnable::run), java.util.List.of(IterationMonitor.silent()));
			assertEquals(alone.lambda(), volume.lambda(), 0, p.toString());
			assertEquals(alone.iterations(), volume.iterations()[0], p.toString());
			org.junit.jupiter.api.Assertions.assertArrayEquals(alone.start(), volume.starts()[0], p.toString());
			// a slice that did not take part descends the same path on all its samples to the chosen point, and its
			// final solve from there is as good as from the path's own point
			final LambdaSelection.Choice descent = LambdaSelection.descend(y.y(), mask, maps, s, volume, null, 1,
				IterationMonitor.silent());
			assertEquals(volume.lambda(), descent.lambda(), 0);
			assertTrue(descent.iterations() > 0 && descent.iterations() <= (volume.point() + 1) * volume.plan()
				.iterations(), p + ": " + descent.iterations() + " iterations to point " + volume.point());
			final double fromPath = psnr(reference, SenseReconstruction.magnitude(SenseReconstruction.solve(y, mask, maps,
				s, alone, null, 1, IterationMonitor.silent())), size), fromDescent = psnr(reference, SenseReconstruction
					.magnitude(SenseReconstruction.solve(y, mask, maps, s, descent, null, 1, IterationMonitor.silent())),
					size);
			assertTrue(fromDescent > fromPath - 0.3, p + ": from the descent " + fromDescent + " dB, from the path " +
				fromPath);
		}
	}

	@Test
	void heldOutSamplesStandForTheUnacquiredSamplesAroundThem() {
		// 2-D mask sampled with probability 1/4 on the left half and 1/2 on the right half: a held-out sample
		// stands for (1 - p) / p = 3 unacquired samples on the left, 1 on the right
		final int w = 128, h = 128;
		final java.util.SplittableRandom random = new java.util.SplittableRandom(3);
		final boolean[] sampled = new boolean[w * h], held = new boolean[w * h];
		for (int i = 0; i < sampled.length; i++) {
			sampled[i] = random.nextDouble() < (i % w < w / 2 ? 0.25 : 0.5);
			held[i] = sampled[i];
		}
		final double[] weights = LambdaSelection.importanceWeights(SamplingMask.of2D(sampled, w, h), held);
		double left = 0, right = 0;
		int nLeft = 0, nRight = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				if (!held[y * w + x]) assertTrue(weights[y * w + x] == 0, "weight only where held out");
				else if (x >= 12 && x < w / 2 - 12) { // away from the density step and the wrapped edge
					left += weights[y * w + x];
					nLeft++;
				}
				else if (x >= w / 2 + 12 && x < w - 12) {
					right += weights[y * w + x];
					nRight++;
				}
			}
		assertTrue(Math.abs(left / nLeft - 3) < 0.3, "left mean weight " + left / nLeft);
		assertTrue(Math.abs(right / nRight - 1) < 0.1, "right mean weight " + right / nRight);
	}

	@Test
	void magnitudeCorrectionIsTheMagnitudeErrorMinusTheComplexError() {
		// no noise floor: a phase error costs nothing in magnitude, so the correction removes its complex error
		final float[] t = { 3, 4, 0, 0 }, rotated = { 4, 3, 0, 0 };
		assertTrue(Math.abs(LambdaSelection.magnitudeCorrection(rotated, t, 0, true) + 2) < 1e-9);
		assertTrue(LambdaSelection.magnitudeCorrection(t, t, 0, true) == 0);
		// a background pixel (t = 0) under a noise floor q = 4, so the reference magnitude there is 2: an image of
		// magnitude 1 errs by 1 in magnitude and by 1 in complex value (correction 0), an image of 0 by 4 and 0
		// (correction 4), one of magnitude 2 by 0 and 4 (correction -4): the floor rewards some noise
		final double q = 4;
		final float[] background = new float[2];
		assertTrue(Math.abs(LambdaSelection.magnitudeCorrection(new float[] { 1, 0 }, background, q, true)) < 1e-9);
		assertTrue(Math.abs(LambdaSelection.magnitudeCorrection(new float[] { 0, 0 }, background, q, true) - 4) < 1e-9);
		assertTrue(Math.abs(LambdaSelection.magnitudeCorrection(new float[] { 0, 2 }, background, q, true) + 4) < 1e-9);
		// without the phase discount the rotation costs its whole complex error, the floor's part is the same
		assertTrue(LambdaSelection.magnitudeCorrection(rotated, t, 0, false) == 0);
		assertTrue(Math.abs(LambdaSelection.magnitudeCorrection(new float[] { 0, 2 }, background, q, false) + 4) < 1e-9);
		assertTrue(Math.abs(LambdaSelection.magnitudeCorrection(new float[] { 0, 0 }, background, q, false) - 4) < 1e-9);
		// only TV with few coils for a column mask goes without it (the discount misled it on noisy such data)
		assertTrue(!LambdaSelection.Plan.FEW_COILS_TV.discountPhase() && LambdaSelection.Plan.DEFAULT.discountPhase()
			&& LambdaSelection.Plan.ONE_COIL.discountPhase() && LambdaSelection.Plan.EXACT_TV.discountPhase());
	}

	private static double psnr(final FloatVolume reference, final float[] image, final int size) {
		return Metrics.psnr(reference, new FloatVolume(size, size, new float[][] { image }));
	}
}
