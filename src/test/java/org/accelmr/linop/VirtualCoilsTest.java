package org.accelmr.linop;

import static org.accelmr.linop.OperatorChecks.checkAll;
import static org.accelmr.linop.OperatorChecks.distance;
import static org.accelmr.linop.OperatorChecks.norm;
import static org.accelmr.linop.OperatorChecks.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.accelmr.mask.SamplingMask;
import org.ejml.data.ZMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SENSE normal operator on virtual coils: as many as the maps need, and the same operator. */
class VirtualCoilsTest {

	/**
	 * Five coils mixed from two smooth patterns, zero on the first and last two rows: every other row needs two
	 * virtual coils, the empty rows none, the whole image two; the normal operator is still {@code A^H A}.
	 */
	@ParameterizedTest
	@CsvSource({ "true,1", "true,2", "false,1", "false,2" })
	void redundantCoilsCollapseAndTheOperatorStaysExact(final boolean columns, final int threads) {
		final int w = 16, h = 12, n = w * h, coils = 5;
		final Random r = new Random(3);
		final float[] maps = new float[2 * coils * n];
		for (int c = 0; c < coils; c++) {
			final double ar = r.nextGaussian(), ai = r.nextGaussian(), br = r.nextGaussian(), bi = r.nextGaussian();
			for (int y = 2; y < h - 2; y++)
				for (int x = 0; x < w; x++) {
					final double p = Math.cos(0.3 * x + 0.2 * y), q = Math.exp(-((x - 8) * (x - 8) + (y - 5) * (y -
						5)) / 30.0);
					final int i = 2 * (c * n + y * w + x);
					maps[i] = (float) (ar * p + br * q);
					maps[i + 1] = (float) (ai * p + bi * q);
				}
		}
		final VirtualCoils rows = VirtualCoils.of(maps, coils, n, w, VirtualCoils.TOLERANCE);
		for (int y = 0; y < h; y++)
			assertEquals(y < 2 || y >= h - 2 ? 0 : 2, rows.count(y), "row " + y);
		assertEquals(2, VirtualCoils.of(maps, coils, n, n, VirtualCoils.TOLERANCE).count(0));
		final boolean[] cols = new boolean[w];
		final boolean[] flags = new boolean[n];
		for (int i = 0; i < w; i++)
			cols[i] = r.nextBoolean();
		for (int i = 0; i < n; i++)
			flags[i] = r.nextBoolean();
		final SamplingMask mask = columns ? SamplingMask.ofColumns(cols, h) : SamplingMask.of2D(flags, w, h);
		final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			checkAll(new SenseOperator(mask, maps, coils, threads > 1 ? pool : null, threads), 1e-5);
		}
		finally {
			pool.shutdown();
		}
	}

	/**
	 * A weak sixth coil (1e-4 of the others' amplitude, 1e-8 of their energy) is dropped, and the operator moves by
	 * no more than the tolerance times its norm bound; a strong one is kept and the operator stays exact.
	 */
	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void aWeakComponentIsDroppedWithinTheTolerance(final boolean columns) {
		final int w = 16, h = 12, n = w * h;
		final float[] five = random(5 * n, 8);
		final Random r = new Random(9);
		final boolean[] cols = new boolean[w];
		for (int i = 0; i < w; i++)
			cols[i] = r.nextBoolean();
		final boolean[] flags = new boolean[n];
		for (int i = 0; i < n; i++)
			flags[i] = r.nextBoolean();
		final SamplingMask mask = columns ? SamplingMask.ofColumns(cols, h) : SamplingMask.of2D(flags, w, h);
		for (final double amplitude : new double[] { 1e-4, 1 }) {
			final float[] maps = java.util.Arrays.copyOf(five, 12 * n);
			final float[] sixth = random(n, 10);
			for (int i = 0; i < 2 * n; i++)
				maps[10 * n + i] = (float) (amplitude * sixth[i]);
			final int group = columns ? w : n;
			final VirtualCoils v = VirtualCoils.of(maps, 6, n, group, VirtualCoils.TOLERANCE);
			for (int g = 0; g < v.groups(); g++)
				assertEquals(amplitude < 1 ? 5 : 6, v.count(g), "group " + g + ", amplitude " + amplitude);
			final SenseOperator a = new SenseOperator(mask, maps, 6, null, 1);
			final float[] x = random(n, 11);
			final float[] exact = a.applyAdjoint(a.apply(x)), normal = new float[2 * n];
			a.applyNormal(x, normal);
			final double bound = CoilSensitivityOperator.maxSumOfSquares(maps, n, 6);
			// float rounding of the two routes (about 1e-6 of |A^H A x|) on top of what was dropped
			final double allowed = (amplitude < 1 ? VirtualCoils.TOLERANCE * bound : 0) * norm(x) + 2e-6 * norm(exact);
			assertTrue(distance(normal, exact) <= allowed, "amplitude " + amplitude + ": " + distance(normal, exact) +
				" > " + allowed);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 7, 16 })
	void hermitianEigenpairsSatisfyTheirEquation(final int size) {
		final Random r = new Random(size);
		final ZMatrixRMaj h = new ZMatrixRMaj(size, size);
		for (int i = 0; i < size; i++)
			for (int j = i; j < size; j++) {
				final double re = r.nextGaussian(), im = i == j ? 0 : r.nextGaussian();
				h.set(i, j, re, im);
				h.set(j, i, re, -im);
			}
		final ZMatrixRMaj copy = h.copy();
		final HermitianEigen eig = HermitianEigen.of(h);
		for (int e = 0; e < size; e++) {
			final double[] v = eig.vectors[e];
			double residual = 0, length = 0;
			for (int i = 0; i < size; i++) {
				double re = -eig.values[e] * v[2 * i], im = -eig.values[e] * v[2 * i + 1];
				for (int j = 0; j < size; j++) {
					re += copy.getReal(i, j) * v[2 * j] - copy.getImag(i, j) * v[2 * j + 1];
					im += copy.getReal(i, j) * v[2 * j + 1] + copy.getImag(i, j) * v[2 * j];
				}
				residual += re * re + im * im;
				length += v[2 * i] * v[2 * i] + v[2 * i + 1] * v[2 * i + 1];
			}
			assertEquals(1, length, 1e-10, "eigenvector " + e + " of " + size);
			assertTrue(Math.sqrt(residual) < 1e-10 * size, "eigenpair " + e + " of " + size + ": " + residual);
		}
	}

	@Test
	void oneCoilOfOnesKeepsItself() {
		final int w = 8, h = 4, n = w * h;
		final float[] ones = new float[2 * n];
		for (int i = 0; i < n; i++)
			ones[2 * i] = 1;
		final VirtualCoils v = VirtualCoils.of(ones, 1, n, w, VirtualCoils.TOLERANCE);
		for (int y = 0; y < h; y++)
			assertEquals(1, v.count(y));
		for (int i = 0; i < 2 * n; i++)
			assertEquals(ones[i], v.maps()[i], 0);
	}
}
