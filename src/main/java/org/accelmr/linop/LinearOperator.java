package org.accelmr.linop;

/**
 * A linear map {@code A: C^n -> C^m} on interleaved complex vectors ({@code float[2n]}: re, im, re, im, ...), with
 * its adjoint. This is the one operator type every solver takes (BART {@code linop_s}, SigPy {@code Linop}).
 * <p>
 * Calls write into a caller-owned output so solver loops allocate nothing. Input and output must be different
 * arrays and the input is never modified. Operators may keep scratch buffers, so one instance is not safe for
 * concurrent calls: build one operator per slice and thread.
 */
public interface LinearOperator {

	/** n: complex elements of the input. */
	int domainSize();

	/** m: complex elements of the output. */
	int codomainSize();

	/** {@code y = A x}; x has {@code 2n} floats, y {@code 2m}. */
	void apply(float[] x, float[] y);

	/** {@code x = A^H y}; y has {@code 2m} floats, x {@code 2n}. */
	void applyAdjoint(float[] y, float[] x);

	/**
	 * {@code out = A^H A x}. The default allocates a temporary per call; composed operators and the SENSE model
	 * override it with a kept buffer.
	 */
	default void applyNormal(final float[] x, final float[] out) {
		final float[] tmp = new float[2 * codomainSize()];
		apply(x, tmp);
		applyAdjoint(tmp, out);
	}

	/**
	 * When {@code A^H A} is shift-invariant on a {@code height x width} image, i.e. {@code A^H A = F0^H diag(d) F0}
	 * with F0 the plain (unshifted) 2-D DFT: d in that DFT's order, one real value per frequency. Null when it is
	 * not (the default), e.g. for SENSE with more than one coil. Solvers use it to invert systems exactly.
	 */
	default float[] normalFourierDiagonal() {
		return null;
	}

	/**
	 * The diagonal of {@code F0 A^H A F0^H} in plain DFT order when the operator knows it: the best shift-invariant
	 * approximation of {@code A^H A} (T. Chan's optimal circulant preconditioner), exact where
	 * {@link #normalFourierDiagonal} is not null. Null (the default) when unknown. Solvers precondition with it.
	 */
	default float[] circulantNormalDiagonal() {
		return null;
	}

	/** {@code A x} in a new array. */
	default float[] apply(final float[] x) {
		final float[] y = new float[2 * codomainSize()];
		apply(x, y);
		return y;
	}

	/** {@code A^H y} in a new array. */
	default float[] applyAdjoint(final float[] y) {
		final float[] x = new float[2 * domainSize()];
		applyAdjoint(y, x);
		return x;
	}

	/** {@code this ∘ inner}: first {@code inner}, then this; the adjoint is {@code inner^H ∘ this^H}. */
	default LinearOperator compose(final LinearOperator inner) {
		return new ComposedOperator(this, inner);
	}

	/** {@code this + other}, both with the same domain and codomain. */
	default LinearOperator plus(final LinearOperator other) {
		return new SumOperator(this, other);
	}

	/** {@code factor * this} for a real factor. */
	default LinearOperator scale(final float factor) {
		return new ScaledOperator(this, factor);
	}

	/** Checks a vector's length against the expected complex size, naming the operator. */
	static void checkLength(final float[] v, final int complexSize, final String what) {
		if (v.length != 2 * complexSize) throw new IllegalArgumentException(what + " has " + v.length +
			" floats, expected " + 2 * complexSize);
	}
}
