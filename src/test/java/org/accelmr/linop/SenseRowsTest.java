package org.accelmr.linop;

import static org.accelmr.linop.OperatorChecks.checkAdjoint;
import static org.accelmr.linop.OperatorChecks.checkLinear;
import static org.accelmr.linop.OperatorChecks.distance;
import static org.accelmr.linop.OperatorChecks.norm;
import static org.accelmr.linop.OperatorChecks.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.accelmr.mask.SamplingMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SENSE model split row by row: an operator with its adjoint, a diagonal Gram, and the same data term. */
class SenseRowsTest {

	private static final int W = 24;
	private static final int H = 20;
	private static final int COILS = 6;

	/** Smooth complex maps from random plane waves (so each row needs several virtual coils). */
	private static float[] maps() {
		final int n = W * H;
		final Random r = new Random(5);
		final float[] maps = new float[2 * COILS * n];
		for (int c = 0; c < COILS; c++) {
			final double fx = r.nextDouble() * 0.4, fy = r.nextDouble() * 0.4, phase = r.nextDouble() * 6;
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) {
					final double a = 0.5 + 0.4 * Math.cos(fx * x + fy * y + phase), p = 0.2 * x - 0.1 * y + c;
					maps[2 * (c * n + y * W + x)] = (float) (a * Math.cos(p));
					maps[2 * (c * n + y * W + x) + 1] = (float) (a * Math.sin(p));
				}
		}
		return maps;
	}

	private static SamplingMask columns(final long seed) {
		final Random r = new Random(seed);
		final boolean[] cols = new boolean[W];
		for (int i = 0; i < W; i++)
			cols[i] = r.nextInt(3) == 0 || Math.abs(i - W / 2) < 2;
		return SamplingMask.ofColumns(cols, H);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2 })
	void isALinearOperatorWithItsAdjoint(final int threads) {
		final ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			final SenseRows b = new SenseOperator(columns(1), maps(), COILS, threads > 1 ? pool : null, threads)
				.rows();
			checkAdjoint(b, 1e-5);
			checkLinear(b, 1e-5);
			// B^H B is the pixel diagonal gram()
			final float[] x = random(W * H, 3), bx = b.apply(x), back = b.applyAdjoint(bx), d = b.gram();
			final float[] expected = new float[x.length];
			for (int p = 0; p < d.length; p++) {
				expected[2 * p] = d[p] * x[2 * p];
				expected[2 * p + 1] = d[p] * x[2 * p + 1];
			}
			assertTrue(distance(back, expected) < 1e-5 * norm(expected), "B^H B = diag(gram)");
		}
		finally {
			pool.shutdown();
		}
	}

	/**
	 * The data term's gradient through the split, {@code B^H P (B x - y_B)}, is SENSE's {@code A^H (A x - y)} (to
	 * the virtual coils' tolerance), with samples outside the mask in y ignored as A ignores them; and
	 * {@link SenseRows#applyThrough} with the identity is {@code B^H B}.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 1, 2 })
	void theSplitDataTermHasSenseGradient(final int threads) {
		final ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			final SenseOperator a = new SenseOperator(columns(2), maps(), COILS, threads > 1 ? pool : null,
				threads);
			final SenseRows b = a.rows();
			// data the model can explain (y = A z, off the mask too): dropped virtual coils then change nothing
			// beyond the normal operator's tolerance; data across the coils' span would lose its dropped share
			final float[] x = random(W * H, 7), y = a.apply(random(W * H, 8));
			final float[] outside = random(W * H * COILS, 9);
			for (int c = 0; c < COILS; c++)
				for (int r = 0; r < H; r++)
					for (int kx = 0; kx < W; kx++)
						if (a.rows().sampled()[(kx + W / 2) % W]) continue;
						else {
							final int i = 2 * ((c * H + r) * W + kx);
							y[i] = outside[i];
							y[i + 1] = outside[i + 1];
						}
			final float[] expected = new float[2 * W * H];
			a.applyNormal(x, expected);
			final float[] aty = a.applyAdjoint(y);
			for (int i = 0; i < expected.length; i++)
				expected[i] -= aty[i];
			final float[] residual = b.apply(x), data = b.data(y);
			final boolean[] sampled = b.sampled();
			for (int e = 0; e < sampled.length; e++) {
				residual[2 * e] = sampled[e] ? residual[2 * e] - data[2 * e] : 0;
				residual[2 * e + 1] = sampled[e] ? residual[2 * e + 1] - data[2 * e + 1] : 0;
			}
			final float[] gradient = b.applyAdjoint(residual);
			assertTrue(distance(gradient, expected) < 1e-4 * norm(expected), "relative difference " + distance(
				gradient, expected) / norm(expected));
			for (int e = 0; e < sampled.length; e++)
				if (!sampled[e]) assertEquals(0, Math.hypot(data[2 * e], data[2 * e + 1]), 0, "unsampled data");
			final float[] through = new float[2 * W * H];
			b.applyThrough(x, (line, index) -> {}, through);
			assertTrue(distance(through, b.applyAdjoint(b.apply(x))) < 1e-6 * norm(through));
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void onlyColumnMasksOfEvenWidthSplit() {
		final boolean[] flags = new boolean[W * H];
		flags[0] = true;
		assertNull(new SenseOperator(SamplingMask.of2D(flags, W, H), maps(), COILS, null, 1).rows());
		final int odd = W - 1;
		final boolean[] cols = new boolean[odd];
		cols[odd / 2] = true;
		assertNull(new SenseOperator(SamplingMask.ofColumns(cols, H), new float[2 * odd * H], 1, null, 1).rows());
		assertNotNull(new SenseOperator(columns(1), maps(), COILS, null, 1).rows());
	}
}
