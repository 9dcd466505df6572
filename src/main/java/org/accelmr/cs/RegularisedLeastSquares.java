package org.accelmr.cs;

import org.accelmr.linop.FiniteDifferenceOperator;
import org.accelmr.linop.FiniteDifferenceOperator.Boundary;
import org.accelmr.linop.LinearOperator;
import org.accelmr.linop.SenseOperator;
import org.accelmr.linop.SenseRows;
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
		if (s.isAutoLambda()) throw new IllegalArgumentException("choose λ before solving (SenseReconstruction)");
		if (splitsRows(s, a)) {
			final float[] x = x0 == null ? new float[2 * width * height] : x0.clone();
			final IterativeAlgorithm admm = shiftedWaveletAdmm(((SenseOperator) a).rows(), y, s, width, height, x);
			admm.stopAt(s.tolerance() * ShiftedWaveletAdmm.TOLERANCE_SCALE);
			return admm.run(monitor);
		}
		final float[] b = a.applyAdjoint(y);
		final float[] x = x0 == null ? new float[b.length] : x0.clone();
		final VectorMap normal = a::applyNormal;
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

	/**
	 * Whether {@link #solve} runs {@link ShiftedWaveletAdmm}: the L1-wavelet with the solver left to choose, on a
	 * multi-coil SENSE model with a column mask of even width ({@link SenseOperator#rows()}) and an acceleration below
	 * {@value #MAX_SPLIT_ACCELERATION}. Single-coil data keeps FISTA: its defaults lost 0.15 dB with the split on the
	 * INIA19 slice with 1 % noise. So do higher accelerations: at R=8 the split's settled images were below FISTA's
	 * at every λ tried (the scan-like 16-coil 1 % volume: best 23.21 dB against FISTA's defaults 23.36, and the VarNet
	 * started from them 0.07 SSIM lower), where FISTA's unfinished climb regularises. docs/algorithms-cs.md, item (6).
	 */
	static boolean splitsRows(final SolverSettings s, final LinearOperator a) {
		return s.algorithm() == null && s.penalty() == Penalty.L1_WAVELET && a instanceof SenseOperator sense && sense
			.coils() > 1 && sense.splitsRows() && sense.acceleration() < MAX_SPLIT_ACCELERATION;
	}

	/**
	 * The split is used below this acceleration (measured at R=4, where its images matched FISTA's, and at R=8, where
	 * they did not). A λ path at an acceleration just below it holds out samples and may solve its points with FISTA
	 * and its final image with the split: the λ is then FISTA's rule's, the image the split's.
	 */
	static final double MAX_SPLIT_ACCELERATION = 5;

	/**
	 * The multi-coil L1-wavelet for a column mask: ADMM on the row split ({@link ShiftedWaveletAdmm}), which settles
	 * in a fraction of FISTA's iterations (docs/algorithms-cs.md).
	 */
	private static IterativeAlgorithm shiftedWaveletAdmm(final SenseRows rows, final float[] y,
		final SolverSettings s, final int width, final int height, final float[] x)
	{
		final int levels = WaveletOperator.levelsFor(width, height, WAVELET_MIN_SIZE);
		final WaveletOperator wavelet = new WaveletOperator(width, height, s.filter(), levels);
		return new ShiftedWaveletAdmm(rows::apply, rows::applyThrough, rows.gram(), rows.sampled(), rows.data(y),
			wavelet::apply, wavelet::applyAdjoint, 2 * wavelet.codomainSize(), width, height, 1 << levels, s.lambda(),
			x, s.iterations());
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
