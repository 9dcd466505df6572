package org.accelmr.cs;

import org.accelmr.linop.FiniteDifferenceOperator;
import org.accelmr.linop.FiniteDifferenceOperator.Boundary;
import org.accelmr.linop.LinearOperator;
import org.accelmr.linop.WaveletOperator;

/**
 * Solves {@code x = argmin ½‖A x - y‖² + λ R(x)} for an image of {@code width x height} (SigPy's
 * {@code LinearLeastSquares} app): builds R's operator and prox, picks the algorithm
 * ({@link Algorithm#resolve}) and runs it. A knows nothing of coils or masks here, and the algorithms know
 * nothing of A beyond {@code A^H A} and {@code A^H y}.
 */
public final class RegularisedLeastSquares {

	/** Coarsest wavelet band at least this wide (BART's minimum size). */
	static final int WAVELET_MIN_SIZE = 16;
	/**
	 * ADMM's ρ over λ when the x-update is exact ({@link FourierDiagonalSystem}). The solution does not depend on
	 * ρ, only the speed: on single-coil 256² slices at λ 0.002-0.02 (docs/algorithms-cs.md, "Single-coil TV") 10 λ settled in 30-60
	 * iterations, where BART's fixed 0.5 had not after 200 (up to 5 dB short at small λ).
	 */
	static final double EXACT_RHO_PER_LAMBDA = 10;
	static final double MIN_RHO = 1e-5;


	private RegularisedLeastSquares() {}

	/**
	 * @param normBound an upper bound of {@code ‖A^H A‖} (1 for a normalised SENSE model), or <= 0 to estimate
	 *          it by power iteration
	 * @param x0 the starting image (copied), or null for zero
	 */
	public static float[] solve(final LinearOperator a, final float[] y, final int width, final int height,
		final SolverSettings s, final double normBound, final float[] x0, final IterationMonitor monitor)
	{
		if (a.domainSize() != width * height) throw new IllegalArgumentException("operator domain " + a
			.domainSize() + " is not " + height + "x" + width);
		final float[] b = a.applyAdjoint(y);
		final float[] x = x0 == null ? new float[b.length] : x0.clone();
		final VectorMap normal = a::applyNormal;
		if (s.isAutoLambda()) throw new IllegalArgumentException("choose λ before solving (SenseReconstruction)");
		final Algorithm algorithm = Algorithm.resolve(s.penalty(), s.algorithm());
		final IterativeAlgorithm solver = switch (algorithm) {
			case CONJUGATE_GRADIENT -> {
				final float lambda = (float) s.lambda();
				final VectorMap regularised = (v, out) -> {
					normal.apply(v, out);
					for (int i = 0; i < out.length; i++)
						out[i] += lambda * v[i];
				};
				yield new ConjugateGradient(regularised, b, x, s.iterations(), 0);
			}
			case FISTA -> {
				final double lipschitz = normBound > 0 ? normBound : PowerIteration.largestEigenvalue(normal,
					b.length, 20, s.seed()) * 1.05;
				yield new Fista(normal, b, prox(s, width, height), 0.95 / lipschitz, x, s.iterations());
			}
			case ADMM -> {
				final LinearOperator g = splitting(s, width, height);
				final float[] diagonal = a.normalFourierDiagonal(); // the splitting is periodic, hence circulant too
				final boolean exact = diagonal != null;
				final double rho = exact ? Math.max(EXACT_RHO_PER_LAMBDA * s.lambda(), MIN_RHO) : s.rho();
				final Admm admm = new Admm(normal, b, g::apply, g::applyAdjoint, g::applyNormal, 2 * g.codomainSize(),
					penaltyOnSplit(s, width, height), rho, s.innerIterations(), x, s.iterations());
				final float[] circulant = exact ? null : a.circulantNormalDiagonal();
				if (exact) admm.solveExactly(new FourierDiagonalSystem(diagonal, width, height, rho, g::applyNormal));
				else if (circulant != null) admm.precondition(new FourierDiagonalSystem(circulant, width, height, rho,
					g::applyNormal));
				yield admm;
			}
		};
		solver.stopAt(s.tolerance());
		return solver.run(monitor);
	}

	/** {@code λ R} as a function of x, for objectives in tests and diagnostics. */
	public static ProximalFunction penaltyOfImage(final SolverSettings s, final int width, final int height) {
		if (s.penalty() == Penalty.L1_WAVELET) return prox(s, width, height);
		if (s.penalty() == Penalty.L2) return new ProximalFunction() {

			@Override
			public double value(final float[] x) {
				return s.lambda() * Vectors.normSquared(x) / 2;
			}

			@Override
			public void prox(final double alpha, final float[] v, final float[] out) {
				final float f = (float) (1 / (1 + alpha * s.lambda()));
				for (int i = 0; i < v.length; i++)
					out[i] = f * v[i];
			}
		};
		final LinearOperator g = splitting(s, width, height);
		final ProximalFunction norm = penaltyOnSplit(s, width, height);
		return new ProximalFunction() {

			@Override
			public double value(final float[] x) {
				return norm.value(g.apply(x));
			}

			@Override
			public void prox(final double alpha, final float[] v, final float[] out) {
				throw new UnsupportedOperationException("total variation has no closed-form prox");
			}
		};
	}

	private static ProximalFunction prox(final SolverSettings s, final int width, final int height) {
		final int levels = WaveletOperator.levelsFor(width, height, WAVELET_MIN_SIZE);
		return new L1WaveletNorm(new WaveletOperator(width, height, s.filter(), levels), width, height, levels, s
			.lambda(), s.seed());
	}

	private static LinearOperator splitting(final SolverSettings s, final int width, final int height) {
		return new FiniteDifferenceOperator(width, height, Boundary.PERIODIC);
	}

	private static ProximalFunction penaltyOnSplit(final SolverSettings s, final int width, final int height) {
		return new GradientNorm(s.lambda(), width * height, s.penalty() != Penalty.ANISOTROPIC_TOTAL_VARIATION);
	}
}
