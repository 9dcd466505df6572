package org.accelmr.linop;

/** {@code A + B} on the same spaces; the adjoint is {@code A^H + B^H}. */
final class SumOperator implements LinearOperator {

	private final LinearOperator a;
	private final LinearOperator b;
	private final float[] scratch;

	SumOperator(final LinearOperator a, final LinearOperator b) {
		if (a.domainSize() != b.domainSize() || a.codomainSize() != b.codomainSize())
			throw new IllegalArgumentException("cannot add operators of different shapes");
		this.a = a;
		this.b = b;
		this.scratch = new float[2 * Math.max(a.domainSize(), a.codomainSize())];
	}

	@Override
	public int domainSize() {
		return a.domainSize();
	}

	@Override
	public int codomainSize() {
		return a.codomainSize();
	}

	@Override
	public void apply(final float[] x, final float[] y) {
		a.apply(x, y);
		final float[] t = scratch.length == y.length ? scratch : new float[y.length];
		b.apply(x, t);
		for (int i = 0; i < y.length; i++)
			y[i] += t[i];
	}

	@Override
	public void applyAdjoint(final float[] y, final float[] x) {
		a.applyAdjoint(y, x);
		final float[] t = scratch.length == x.length ? scratch : new float[x.length];
		b.applyAdjoint(y, t);
		for (int i = 0; i < x.length; i++)
			x[i] += t[i];
	}
}
