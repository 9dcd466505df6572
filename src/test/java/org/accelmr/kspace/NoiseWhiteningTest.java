package org.accelmr.kspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.accelmr.AccelMRException;
import org.junit.jupiter.api.Test;

class NoiseWhiteningTest {

	/** Correlated noise x = A z of 3 coils from white complex z (seeded); A mixes and scales the coils. */
	static float[][] correlatedNoise(final int n, final long seed) {
		final double[][] ar = { { 1, 0, 0 }, { 0.6, 0.8, 0 }, { 0.2, -0.3, 2.5 } };
		final double[][] ai = { { 0, 0, 0 }, { 0.3, 0, 0 }, { 0, 0.4, 0 } };
		final Random r = new Random(seed);
		final float[][] x = new float[3][2 * n];
		for (int k = 0; k < n; k++) {
			final double[] zr = new double[3], zi = new double[3];
			for (int c = 0; c < 3; c++) {
				zr[c] = r.nextGaussian();
				zi[c] = r.nextGaussian();
			}
			for (int i = 0; i < 3; i++) {
				double re = 0, im = 0;
				for (int j = 0; j < 3; j++) {
					re += ar[i][j] * zr[j] - ai[i][j] * zi[j];
					im += ar[i][j] * zi[j] + ai[i][j] * zr[j];
				}
				x[i][2 * k] = (float) re;
				x[i][2 * k + 1] = (float) im;
			}
		}
		return x;
	}

	/** The noise as a 1 x n k-space of 3 coils, so it can be whitened like data. */
	private static KSpace asKSpace(final float[][] noise) {
		final float[][] copy = new float[noise.length][];
		for (int c = 0; c < noise.length; c++)
			copy[c] = noise[c].clone();
		return new KSpace(ComplexStack.wrap(copy, noise[0].length / 2, 1, noise.length, 1), null, AcquisitionInfo.of(
			"noise"));
	}

	@Test
	void whitenedNoiseHasUncorrelatedCoilsOfTheMeanVariance() {
		final float[][] x = correlatedNoise(4000, 7);
		final NoiseWhitening w = NoiseWhitening.estimate(new NoiseSamples(3, x));
		// strongly correlated before: coil 1 is 0.6 z0 + ...
		final double[] c10 = w.covariance(1, 0), c11 = w.covariance(1, 1), c00 = w.covariance(0, 0);
		assertTrue(Math.hypot(c10[0], c10[1]) / Math.sqrt(c11[0] * c00[0]) > 0.5);
		final double meanVariance = (c00[0] + c11[0] + w.covariance(2, 2)[0]) / 3;
		// whitening the same samples gives exactly (to rounding) mean variance x identity
		final NoiseWhitening after = NoiseWhitening.estimate(new NoiseSamples(3, toNoise(w.apply(asKSpace(x)))));
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++) {
				final double[] v = after.covariance(i, j);
				assertEquals(i == j ? meanVariance : 0, v[0], 1e-4 * meanVariance, "re " + i + "," + j);
				assertEquals(0, v[1], 1e-4 * meanVariance, "im " + i + "," + j);
			}
		// and independent noise of the same coils comes out white to sampling accuracy
		final NoiseWhitening fresh = NoiseWhitening.estimate(new NoiseSamples(3, toNoise(w.apply(asKSpace(
			correlatedNoise(20000, 8))))));
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++)
				assertEquals(i == j ? meanVariance : 0, fresh.covariance(i, j)[0], 0.05 * meanVariance);
	}

	private static float[][] toNoise(final KSpace k) {
		final float[][] out = new float[k.data().coils()][];
		for (int c = 0; c < out.length; c++)
			out[c] = k.data().plane(0, c);
		return out;
	}

	@Test
	void aConstantFactorOnTheNoiseCancels() {
		final float[][] x = correlatedNoise(500, 5), scaled = new float[3][];
		for (int c = 0; c < 3; c++) {
			scaled[c] = x[c].clone();
			for (int i = 0; i < scaled[c].length; i++)
				scaled[c][i] *= 3; // noise scans of another bandwidth
		}
		final KSpace data = asKSpace(correlatedNoise(50, 6));
		final float[] a = NoiseWhitening.estimate(new NoiseSamples(3, x)).apply(data).data().plane(0, 2);
		final float[] b = NoiseWhitening.estimate(new NoiseSamples(3, scaled)).apply(data).data().plane(0, 2);
		for (int i = 0; i < a.length; i++)
			assertEquals(a[i], b[i], 1e-4 * Math.abs(a[i]) + 1e-6);
	}

	@Test
	void prewhitenModes() {
		final float[][] x = correlatedNoise(100, 1);
		final KSpace k = asKSpace(correlatedNoise(16, 2));
		final RawScan raw = new RawScan(k, new NoiseSamples(3, x), null);
		assertSame(raw, NoiseWhitening.prewhiten(raw, "off", s -> {}));
		final RawScan noNoise = RawScan.of(k);
		assertSame(noNoise, NoiseWhitening.prewhiten(noNoise, "auto", s -> {}));
		final List<String> log = new ArrayList<>();
		final RawScan white = NoiseWhitening.prewhiten(raw, "auto", log::add);
		assertEquals(null, white.noise(), "the noise is used up");
		assertTrue(log.get(0).startsWith("pre-whitening 3 coils with the noise covariance of 100 samples"), log
			.get(0));
		assertEquals("prewhiten must be auto, on or off, got 'yes'", assertThrows(AccelMRException.class,
			() -> NoiseWhitening.prewhiten(raw, "yes", s -> {})).getMessage());
	}

	@Test
	void singularOrTooShortNoiseIsRefused() {
		final float[][] x = correlatedNoise(100, 3);
		x[2] = new float[x[2].length]; // a coil without noise
		assertTrue(assertThrows(AccelMRException.class, () -> NoiseWhitening.estimate(new NoiseSamples(3, x)))
			.getMessage().contains("not positive definite"));
		assertTrue(assertThrows(AccelMRException.class, () -> NoiseWhitening.estimate(new NoiseSamples(3,
			correlatedNoise(3, 4)))).getMessage().contains("needs more noise samples than coils"));
	}
}
