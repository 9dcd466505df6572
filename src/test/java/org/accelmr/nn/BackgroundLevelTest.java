package org.accelmr.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.mask.RandomMask;
import org.accelmr.mask.SamplingMask;
import org.accelmr.metrics.Metrics;
import org.accelmr.sim.Phantoms;
import org.junit.jupiter.api.Test;

/**
 * The background level: its measure reads the RMS of the RSS image in the empty rows from undersampled
 * column-masked k-space (0 without noise, the noise's RMS with it, any coil count), tells noise rows from rows that
 * cut anatomy, and refuses 2-D masks; the floor pulls only values near or below it, and only where the measured
 * noise is small against it; the noise floor raises a clean background to the measured noise.
 */
class BackgroundLevelTest {

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

	/** The zero-filled RSS image of {@code coils} interleaved k-space planes (N x N). */
	private static float[] rss(final float[] kspace, final int coils) {
		final int plane = 2 * N * N;
		final float[] power = new float[N * N], image = new float[plane];
		for (int c = 0; c < coils; c++) {
			CenteredFFT.inverse(java.util.Arrays.copyOfRange(kspace, c * plane, (c + 1) * plane), image, N, N);
			for (int i = 0; i < N * N; i++)
				power[i] += image[2 * i] * image[2 * i] + image[2 * i + 1] * image[2 * i + 1];
		}
		for (int i = 0; i < N * N; i++)
			power[i] = (float) Math.sqrt(power[i]);
		return power;
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
	void theMeasureReadsTheEmptyRowsOfUndersampledData() {
		final float[] mask = new RandomMask(4, 0.08).sample(N, N, 3).toFloats();
		final double max = max(head());
		for (final int coils : new int[] { 1, 4 }) {
			final BackgroundLevel.Background clean = BackgroundLevel.measure(rss(undersampled(kspace(coils, 0, 1),
				mask, coils), coils), mask, N, N);
			assertTrue(clean.noise() < 1e-5 * max, coils + " coils, no noise: " + clean.noise());
			final double sigma = 0.01 * max;
			final BackgroundLevel.Background noisy = BackgroundLevel.measure(rss(undersampled(kspace(coils, sigma, 1),
				mask, coils), coils), mask, N, N);
			// per coil E|n|^2 = sigma^2, so the RSS of the noise has RMS sigma * sqrt(coils)
			assertEquals(sigma * Math.sqrt(coils), noisy.noise(), 0.15 * sigma * Math.sqrt(coils), coils + " coils");
			assertTrue(noisy.flat(), coils + " coils: noise rows are flat");
			assertEquals(Math.round(0.1 * N), noisy.rows().length);
			final float[] image = head();
			for (final int y : noisy.rows())
				assertTrue(max(java.util.Arrays.copyOfRange(image, y * N, (y + 1) * N)) == 0, "row " + y + " is empty");
		}
	}

	/** Single-coil k-space of {@code image} (N x N) with complex noise of RMS {@code sigma}. */
	private static float[] kspaceOf(final float[] image, final double sigma, final long seed) {
		final float[] plane = new float[2 * N * N];
		for (int i = 0; i < N * N; i++)
			plane[2 * i] = image[i];
		CenteredFFT.forward(plane, N, N);
		final SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < plane.length; i++)
			plane[i] += (float) (sigma / Math.sqrt(2) * gaussian(random));
		return plane;
	}

	@Test
	void rowsThatCutAnatomyAreNotFlat() {
		final float[] image = Phantoms.brain(N, N).slice(0);
		for (int y = 0; y < N; y++) // a bar through every row, brighter down the image: no row is empty or like another
			for (int x = 0; x < 4; x++)
				image[y * N + x] = 0.02f + 0.5f * y / N;
		final double sigma = 0.002 * max(image);
		final float[] mask = new RandomMask(4, 0.08).sample(N, N, 3).toFloats();
		final BackgroundLevel.Background b = BackgroundLevel.measure(rss(undersampled(kspaceOf(image, sigma, 5), mask,
			1), 1), mask, N, N);
		assertFalse(b.flat(), "noise " + b.noise() + " against sigma " + sigma);
		assertEquals(Math.round(0.1 * N), b.rows().length, "not flat: the first share's rows");
		final float[] rss = { 0.5f, 0, 0, 0.5f };
		assertArrayEquals(rss, BackgroundLevel.apply(rss, 2, 0, new BackgroundLevel.Background(0.1, new int[] { 0 },
			false)), "no noise floor from rows that are not flat");
	}

	/** A head with a margin of 6 empty rows (6 %): a tenth of the rows cuts it, a twentieth is flat noise. */
	@Test
	void aNarrowMarginIsFoundInASmallerShareOfRows() {
		final float[] image = new float[N * N];
		System.arraycopy(Phantoms.brain(N, N - 6).slice(0), 0, image, 3 * N, N * (N - 6));
		for (int y = 3; y < N - 3; y++) // the head touches every row between the margins
			for (int x = 0; x < 4; x++)
				image[y * N + x] = 0.5f;
		final double sigma = 0.005 * max(image);
		final float[] mask = new RandomMask(4, 0.08).sample(N, N, 3).toFloats();
		final BackgroundLevel.Background b = BackgroundLevel.measure(rss(undersampled(kspaceOf(image, sigma, 6), mask,
			1), 1), mask, N, N);
		assertTrue(b.flat());
		assertEquals(Math.round(0.05 * N), b.rows().length);
		assertEquals(sigma, b.noise(), 0.25 * sigma);
	}

