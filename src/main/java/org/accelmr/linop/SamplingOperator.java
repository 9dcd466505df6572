package org.accelmr.linop;

import org.accelmr.mask.SamplingMask;

/**
 * Keeps the acquired samples of each of {@code planes} k-space planes and zeroes the rest: a diagonal 0/1
 * operator on the full grid (BART keeps the full grid too), so it is self-adjoint and idempotent.
 */
public final class SamplingOperator implements LinearOperator {

	private final boolean[] sampled;
	private final int planes;

	public SamplingOperator(final SamplingMask mask, final int planes) {
		this.sampled = mask.toArray();
		this.planes = planes;
	}

	@Override
	public int domainSize() {
		return planes * sampled.length;
	}

	@Override
	public int codomainSize() {
		return domainSize();
	}

	@Override
	public void apply(final float[] x, final float[] y) {
		LinearOperator.checkLength(x, domainSize(), "SamplingOperator input");
		LinearOperator.checkLength(y, domainSize(), "SamplingOperator output");
		final int n = sampled.length;
		for (int p = 0; p < planes; p++) {
			final int off = 2 * p * n;
			for (int j = 0; j < n; j++) {
				final int i = off + 2 * j;
				if (sampled[j]) {
					y[i] = x[i];
					y[i + 1] = x[i + 1];
				}
				else {
					y[i] = 0;
					y[i + 1] = 0;
				}
			}
		}
	}

	@Override
	public void applyAdjoint(final float[] y, final float[] x) {
		apply(y, x);
	}

	@Override
	public void applyNormal(final float[] x, final float[] out) {
		apply(x, out);
	}
}
