package org.accelmr.cs;

import static org.accelmr.linop.OperatorChecks.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.accelmr.AccelMRException;
import org.accelmr.linop.LinearOperator;
import org.accelmr.progress.CancelledException;
import org.accelmr.progress.Progress;
import org.junit.jupiter.api.Test;

/** Every solver on small problems with known answers, objective decrease, and the solver choice. */
class SolversTest {

	/** {@code A = diag(d)} with real d. */
	static LinearOperator diagonal(final float[] d) {
		return new LinearOperator() {

			@Override
			public int domainSize() {
				return d.length;
			}

			@Override
			public int codomainSize() {
				return d.length;
			}

			@Override
			public void apply(final float[] x, final float[] y) {
				for (int i = 0; i < d.length; i++) {
					y[2 * i] = d[i] * x[2 * i];
					y[2 * i + 1] = d[i] * x[2 * i + 1];
				}
			}

			@Override
			public void applyAdjoint(final float[] y, final float[] x) {
				apply(y, x);
			}
		};
	}

	@Test
	void conjugateGradientSolvesTikhonovExactly() {
		// (diag(d)^2 + λ) x = d y  ->  x_i = d_i y_i / (d_i² + λ)
		final int n = 30;
		final float[] d = new float[n];
		for (int i = 0; i < n; i++)
			d[i] = 0.2f + 0.8f * i / n;
		final float[] y = random(n, 3);
		final SolverSettings s = SolverSettings.DEFAULTS.with(Penalty.L2, 0.1, 200).withTolerance(0);
		final float[] x = RegularisedLeastSquares.solve(diagonal(d), y, n, 1, s, 1, null, IterationMonitor.silent());
		for (int i = 0; i < 2 * n; i++)
			assertEquals(d[i / 2] * y[i] / (d[i / 2] * d[i / 2] + 0.1), x[i], 1e-5);
	}

	@Test
	void conjugateGradientResidualFallsMonotonically() {
		final float[] d = { 1, 2, 3, 4, 5, 6, 7, 8 };
		final LinearOperator a = diagonal(d);
		final float[] b = random(8, 1);
		final ConjugateGradient cg = new ConjugateGradient(a::applyNormal, b, new float[16], 8, 0);
		// CG minimises the energy ½ x^H N x - Re<b, x> over growing Krylov spaces: it never rises
		double previous = Double.MAX_VALUE;
		final float[] nx = new float[16];
		while (!cg.isDone()) {
			cg.step();
			a.applyNormal(cg.solution(), nx);
			final double energy = Vectors.realDot(cg.solution(), nx) / 2 - Vectors.realDot(b, cg.solution());
			assertTrue(energy <= previous + 1e-7, "energy rose to " + energy);
			previous = energy;
		}
		assertTrue(cg.residualSquared() < 1e-8 * Vectors.normSquared(b), "8 distinct eigenvalues: exact in 8 steps");
	}

	@Test
	void fistaReachesTheSoftThresholdFixedPoint() {
		// ½|d x - y|² + λ|x|  ->  x = soft(d y, λ) / d²
		final int n = 40;
		final float[] d = new float[n];
		for (int i = 0; i < n; i++)
			d[i] = 0.5f + 0.5f * i / n;
		final float[] y = random(n, 8);
		final double lambda = 0.3;
		final LinearOperator a = diagonal(d);
		final float[] b = a.applyAdjoint(y);
		final L1Norm g = new L1Norm(lambda);
		final IterationMonitor monitor = IterationMonitor.silent().recordObjective(x -> objective(a, y, x) + g
			.value(x));
		final float[] x = new Fista(a::applyNormal, b, g, 0.95, new float[2 * n], 300).run(monitor);
		for (int i = 0; i < n; i++) {
			final double re = d[i] * y[2 * i], im = d[i] * y[2 * i + 1], mag = Math.hypot(re, im);
			final double f = Math.max(0, 1 - lambda / mag) / (d[i] * d[i]);
			assertEquals(f * re, x[2 * i], 1e-4);
			assertEquals(f * im, x[2 * i + 1], 1e-4);
		}
		assertDecreasing(monitor.objectives(), 20);
	}

