package org.accelmr.cs;

/**
 * The total-variation norm of a gradient field {@code d = (d_x plane, d_y plane)} of {@code pixels} complex
 * values each (the output of {@code FiniteDifferenceOperator}):
 * isotropic {@code λ Σ_p sqrt(|d_x,p|² + |d_y,p|²)} (BART {@code -R T}: joint thresholding over the gradient
 * directions) or anisotropic {@code λ Σ_p |d_x,p| + |d_y,p|}. The prox shrinks the per-pixel gradient
 * magnitude (isotropic) or each entry (anisotropic) by {@code αλ}.
 */
public final class GradientNorm implements ProximalFunction {

	private final double lambda;
	private final int pixels;
	private final boolean isotropic;

	public GradientNorm(final double lambda, final int pixels, final boolean isotropic) {
		this.lambda = lambda;
		this.pixels = pixels;
		this.isotropic = isotropic;
	}

	@Override
	public double value(final float[] d) {
		final int n2 = 2 * pixels;
		double s = 0;
		for (int i = 0; i < n2; i += 2) {
			final double ax = (double) d[i] * d[i] + (double) d[i + 1] * d[i + 1];
			final double ay = (double) d[n2 + i] * d[n2 + i] + (double) d[n2 + i + 1] * d[n2 + i + 1];
			s += isotropic ? Math.sqrt(ax + ay) : Math.sqrt(ax) + Math.sqrt(ay);
		}
		return lambda * s;
	}

	@Override
	public void prox(final double alpha, final float[] v, final float[] out) {
		final float t = (float) (alpha * lambda);
		if (!isotropic) {
			L1Norm.softThreshold(v, out, 0, 4 * pixels, t);
			return;
		}
		final int n2 = 2 * pixels;
		for (int i = 0; i < n2; i += 2) {
			final float xr = v[i], xi = v[i + 1], yr = v[n2 + i], yi = v[n2 + i + 1];
			final float mag = (float) Math.sqrt(xr * xr + xi * xi + yr * yr + yi * yi);
			final float f = mag > t ? 1 - t / mag : 0;
			out[i] = f * xr;
			out[i + 1] = f * xi;
			out[n2 + i] = f * yr;
			out[n2 + i + 1] = f * yi;
		}
	}
}