	@Test
	void aTwoDimensionalMaskHasNoMeasure() {
		final boolean[] flags = new boolean[N * N];
		for (int i = 0; i < flags.length; i += 7) // 7 does not divide the width: no two rows alike
			flags[i] = true;
		final float[] mask = SamplingMask.of2D(flags, N, N).toFloats();
		assertEquals(BackgroundLevel.Background.UNKNOWN, BackgroundLevel.measure(rss(kspace(1, 0, 1), 1), mask, N, N));
		assertEquals(BackgroundLevel.Background.UNKNOWN, BackgroundLevel.measure(rss(kspace(1, 0, 1), 1), new float[N
			* N], N, N), "an empty mask");
		final float[] rss = { 1, 0.001f };
		assertArrayEquals(rss, BackgroundLevel.apply(rss, 2, 0.006, BackgroundLevel.Background.UNKNOWN));
	}

	/** A background known to be noise-free (measured noise 0), so only the floor acts. */
	private static float[] floor(final float[] rss, final double floor, final double noise) {
		return BackgroundLevel.apply(rss, rss.length, floor, new BackgroundLevel.Background(noise, new int[] { 0 },
			false));
	}

	@Test
	void theFloorPullsOnlyValuesNearOrBelowIt() {
		final float[] rss = { 1, 0.5f, 0.1f, 0.006f, 0.002f, 0 };
		final float[] floored = floor(rss, 0.006, 0);
		assertEquals(1, floored[0], 1.01 * 0.006 * 0.006, "the maximum keeps its value to within tau^2 / r");
		assertEquals(0.1f, floored[2], 1.01 * 0.006 * 0.006 / 0.1);
		assertEquals(0.003, floored[3], 1e-6, "at tau, half");
		assertEquals(0.0002, floored[4], 1e-6, "below tau: r^3 / (r^2 + tau^2)");
		assertEquals(0, floored[5]);
		assertArrayEquals(rss, floor(rss, 0, 0), "no floor");
		assertArrayEquals(rss, floor(rss, 0.006, 0.006 / BackgroundLevel.NOISE_WEIGHT),
			"noise at a quarter of the floor turns it off");
		final float[] halfWay = floor(rss, 0.006, 0.003 / BackgroundLevel.NOISE_WEIGHT);
		assertEquals(0.002 * 0.002 * 0.002 / (0.002 * 0.002 + 0.003 * 0.003), halfWay[4], 1e-7,
			"noise lowers tau: here to 0.003");
	}

	@Test
	void theNoiseFloorMakesTheBackgroundRowsSmoothAtTheMeasuredRms() {
		// row 0 background with the output's own rough noise, row 1 tissue
		final float[] rss = { 0, 0.003f, 0, 0.004f, 1, 1, 1, 1 };
		final float[] out = BackgroundLevel.apply(rss, 4, 0, new BackgroundLevel.Background(0.01, new int[] { 0 },
			true));
		double power = 0, min = 1, max = 0;
		for (int x = 0; x < 4; x++) {
			power += out[x] * out[x] / 4.0;
			min = Math.min(min, out[x]);
			max = Math.max(max, out[x]);
		}
		assertEquals(0.01, Math.sqrt(power), 1e-6, "the background rows' RMS is the measured noise");
		assertTrue(max - min < 0.2 * 0.004, "smoother than the output's own background: " + min + "-" + max);
		assertEquals(1, out[5], 1e-4, "tissue about as it was");
		assertTrue(out[5] > 1, "plus about (c - 2 b^2) / 2r, here > 0");
		final float[] loud = { 0.02f, 0.02f, 1, 1 };
		final float[] quiet = BackgroundLevel.apply(loud, 2, 0, new BackgroundLevel.Background(0.001, new int[] { 0 },
			true));
		assertEquals(0.01, quiet[0], 1e-6, "a background above the noise is pulled to half its level, nothing added");
		assertArrayEquals(loud, BackgroundLevel.apply(loud, 2, 0, new BackgroundLevel.Background(0.01, new int[] { 0 },
			false)), "rows that are not flat: nothing");
	}

	/**
	 * The point of the noise floor: a clean image is further from the noisy fully sampled RSS than the same image
	 * with the noise's power, measured from undersampled data, added back (SSIM, whose luminance term sees the
	 * background's mean, and PSNR).
	 */
	@Test
	void aCleanImageWithTheMeasuredNoiseFloorIsCloserToTheNoisyReference() {
		final double max = max(head());
		final double sigma = 0.02 * max;
		final float[] k = kspace(1, sigma, 9);
		final float[] image = new float[2 * N * N];
		CenteredFFT.inverse(k, image, N, N);
		final float[] reference = new float[N * N];
		for (int i = 0; i < N * N; i++)
			reference[i] = (float) Math.hypot(image[2 * i], image[2 * i + 1]);
		final float[] mask = new RandomMask(4, 0.08).sample(N, N, 3).toFloats();
		final float[] clean = head();
		final float[] raised = BackgroundLevel.apply(clean, N, 0.008, BackgroundLevel.measure(rss(undersampled(k, mask,
			1), 1), mask, N, N));
		final FloatVolume ref = new FloatVolume(N, N, new float[][] { reference });
		final FloatVolume before = new FloatVolume(N, N, new float[][] { clean });
		final FloatVolume after = new FloatVolume(N, N, new float[][] { raised });
		final double range = ref.max();
		assertTrue(Metrics.ssim(ref, after, range) > Metrics.ssim(ref, before, range) + 0.05, Metrics.ssim(ref, after,
			range) + " against " + Metrics.ssim(ref, before, range));
		assertTrue(Metrics.psnr(ref, after, range) > Metrics.psnr(ref, before, range), "PSNR");
	}

	private static double max(final float[] values) {
		double m = 0;
		for (final float v : values)
			m = Math.max(m, v);
		return m;
	}
}