	/**
	 * TV denoising of vertical stripes (left half a, right half b, periodic): the minimiser stays two-valued and
	 * each level moves by {@code 4λ / W} towards the other (two jumps per row, area {@code W H / 2}).
	 */
	@Test
	void admmReachesTheKnownTotalVariationSolution() {
		for (final Penalty p : new Penalty[] { Penalty.TOTAL_VARIATION, Penalty.ANISOTROPIC_TOTAL_VARIATION }) {
			final int w = 16, h = 8;
			final float[] f = new float[2 * w * h];
			for (int i = 0; i < w * h; i++)
				f[2 * i] = i % w < w / 2 ? 1f : 0.2f;
			final float[] ones = new float[w * h];
			java.util.Arrays.fill(ones, 1);
			final double lambda = 0.4;
			final SolverSettings s = SolverSettings.DEFAULTS.with(p, lambda, 300).withInner(1, 5).withTolerance(0);
			final ProximalFunction tv = RegularisedLeastSquares.penaltyOfImage(s, w, h);
			final LinearOperator a = diagonal(ones);
			final IterationMonitor monitor = IterationMonitor.silent().recordObjective(x -> objective(a, f, x) + tv
				.value(x));
			final float[] x = RegularisedLeastSquares.solve(a, f, w, h, s, 1, null, monitor);
			final double shift = 4 * lambda / w;
			for (int i = 0; i < w * h; i++) {
				assertEquals(i % w < w / 2 ? 1 - shift : 0.2 + shift, x[2 * i], 1e-3, p + " pixel " + i);
				assertEquals(0, x[2 * i + 1], 1e-4);
			}
			// ADMM is not a descent method: check it ends at the optimal objective and went down overall
			final float[] known = new float[2 * w * h];
			for (int i = 0; i < w * h; i++)
				known[2 * i] = (float) (i % w < w / 2 ? 1 - shift : 0.2 + shift);
			final double optimum = objective(a, f, known) + tv.value(known);
			final List<Double> obj = monitor.objectives();
			assertEquals(optimum, obj.get(obj.size() - 1), 1e-3 * optimum);
			assertTrue(obj.get(obj.size() - 1) < obj.get(0));
		}
	}

	@Test
	void waveletFistaDenoisesAndRepeatsWithTheSameSeed() {
		final int w = 32, h = 32;
		final float[] clean = new float[2 * w * h];
		for (int i = 0; i < w * h; i++)
			clean[2 * i] = (i % w > 8 && i % w < 24 && i / w > 8 && i / w < 24) ? 1 : 0;
		final float[] noisy = clean.clone();
		final float[] noise = random(w * h, 5);
		for (int i = 0; i < noisy.length; i++)
			noisy[i] += 0.1f * noise[i];
		final float[] ones = new float[w * h];
		java.util.Arrays.fill(ones, 1);
		final SolverSettings s = SolverSettings.DEFAULTS.with(Penalty.L1_WAVELET, 0.1, 50);
		final float[] x1 = RegularisedLeastSquares.solve(diagonal(ones), noisy, w, h, s, 1, null, IterationMonitor
			.silent());
		final float[] x2 = RegularisedLeastSquares.solve(diagonal(ones), noisy, w, h, s, 1, null, IterationMonitor
			.silent());
		assertTrue(java.util.Arrays.equals(x1, x2), "same seed, same result");
		final double before = Vectors.distanceSquared(noisy, clean), after = Vectors.distanceSquared(x1, clean);
		assertTrue(after < 0.5 * before, "denoising error " + after + " vs noisy " + before);
	}

