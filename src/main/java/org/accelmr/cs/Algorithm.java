package org.accelmr.cs;

import org.accelmr.AccelMRException;

/** The solvers, and the one rule that picks one for a penalty (BART {@code italgo_choose}). */
public enum Algorithm {
	CONJUGATE_GRADIENT, FISTA, ADMM;

	/** CG for L2, FISTA for the wavelet (its prox is closed form), ADMM for TV (the prox of TV is not). */
	public static Algorithm choose(final Penalty penalty) {
		return switch (penalty) {
			case L2 -> CONJUGATE_GRADIENT;
			case L1_WAVELET -> FISTA;
			case TOTAL_VARIATION, ANISOTROPIC_TOTAL_VARIATION -> ADMM;
		};
	}

	/**
	 * {@code requested}, or the automatic choice when null.
	 *
	 * @throws AccelMRException for impossible pairs: CG needs a quadratic penalty, FISTA a closed-form prox
	 */
	public static Algorithm resolve(final Penalty penalty, final Algorithm requested) {
		if (requested == null) return choose(penalty);
		final boolean tv = penalty == Penalty.TOTAL_VARIATION || penalty == Penalty.ANISOTROPIC_TOTAL_VARIATION;
		if (requested == CONJUGATE_GRADIENT && penalty != Penalty.L2) throw new AccelMRException(
			"algorithm conjugate-gradient solves only the L2 penalty, not " + penalty);
		if (requested == FISTA && tv) throw new AccelMRException(
			"algorithm FISTA needs a closed-form prox; use ADMM for " + penalty);
		return requested;
	}
}
