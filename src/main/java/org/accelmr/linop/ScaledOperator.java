package org.accelmr.linop;

/** {@code c A} for a real c; the adjoint is {@code c A^H}, the normal {@code c² A^H A}. */
final class ScaledOperator implements LinearOperator {

	private final LinearOperator a;
	private final float factor;

	ScaledOperator(final LinearOperator a, final float factor) {
		this.a = a;
		this.factor = factor;
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
		scaleInPlace(y, factor);
	}

	@Override
	public void applyAdjoint(final float[] y, final float[] x) {
		a.applyAdjoint(y, x);
		scaleInPlace(x, factor);
	}

	@Override
	public void applyNormal(final float[] x, final float[] out) {
		a.applyNormal(x, out);
		scaleInPlace(out, factor * factor);
	}

	private static void scaleInPlace(final float[] v, final float f) {
		for (int i = 0; i < v.length; i++)
			v[i] *= f;
	}
}
