package org.accelmr.cs;

/** The few operations solvers need on interleaved complex vectors; sums run in double. */
public final class Vectors {

	private Vectors() {}

	/** {@code Re <a, b> = Σ re(a) re(b) + im(a) im(b)}: the real inner product of C^n as R^2n. */
	public static double realDot(final float[] a, final float[] b) {
		// four independent partial sums: one running sum is bound by the latency of each double add
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		final int n = a.length, m = n & ~3;
		for (int i = 0; i < m; i += 4) {
			s0 += (double) a[i] * b[i];
			s1 += (double) a[i + 1] * b[i + 1];
			s2 += (double) a[i + 2] * b[i + 2];
			s3 += (double) a[i + 3] * b[i + 3];
		}
		for (int i = m; i < n; i++)
			s0 += (double) a[i] * b[i];
		return (s0 + s1) + (s2 + s3);
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
