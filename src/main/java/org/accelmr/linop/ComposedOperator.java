package org.accelmr.linop;

/**
 * {@code C = B A} (first A, then B) with {@code C^H = A^H B^H}, as BART's {@code linop_chain}. Keeps one buffer
 * of A's codomain for the intermediate result.
 */
final class ComposedOperator implements LinearOperator {

	private final LinearOperator outer;
	private final LinearOperator inner;
	private final float[] middle;
	private float[] normalScratch; // made on the first applyNormal

	ComposedOperator(final LinearOperator outer, final LinearOperator inner) {
		if (inner.codomainSize() != outer.domainSize()) throw new IllegalArgumentException(
			"cannot compose: inner codomain " + inner.codomainSize() + " != outer domain " + outer.domainSize());
		this.outer = outer;
		this.inner = inner;
		this.middle = new float[2 * inner.codomainSize()];
	}

	@Override
	public int domainSize() {
		return inner.domainSize();
	}

	@Override
	public int codomainSize() {
		return outer.codomainSize();
	}

	@Override
	public void apply(final float[] x, final float[] y) {
		inner.apply(x, middle);
		outer.apply(middle, y);
	}

	@Override
	public void applyAdjoint(final float[] y, final float[] x) {
		outer.applyAdjoint(y, middle);
		inner.applyAdjoint(middle, x);
	}

	/** {@code A^H (B^H B) A}: lets an outer operator with a cheap normal (a mask, a unitary FFT) use it. */
	@Override
	public void applyNormal(final float[] x, final float[] out) {
		inner.apply(x, middle);
		if (normalScratch == null) normalScratch = new float[middle.length];
		outer.applyNormal(middle, normalScratch);
		inner.applyAdjoint(normalScratch, out);
	}
}
