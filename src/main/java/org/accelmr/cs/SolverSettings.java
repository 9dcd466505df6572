package org.accelmr.cs;

import org.accelmr.AccelMRException;

/**
 * How to solve {@code ½‖A x - y‖² + λ R(x)}.
 *
 * @param penalty R
 * @param lambda λ on the scaled data (see {@link DataScaling}), >= 0, or {@link #AUTO_LAMBDA}
 * @param iterations the most outer iterations, >= 1
 * @param algorithm the solver, or null for {@link Algorithm#choose}
 * @param seed seed of the wavelet cycle-spinning shifts
 * @param rho ADMM penalty parameter (BART's default 0.5)
 * @param innerIterations CG steps per ADMM iteration
 * @param filter wavelet for {@link Penalty#L1_WAVELET}
 * @param tolerance stop when the solver's relative convergence measure ({@link IterativeAlgorithm#residual()})
 *          falls below this; 0 runs all {@code iterations}
 */
public record SolverSettings(Penalty penalty, double lambda, int iterations, Algorithm algorithm, long seed,
	double rho, int innerIterations, org.accelmr.linop.DaubechiesFilter filter, double tolerance)
{

	/**
	 * The value of {@code lambda} that asks {@link SenseReconstruction} to choose λ from the data (NaN, so no number
	 * a user types can mean it by accident; parse the word {@code auto} to it and reject NaN).
	 */
	public static final double AUTO_LAMBDA = Double.NaN;

	/** Default {@code tolerance}: chosen by measurement, see docs/algorithms-cs.md. */
	public static final double DEFAULT_TOLERANCE = 5e-5;

	public static final SolverSettings DEFAULTS = new SolverSettings(Penalty.TOTAL_VARIATION, 0.005, 200, null, 0,
		0.5, 2, org.accelmr.linop.DaubechiesFilter.DB2, DEFAULT_TOLERANCE);

	public SolverSettings {
		if (!(lambda >= 0 || Double.isNaN(lambda)) || Double.isInfinite(lambda)) throw new AccelMRException(
			"lambda must be a finite number >= 0 (or automatic), got " + lambda);
		if (!(tolerance >= 0 && tolerance < 1)) throw new AccelMRException("tolerance must be in [0, 1), got " +
			tolerance);
		if (iterations < 1) throw new AccelMRException("iterations must be at least 1, got " + iterations);
		if (!(rho > 0)) throw new AccelMRException("rho must be > 0, got " + rho);
		if (innerIterations < 1) throw new AccelMRException("inner iterations must be at least 1, got " +
			innerIterations);
	}

	public SolverSettings with(final Penalty p, final double l, final int its) {
		return new SolverSettings(p, l, its, algorithm, seed, rho, innerIterations, filter, tolerance);
	}

	public SolverSettings withInner(final double r, final int inner) {
		return new SolverSettings(penalty, lambda, iterations, algorithm, seed, r, inner, filter, tolerance);
	}

	public SolverSettings withLambda(final double l) {
		return new SolverSettings(penalty, l, iterations, algorithm, seed, rho, innerIterations, filter, tolerance);
	}

	public SolverSettings withIterations(final int its) {
		return new SolverSettings(penalty, lambda, its, algorithm, seed, rho, innerIterations, filter, tolerance);
	}

	/** @param t see {@code tolerance}; 0 runs every iteration */
	public SolverSettings withTolerance(final double t) {
		return new SolverSettings(penalty, lambda, iterations, algorithm, seed, rho, innerIterations, filter, t);
	}

	/** True when λ is to be chosen from the data ({@link #AUTO_LAMBDA}). */
	public boolean isAutoLambda() {
		return Double.isNaN(lambda);
	}
}
