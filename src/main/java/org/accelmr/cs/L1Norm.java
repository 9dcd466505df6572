package org.accelmr.cs;

/**
 * {@code g(x) = λ Σ_i |x_i|} over complex entries; its prox is complex soft-thresholding,
 * {@code x_i max(0, 1 - αλ/|x_i|)}.
 */
public final class L1Norm implements ProximalFunction {

	private final double lambda;

	public L1Norm(final double lambda) {
		this.lambda = lambda;
	}

	@Override
	public double value(final float[] x) {
		double s = 0;
		for (int i = 0; i < x.length; i += 2)
			s += Math.hypot(x[i], x[i + 1]);
		return lambda * s;
	}

	@Override
	public void prox(final double alpha, final float[] v, final float[] out) {
		softThreshold(v, out, 0, v.length, (float) (alpha * lambda));
	}

	/** Complex soft-thresholding of {@code v[from..to)} (float indices, even) by {@code t} into {@code out}. */
	static void softThreshold(final float[] v, final float[] out, final int from, final int to, final float t) {
		for (int i = from; i < to; i += 2) {
			final float re = v[i], im = v[i + 1];
			final float mag = (float) Math.sqrt(re * re + im * im);
			final float f = mag > t ? 1 - t / mag : 0;
			out[i] = f * re;
			out[i + 1] = f * im;
		}
	}
}
