package org.accelmr.sim;

import java.util.SplittableRandom;

/**
 * A random, spatially smooth phase map in radians, standing in for the B0 and receive phase of a real scan. In
 * normalised coordinates {@code u, v in [-1, 1]},
 * <pre>
 * phi(u, v) = a0 + a1 u + a2 v + a3 u^2 + a4 u v + a5 v^2 + sum_{j=1,2} b_j exp(-((u-p_j)^2 + (v-q_j)^2) / (2 w_j^2))
 * </pre>
 * with {@code a0} uniform in [-pi, pi), the other {@code a} uniform in [-pi/2, pi/2], bump heights {@code b_j}
 * uniform in [-pi/2, pi/2], centres in [-0.5, 0.5] and widths in [0.2, 0.5].
 */
final class SmoothPhase {

	private SmoothPhase() {}

	/** One map, row-major {@code height x width}. */
	static float[] create(final int width, final int height, final SplittableRandom random) {
		final double[] a = new double[6];
		a[0] = random.nextDouble(-Math.PI, Math.PI);
		for (int i = 1; i < a.length; i++)
			a[i] = random.nextDouble(-Math.PI / 2, Math.PI / 2);
		final double[][] bumps = new double[2][];
		for (int j = 0; j < bumps.length; j++)
			bumps[j] = new double[] { random.nextDouble(-Math.PI / 2, Math.PI / 2), random.nextDouble(-0.5, 0.5),
				random.nextDouble(-0.5, 0.5), random.nextDouble(0.2, 0.5) };
		final float[] phase = new float[width * height];
		for (int y = 0; y < height; y++) {
			final double v = height > 1 ? 2.0 * y / (height - 1) - 1 : 0;
			for (int x = 0; x < width; x++) {
				final double u = width > 1 ? 2.0 * x / (width - 1) - 1 : 0;
				double p = a[0] + a[1] * u + a[2] * v + a[3] * u * u + a[4] * u * v + a[5] * v * v;
				for (final double[] b : bumps) {
					final double du = u - b[1], dv = v - b[2];
					p += b[0] * Math.exp(-(du * du + dv * dv) / (2 * b[3] * b[3]));
				}
				phase[y * width + x] = (float) p;
			}
		}
		return phase;
	}
}
