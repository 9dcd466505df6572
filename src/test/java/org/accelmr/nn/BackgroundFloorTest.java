package org.accelmr.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.mask.RandomMask;
import org.accelmr.mask.SamplingMask;
import org.accelmr.sim.Phantoms;
import org.junit.jupiter.api.Test;

/**
 * The background floor: its noise measure reads the RMS of the RSS image in the empty rows from undersampled
 * column-masked k-space (0 without noise, the noise's RMS with it, any coil count), refuses 2-D masks, and the
 * floor pulls only values near or below it, and only where the measured noise is small against it.
 */
class BackgroundFloorTest {

	private static final int N = 96;
	private static final int HEAD = 72;

	private static float[] head() {
		final float[] brain = Phantoms.brain(N, HEAD).slice(0);
		final float[] image = new float[N * N];
		System.arraycopy(brain, 0, image, (N - HEAD) / 2 * N, brain.length);
		return image;
	}

	/**
	 * The brain phantom in the middle {@value #HEAD} rows (empty rows above and below), as {@code coils} identical
	 * coil images' k-space.
	 */
	private static float[] kspace(final int coils, final double noise, final long seed) {
		final float[] plane = new float[2 * N * N];
		final float[] image = head();
		for (int i = 0; i < N * N; i++)
			plane[2 * i] = image[i] / (float) Math.sqrt(coils);
		CenteredFFT.forward(plane, N, N);
		final SplittableRandom random = new SplittableRandom(seed);
		final float[] k = new float[coils * plane.length];
		for (int c = 0; c < coils; c++)
			for (int i = 0; i < plane.length; i++)
				k[c * plane.length + i] = plane[i] + (float) (noise / Math.sqrt(2) * gaussian(random));
		return k;
	}

	private static double gaussian(final SplittableRandom r) {
		return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
	}

	private static float[] undersampled(final float[] k, final float[] mask, final int coils) {
		final float[] out = k.clone();
		for (int c = 0; c < coils; c++)
			for (int i = 0; i < N * N; i++)
				if (mask[i] == 0) out[2 * (c * N * N + i)] = out[2 * (c * N * N + i) + 1] = 0;
		return out;
	}

	@Test
	void theNoiseMeasureReadsTheEmptyRowsOfUndersampledData() {
		final float[] mask = new RandomMask(4, 0.08).sample(N, N, 3).toFloats();
		double max = 0;
		for (final float v : head())
			max = Math.max(max, v);
		for (final int coils : new int[] { 1, 4 }) {
			final double clean = BackgroundFloor.backgroundNoise(undersampled(kspace(coils, 0, 1), mask, coils), mask,
				coils, N, N);
			assertTrue(clean < 1e-5 * max, coils + " coils, no noise: " + clean);
			final double sigma = 0.01 * max;
			final double noisy = BackgroundFloor.backgroundNoise(undersampled(kspace(coils, sigma, 1), mask, coils),
				mask, coils, N, N);
			// per coil E|n|^2 = sigma^2, so the RSS of the noise has RMS sigma * sqrt(coils)
			assertEquals(sigma * Math.sqrt(coils), noisy, 0.15 * sigma * Math.sqrt(coils), coils + " coils");
		}
	}

	@Test
	void aTwoDimensionalMaskHasNoNoiseMeasure() {
		final boolean[] flags = new boolean[N * N];
		for (int i = 0; i < flags.length; i += 7) // 7 does not divide the width: no two rows alike
			flags[i] = true;
		final float[] mask = SamplingMask.of2D(flags, N, N).toFloats();
		assertTrue(Double.isNaN(BackgroundFloor.backgroundNoise(kspace(1, 0, 1), mask, 1, N, N)));
		assertTrue(Double.isNaN(BackgroundFloor.backgroundNoise(kspace(1, 0, 1), new float[N * N], 1, N, N)),
			"an empty mask");
	}

	@Test
	void theFloorPullsOnlyValuesNearOrBelowIt() {
		final float[] rss = { 1, 0.5f, 0.1f, 0.006f, 0.002f, 0 };
		final float[] floored = BackgroundFloor.apply(rss, 0.006, 0);
		assertEquals(1, floored[0], 1.01 * 0.006 * 0.006, "the maximum keeps its value to within tau^2 / r");
		assertEquals(0.1f, floored[2], 1.01 * 0.006 * 0.006 / 0.1);
		assertEquals(0.003, floored[3], 1e-6, "at tau, half");
		assertEquals(0.0002, floored[4], 1e-6, "below tau: r^3 / (r^2 + tau^2)");
		assertEquals(0, floored[5]);
		assertArrayEquals(rss, BackgroundFloor.apply(rss, 0, 0), "no floor");
		assertArrayEquals(rss, BackgroundFloor.apply(rss, 0.006, Double.NaN), "no noise measure (a 2-D mask)");
		assertArrayEquals(rss, BackgroundFloor.apply(rss, 0.006, 0.006 / BackgroundFloor.NOISE_WEIGHT),
			"noise at a quarter of the floor turns it off");
		final float[] halfWay = BackgroundFloor.apply(rss, 0.006, 0.003 / BackgroundFloor.NOISE_WEIGHT);
		assertEquals(0.002 * 0.002 * 0.002 / (0.002 * 0.002 + 0.003 * 0.003), halfWay[4], 1e-7,
			"noise lowers tau: here to 0.003");
	}
}