	/** With a tolerance FISTA and ADMM stop early, and where they stop is close to where the full budget ends. */
	@Test
	void solversStopAtTheToleranceNearTheFullResult() {
		final int w = 32, h = 32;
		final float[] clean = new float[2 * w * h];
		for (int i = 0; i < w * h; i++)
			clean[2 * i] = (i % w > 8 && i % w < 24 && i / w > 8 && i / w < 24) ? 1 : 0;
		final float[] noisy = clean.clone();
		final float[] noise = random(w * h, 5);
		for (int i = 0; i < noisy.length; i++)
			noisy[i] += 0.1f * noise[i];
		final float[] ones = new float[w * h];
		java.util.Arrays.fill(ones, 1);
		for (final Penalty p : new Penalty[] { Penalty.L1_WAVELET, Penalty.TOTAL_VARIATION }) {
			final SolverSettings full = SolverSettings.DEFAULTS.with(p, 0.05, 300).withTolerance(0);
			final IterationMonitor all = IterationMonitor.silent(), early = IterationMonitor.silent();
			final float[] x = RegularisedLeastSquares.solve(diagonal(ones), noisy, w, h, full, 1, null, all);
			final float[] y = RegularisedLeastSquares.solve(diagonal(ones), noisy, w, h, full.withTolerance(1e-4), 1,
				null, early);
			assertEquals(300, all.iterations());
			assertTrue(early.iterations() < 200, p + " stopped after " + early.iterations());
			assertTrue(early.residuals().get(early.iterations() - 1) < 1e-4);
			// quality, not iterate equality: cycle spinning keeps the wavelet iterates moving by design
			final double full300 = Vectors.distanceSquared(x, clean), stopped = Vectors.distanceSquared(y, clean);
			assertTrue(stopped < 1.05 * full300, p + ": error " + stopped + " when stopped vs " + full300 + " at 300");
		}
		assertThrows(AccelMRException.class, () -> SolverSettings.DEFAULTS.withTolerance(-1));
		assertTrue(SolverSettings.DEFAULTS.withLambda(SolverSettings.AUTO_LAMBDA).isAutoLambda());
		assertThrows(IllegalArgumentException.class, () -> RegularisedLeastSquares.solve(diagonal(ones), noisy, w, h,
			SolverSettings.DEFAULTS.withLambda(SolverSettings.AUTO_LAMBDA), 1, null, IterationMonitor.silent()));
	}

	@Test
	void solverChoiceFollowsBart() {
		assertEquals(Algorithm.CONJUGATE_GRADIENT, Algorithm.choose(Penalty.L2));
		assertEquals(Algorithm.FISTA, Algorithm.choose(Penalty.L1_WAVELET));
		assertEquals(Algorithm.ADMM, Algorithm.choose(Penalty.TOTAL_VARIATION));
		assertEquals(Algorithm.ADMM, Algorithm.choose(Penalty.ANISOTROPIC_TOTAL_VARIATION));
		assertEquals(Algorithm.ADMM, Algorithm.resolve(Penalty.L1_WAVELET, Algorithm.ADMM));
		assertThrows(AccelMRException.class, () -> Algorithm.resolve(Penalty.TOTAL_VARIATION, Algorithm.FISTA));
		assertThrows(AccelMRException.class, () -> Algorithm.resolve(Penalty.L1_WAVELET,
			Algorithm.CONJUGATE_GRADIENT));
	}

	@Test
	void monitorReportsProgressAndCancels() {
		final int[] calls = { 0 };
		final Progress p = new Progress() {

			@Override
			public void status(final String message) {}

			@Override
			public void progress(final long done, final long total) {
				calls[0]++;
			}

			@Override
			public boolean isCancelled() {
				return calls[0] >= 3;
			}
		};
		final float[] d = { 1, 2 };
		final SolverSettings s = SolverSettings.DEFAULTS.with(Penalty.L1_WAVELET, 0.1, 100);
		assertThrows(CancelledException.class, () -> new Fista(diagonal(d)::applyNormal, new float[4], new L1Norm(
			0.1), 0.2, new float[4], 100).run(new IterationMonitor(p, 100)));
		assertEquals(3, calls[0]);
		assertThrows(AccelMRException.class, () -> s.with(Penalty.TOTAL_VARIATION, -1, 10));
		assertThrows(AccelMRException.class, () -> s.with(Penalty.TOTAL_VARIATION, 0.1, 0));
	}

	static double objective(final LinearOperator a, final float[] y, final float[] x) {
		return Vectors.distanceSquared(a.apply(x), y) / 2;
	}

	/** Non-increasing (to 1e-6 relative) after {@code from} iterations, and well below the first value. */
	static void assertDecreasing(final List<Double> f, final int from) {
		for (int k = from + 1; k < f.size(); k++)
			assertTrue(f.get(k) <= f.get(k - 1) * (1 + 1e-6) + 1e-9, "objective rose at " + k + ": " + f.get(k -
				1) + " -> " + f.get(k));
		assertTrue(f.get(f.size() - 1) < f.get(0), "objective did not fall");
	}
}
