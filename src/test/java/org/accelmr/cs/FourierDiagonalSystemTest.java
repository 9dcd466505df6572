package org.accelmr.cs;

import static org.accelmr.linop.OperatorChecks.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.KSpace;
import org.accelmr.linop.FiniteDifferenceOperator;
import org.accelmr.linop.FiniteDifferenceOperator.Boundary;
import org.accelmr.linop.LinearOperator;
import org.accelmr.linop.SenseOperator;
import org.accelmr.mask.SamplingMask;
import org.accelmr.progress.Progress;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;

/** The exact x-update of single-coil ADMM, and what it buys: the same TV solution in far fewer iterations. */
class FourierDiagonalSystemTest {

	/** A random 2-D mask with the centre (DC in centred order) sampled. */
	static SamplingMask randomMask(final int w, final int h, final double fraction, final long seed) {
		final SplittableRandom r = new SplittableRandom(seed);
		final boolean[] m = new boolean[w * h];
		for (int i = 0; i < m.length; i++)
			m[i] = r.nextDouble() < fraction;
		m[(h / 2) * w + w / 2] = true;
		return SamplingMask.of2D(m, w, h);
	}

	static float[] ones(final int w, final int h) {
		return CoilMaps.ones(w, h).maps();
	}

	@Test
	void solvesTheSystemExactlyForEveryMaskKindAndSize() {
		for (final int[] size : new int[][] { { 12, 10 }, { 9, 7 } })
			for (final boolean columns : new boolean[] { false, true }) {
				final int w = size[0], h = size[1], n = w * h;
				final SamplingMask mask;
				if (columns) {
					final boolean[] c = new boolean[w];
					for (int x = 0; x < w; x += 2)
						c[x] = true;
					c[w / 2] = true;
					mask = SamplingMask.ofColumns(c, h);
				}
				else mask = randomMask(w, h, 0.4, 3);
				final SenseOperator a = new SenseOperator(mask, ones(w, h), 1, null, 1);
				final FiniteDifferenceOperator g = new FiniteDifferenceOperator(w, h, Boundary.PERIODIC);
				final double rho = 0.3;
				final float[] r = random(n, 11), x = new float[2 * n];
				final FourierDiagonalSystem system = new FourierDiagonalSystem(a.normalFourierDiagonal(), w, h, rho,
					g::applyNormal);
				assertEquals(columns, system.solvesByColumns(), "column masks with TV take the tridiagonal route");
				system.apply(r, x);
				final float[] sx = new float[2 * n], ggx = new float[2 * n];
				a.applyNormal(x, sx);
				g.applyNormal(x, ggx);
				for (int i = 0; i < sx.length; i++)
					sx[i] += (float) rho * ggx[i];
				assertTrue(Math.sqrt(Vectors.distanceSquared(sx, r) / Vectors.normSquared(r)) < 1e-5, w + "x" + h +
					(columns ? " columns" : " 2-D") + ": (N + ρ G^H G) x != r");
			}
	}

	/** Without the DC column ρ L_y alone is singular there: the 2-D route and its pseudo-inverse take over. */
	@Test
	void aColumnMaskWithoutItsCentreFallsBackToTheTwoDimensionalRoute() {
		final int w = 8, h = 6;
		final boolean[] c = new boolean[w];
		c[1] = c[3] = true;
		final SenseOperator a = new SenseOperator(SamplingMask.ofColumns(c, h), ones(w, h), 1, null, 1);
		final FiniteDifferenceOperator g = new FiniteDifferenceOperator(w, h, Boundary.PERIODIC);
		assertTrue(!new FourierDiagonalSystem(a.normalFourierDiagonal(), w, h, 0.1, g::applyNormal).solvesByColumns());
	}

