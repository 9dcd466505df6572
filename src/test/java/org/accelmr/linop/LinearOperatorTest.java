package org.accelmr.linop;

import static org.accelmr.linop.OperatorChecks.checkAll;
import static org.accelmr.linop.OperatorChecks.distance;
import static org.accelmr.linop.OperatorChecks.norm;
import static org.accelmr.linop.OperatorChecks.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.linop.FiniteDifferenceOperator.Boundary;
import org.accelmr.mask.SamplingMask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Dot tests for every operator and combinator, plus known values for each. */
class LinearOperatorTest {

	@ParameterizedTest
	@CsvSource({ "8,8", "6,4", "5,7", "4,6", "16,12" })
	void fourierMatchesCenteredFFTAndIsUnitary(final int w, final int h) {
		final FourierOperator f = new FourierOperator(w, h, 2);
		checkAll(f, 1e-5);
		final float[] x = random(2 * w * h, 7);
		final float[] y = f.apply(x);
		for (int p = 0; p < 2; p++) {
			final float[] plane = java.util.Arrays.copyOfRange(x, p * 2 * w * h, (p + 1) * 2 * w * h);
			CenteredFFT.forward(plane, w, h);
			final float[] got = java.util.Arrays.copyOfRange(y, p * 2 * w * h, (p + 1) * 2 * w * h);
			assertTrue(distance(plane, got) < 1e-5 * norm(plane), "plane " + p + " differs from CenteredFFT");
		}
		assertEquals(norm(x), norm(y), 1e-5 * norm(x));
		assertTrue(distance(f.applyAdjoint(y), x) < 1e-5 * norm(x));
	}

	@Test
	void samplingKeepsOnlyAcquiredSamples() {
		final SamplingMask m = SamplingMask.ofColumns(new boolean[] { true, false, true }, 2);
		final SamplingOperator s = new SamplingOperator(m, 2);
		checkAll(s, 1e-6);
		final float[] y = s.apply(random(12, 3));
		for (int p = 0; p < 2; p++)
			for (int r = 0; r < 2; r++) {
				final int i = 2 * (p * 6 + r * 3 + 1);
				assertEquals(0, y[i]);
				assertEquals(0, y[i + 1]);
			}
	}

	@Test
	void coilSensitivitiesMultiplyAndCombine() {
		final float[] maps = random(3 * 20, 11);
		final CoilSensitivityOperator s = new CoilSensitivityOperator(maps, 20, 3);
		checkAll(s, 1e-5);
		// (1+2i) * (3-1i) = 5+5i
		final CoilSensitivityOperator one = new CoilSensitivityOperator(new float[] { 1, 2 }, 1, 1);
		assertArrayEquals(new float[] { 5, 5 }, one.apply(new float[] { 3, -1 }), 1e-6f);
		final float[] x = random(7, 1);
		assertArrayEquals(x, CoilSensitivityOperator.ones(7).apply(x), 0f);
	}

	@Test
	void finiteDifferencesKnownValuesAndAdjoint() {
		for (final Boundary b : Boundary.values()) {
			checkAll(new FiniteDifferenceOperator(5, 4, b), 1e-5);
			checkAll(new FiniteDifferenceOperator(6, 7, b), 1e-5);
			checkAll(new FiniteDifferenceOperator(1, 3, b), 1e-5);
			checkAll(new FiniteDifferenceOperator(2, 5, b), 1e-5);
		}
		// 2x2 real image [[1, 2], [4, 8]]
		final float[] u = { 1, 0, 2, 0, 4, 0, 8, 0 };
		final float[] p = new FiniteDifferenceOperator(2, 2, Boundary.PERIODIC).apply(u);
		assertArrayEquals(new float[] { 1, 0, -1, 0, 4, 0, -4, 0, 3, 0, 6, 0, -3, 0, -6, 0 }, p, 1e-6f);
		final float[] n = new FiniteDifferenceOperator(2, 2, Boundary.NEUMANN).apply(u);
		assertArrayEquals(new float[] { 1, 0, 0, 0, 4, 0, 0, 0, 3, 0, 6, 0, 0, 0, 0, 0 }, n, 1e-6f);
	}

