package org.accelmr.cs;

import java.util.Random;

/** The largest eigenvalue of a Hermitian positive semi-definite map by power iteration (BART {@code maxeigen}). */
public final class PowerIteration {

	private PowerIteration() {}

	/** {@code ‖N v‖ / ‖v‖} after {@code iterations} normalised multiplications from a seeded random start. */
	public static double largestEigenvalue(final VectorMap normal, final int length, final int iterations,
		final long seed)
	{
		final Random r = new Random(seed);
		float[] v = new float[length];
		for (int i = 0; i < length; i++)
			v[i] = (float) r.nextGaussian();
		float[] w = new float[length];
		double eigen = 0;
		for (int k = 0; k < iterations; k++) {
			final double norm = Math.sqrt(Vectors.normSquared(v));
			if (norm == 0) return 0;
			for (int i = 0; i < length; i++)
				v[i] /= norm;
			normal.apply(v, w);
			eigen = Math.sqrt(Vectors.normSquared(w));
			final float[] t = v;
			v = w;
			w = t;
		}
		return eigen;
	}
}