	@Test
	void onlyOneCoilWithAMapOfOnesIsShiftInvariant() {
		final int w = 8, h = 6, n = w * h;
		final SamplingMask mask = randomMask(w, h, 0.5, 1);
		assertNotNull(new SenseOperator(mask, ones(w, h), 1, null, 1).normalFourierDiagonal());
		final float[] two = new float[4 * n];
		System.arraycopy(ones(w, h), 0, two, 0, 2 * n);
		System.arraycopy(ones(w, h), 0, two, 2 * n, 2 * n);
		assertNull(new SenseOperator(mask, two, 2, null, 1).normalFourierDiagonal(), "two coils");
		final float[] shaded = ones(w, h);
		shaded[10] = 0.5f;
		assertNull(new SenseOperator(mask, shaded, 1, null, 1).normalFourierDiagonal(), "a map that is not 1");
	}

	/**
	 * Single-coil TV from about 3x undersampled columns: with the exact x-update (and ρ = 10 λ) ADMM is within
	 * 0.2 % of the minimiser after 60 iterations; with BART's inexact one (2 CG steps, ρ 0.5) it is still over 1 %
	 * away after 200, though it gets there in the end.
	 */
	@Test
	void singleCoilTotalVariationSettlesInTensOfIterations() {
		final int w = 48, h = 48, n = w * h;
		final float[] image = new float[2 * n];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final double r = Math.hypot(x - 24, y - 22);
				image[2 * (y * w + x)] = r < 18 ? (r < 7 ? 1f : 0.5f) : (x > 4 && x < 10 && y > 8 && y < 40 ? 0.8f : 0);
			}
		final boolean[] columns = new boolean[w];
		final SplittableRandom random = new SplittableRandom(5);
		for (int x = 0; x < w; x++)
			columns[x] = Math.abs(x - w / 2) < 4 || random.nextDouble() < 0.25;
		final SamplingMask mask = SamplingMask.ofColumns(columns, h);
		final SenseOperator exact = new SenseOperator(mask, ones(w, h), 1, null, 1);
		final LinearOperator hidden = hidden(exact);
		final float[] y = exact.apply(image), noise = random(n, 9);
		for (int i = 0; i < y.length; i++)
			y[i] += 0.01f * noise[i];
		// λ as small as the best λ of 256² single-coil brain slices, where BART's fixed ρ 0.5 (250 λ) is slowest
		final SolverSettings s = SolverSettings.DEFAULTS.with(Penalty.TOTAL_VARIATION, 0.002, 60).withTolerance(0);
		final float[] optimum = RegularisedLeastSquares.solve(exact, y, w, h, s.withIterations(3000), 1, null,
			IterationMonitor.silent());
		final double fast = relative(RegularisedLeastSquares.solve(exact, y, w, h, s, 1, null, IterationMonitor
			.silent()), optimum);
		final double slow = relative(RegularisedLeastSquares.solve(hidden, y, w, h, s.withIterations(200), 1, null,
			IterationMonitor.silent()), optimum);
		final double slowLong = relative(RegularisedLeastSquares.solve(hidden, y, w, h, s.withIterations(6000), 1,
			null, IterationMonitor.silent()), optimum);
		// measured: 4.3e-4, 3.5e-2, 1.6e-4
		assertTrue(slowLong < 2e-3, "both reach the same minimum: " + slowLong);
		assertTrue(fast < 2e-3, "exact ADMM, 60 iterations: " + fast + " from the minimum");
		assertTrue(slow > 1e-2, "inexact ADMM, 200 iterations: " + slow + " from the minimum");
	}

	/** T. Chan's circulant diagonal, checked against {@code <e_k, A^H A e_k>} for every Fourier basis image e_k. */
	@Test
	void circulantDiagonalIsTheNormalOperatorsFourierDiagonal() {
		final int w = 6, h = 5, n = w * h, coils = 3;
		final float[] maps = random(n * coils, 4);
		final SamplingMask mask = randomMask(w, h, 0.5, 2);
		final SenseOperator a = new SenseOperator(mask, maps, coils, null, 1);
		final float[] c = a.circulantNormalDiagonal();
		final float[] e = new float[2 * n], ne = new float[2 * n];
		for (int ky = 0; ky < h; ky++)
			for (int kx = 0; kx < w; kx++) {
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						final double phase = 2 * Math.PI * ((double) kx * x / w + (double) ky * y / h);
						e[2 * (y * w + x)] = (float) (Math.cos(phase) / Math.sqrt(n));
						e[2 * (y * w + x) + 1] = (float) (Math.sin(phase) / Math.sqrt(n));
					}
				a.applyNormal(e, ne);
				assertEquals(Vectors.realDot(e, ne), c[ky * w + kx], 1e-5, "frequency " + kx + "," + ky);
			}
		final SenseOperator one = new SenseOperator(mask, ones(w, h), 1, null, 1);
		assertArrayEquals(one.normalFourierDiagonal(), one.circulantNormalDiagonal(), 1e-6f);
	}

	/**
	 * Multi-coil TV: ADMM's x-update {@code (A^H A + ρ G^H G) x = A^H y} from zero, 2 inner CG steps
	 * preconditioned by the circulant approximation against 2 plain ones, each against the exact solution
	 * (measured: 0.020 against 0.118 of its norm).
	 */
	@Test
	void preconditioningBringsTheInnerStepsCloserToTheExactUpdate() {
		final int w = SIZE, h = SIZE, n = w * h, coils = 8;
		final KSpace full = KSpaceSimulator.simulate(Phantoms.brain(w, h), new SimulationConfig(coils, true, 0.005, 3),
			"phantom", Progress.NONE);
		final boolean[] columns = new boolean[w];
		final SplittableRandom random = new SplittableRandom(5);
		for (int x = 0; x < w; x++)
			columns[x] = Math.abs(x - w / 2) < 4 || random.nextDouble() < 0.2;
		final SamplingMask mask = SamplingMask.ofColumns(columns, h);
		final ComplexStack under = full.undersample(mask).data();
		final CoilMaps maps = EspiritCalibration.DEFAULTS.estimate(under, mask);
		final float[] y = new float[2 * n * coils];
		for (int c = 0; c < coils; c++)
			System.arraycopy(under.plane(0, c), 0, y, 2 * n * c, 2 * n);
		final SenseOperator a = new SenseOperator(mask, maps.maps(), coils, null, 1);
		final FiniteDifferenceOperator g = new FiniteDifferenceOperator(w, h, Boundary.PERIODIC);
		final float[] b = a.applyAdjoint(y);
		final double rho = 0.5;
		final java.util.function.BiFunction<Integer, Boolean, float[]> update = (inner, precondition) -> {
			final Admm admm = new Admm(a::applyNormal, b, g::apply, g::applyAdjoint, g::applyNormal, 2 * g
				.codomainSize(), new GradientNorm(0.002, n, true), rho, inner, new float[2 * n], 1);
			if (precondition) admm.precondition(new FourierDiagonalSystem(a.circulantNormalDiagonal(), w, h, rho,
				g::applyNormal));
			admm.step();
			return admm.solution().clone();
		};
		final float[] exact = update.apply(500, false);
		final double plain = relative(update.apply(2, false), exact), preconditioned = relative(update.apply(2, true),
			exact);
		assertTrue(preconditioned < 0.5 * plain, preconditioned + " preconditioned, " + plain + " plain");
	}

	static final int SIZE = 64;

	/** The same operator without its Fourier information, so solvers take their generic route. */
	static LinearOperator hidden(final SenseOperator exact) {
		return new LinearOperator() {

			@Override
			public int domainSize() {
				return exact.domainSize();
			}

			@Override
			public int codomainSize() {
				return exact.codomainSize();
			}

			@Override
			public void apply(final float[] x, final float[] y) {
				exact.apply(x, y);
			}

			@Override
			public void applyAdjoint(final float[] y, final float[] x) {
				exact.applyAdjoint(y, x);
			}

			@Override
			public void applyNormal(final float[] x, final float[] out) {
				exact.applyNormal(x, out);
			}
		};
	}

	static double relative(final float[] x, final float[] reference) {
		return Math.sqrt(Vectors.distanceSquared(x, reference) / Vectors.normSquared(reference));
	}
}
