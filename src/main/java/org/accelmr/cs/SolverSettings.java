package org.accelmr.cs;

import org.accelmr.AccelMRException;

/**
 * How to solve {@code ½‖A x - y‖² + λ R(x)}.
 *
 * @param penalty R
 * @param lambda λ on the scaled data (see {@link DataScaling}), >= 0
 * @param iterations outer iterations, >= 1
 * @param algorithm the solver, or null for {@link Algorithm#choose}
 * @param seed seed of the wavelet cycle-spinning shifts
 * @param rho ADMM penalty parameter (BART's default 0.5)
 * @param innerIterations CG steps per ADMM iteration
 * @param filter wavelet for {@link Penalty#L1_WAVELET}
 */
public record SolverSettings(Penalty penalty, double lambda, int iterations, Algorithm algorithm, long seed,
	double rho, int innerIterations, org.accelmr.linop.DaubechiesFilter filter)
{

	public static final SolverSettings DEFAULTS = new SolverSettings(Penalty.TOTAL_VARIATION, 0.005, 200, null, 0,
		0.5, 2, org.accelmr.linop.DaubechiesFilter.DB2);

	public SolverSettings {
		if (!(lambda >= 0) || Double.isInfinite(lambda)) throw new AccelMRException(
			"lambda must be a finite number >= 0, got " + lambda);
		if (iterations < 1) throw new AccelMRException("iterations must be at least 1, got " + iterations);
		if (!(rho > 0)) throw new AccelMRException("rho must be > 0, got " + rho);
		if (innerIterations < 1) throw new AccelMRException("inner iterations must be at least 1, got " +
			innerIterations);
	}

	public SolverSettings with(final Penalty p, final double l, final int its) {
		return new SolverSettings(p, l, its, algorithm, seed, rho, innerIterations, filter);
	}

	public SolverSettings withInner(final double r, final int inner) {
		return new SolverSettings(penalty, lambda, iterations, algorithm, seed, r, inner, filter);
	}
}
