package org.accelmr.cs;

/** The few operations solvers need on interleaved complex vectors; sums run in double. */
public final class Vectors {

	private Vectors() {}

	/** {@code Re <a, b> = Σ re(a) re(b) + im(a) im(b)}: the real inner product of C^n as R^2n. */
	public static double realDot(final float[] a, final float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++)
			s += (double) a[i] * b[i];
		return s;
	}

	/** {@code ‖a‖²}. */
	public static double normSquared(final float[] a) {
		return realDot(a, a);
	}

	/** {@code y += alpha x}. */
	public static void addScaled(final float[] y, final double alpha, final float[] x) {
		final float a = (float) alpha;
		for (int i = 0; i < y.length; i++)
			y[i] += a * x[i];
	}

	/** {@code out = a - b}. */
	public static void subtract(final float[] a, final float[] b, final float[] out) {
		for (int i = 0; i < out.length; i++)
			out[i] = a[i] - b[i];
	}

	/** {@code ‖a - b‖²}. */
	public static double distanceSquared(final float[] a, final float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			final double d = a[i] - b[i];
			s += d * d;
		}
		return s;
	}
}