	@ParameterizedTest
	@CsvSource({ "DB1,8,8,3", "DB2,16,16,2", "DB4,32,16,2", "DB2,12,10,2", "DB4,13,9,1", "DB2,64,32,3" })
	void waveletIsOrthogonal(final DaubechiesFilter filter, final int w, final int h, final int levels) {
		final WaveletOperator wav = new WaveletOperator(w, h, filter, levels);
		checkAll(wav, 1e-5);
		final float[] x = random(w * h, 9);
		final float[] c = wav.apply(x);
		assertEquals(norm(x), norm(c), 1e-5 * norm(x), "W keeps the norm");
		assertTrue(distance(wav.applyAdjoint(c), x) < 1e-5 * norm(x), "W^H W = I");
		if (wav.paddedWidth() == w && wav.paddedHeight() == h) {
			final float[] d = random(w * h, 10);
			assertTrue(distance(wav.apply(wav.applyAdjoint(d)), d) < 1e-5 * norm(d), "W W^H = I");
		}
	}

	@Test
	void haarOneLevelKnownValues() {
		// rows [1, 3] and [5, 7]: row pass a=(x0+x1)/√2, d=(x0-x1)/√2 (Haar g = [h1, -h0]) then column pass
		final float[] x = { 1, 0, 3, 0, 5, 0, 7, 0 };
		final float[] c = new WaveletOperator(2, 2, DaubechiesFilter.DB1, 1).apply(x);
		assertArrayEquals(new float[] { 8, 0, -2, 0, -4, 0, 0, 0 }, c, 1e-5f);
		assertEquals(4, WaveletOperator.levelsFor(256, 256, 16));
		assertEquals(3, WaveletOperator.levelsFor(368, 128, 16));
	}

	@Test
	void combinatorsComposeAddAndScale() {
		final LinearOperator s = new CoilSensitivityOperator(random(2 * 12, 1), 12, 2);
		final LinearOperator f = new FourierOperator(4, 3, 2);
		final LinearOperator sense = new SamplingOperator(SamplingMask.ofColumns(new boolean[] { true, false, true,
			true }, 3), 2).compose(f).compose(s);
		checkAll(sense, 1e-5);
		final LinearOperator d = new FiniteDifferenceOperator(4, 3, Boundary.PERIODIC);
		checkAll(d.scale(2.5f), 1e-5);
		checkAll(f.plus(f.scale(-0.5f)), 1e-5);
		final float[] x = random(24, 4);
		assertArrayEquals(f.scale(0.5f).apply(x), f.plus(f.scale(-0.5f)).apply(x), 1e-5f);
		assertThrows(IllegalArgumentException.class, () -> d.compose(f));
	}

	@ParameterizedTest
	@CsvSource({ "8,6,true", "7,5,true", "8,6,false", "9,4,false" })
	void senseNormalShortcutEqualsAdjointAfterForward(final int w, final int h, final boolean columns) {
		final java.util.Random r = new java.util.Random(w * 31 + h);
		final boolean[] flags = new boolean[w * h];
		final boolean[] cols = new boolean[w];
		for (int i = 0; i < w; i++)
			cols[i] = r.nextBoolean();
		for (int i = 0; i < flags.length; i++)
			flags[i] = r.nextBoolean();
		final SamplingMask mask = columns ? SamplingMask.ofColumns(cols, h) : SamplingMask.of2D(flags, w, h);
		checkAll(new SenseOperator(mask, random(3 * w * h, 2), 3, null, 1), 1e-5);
		final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			checkAll(new SenseOperator(mask, random(3 * w * h, 2), 3, pool, 2), 1e-5);
		}
		finally {
			pool.shutdown();
		}
	}
}
