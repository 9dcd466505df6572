package org.accelmr.cs;

import java.util.Arrays;

/**
 * BART {@code pics}' automatic scaling, so one λ serves data of any scale: from the magnitudes of the zero-filled
 * root-sum-of-squares image take the median, the 90th percentile and the maximum; the scale is the 90th
 * percentile, unless the top decile spreads less than twice the range from median to p90 — then the maximum:
 * <pre>scale = (max - p90) < 2 (p90 - median) ? p90 : max</pre>
 * k-space is divided by the scale before solving and the image multiplied by it after ({@code pics -S}), so the
 * output is on the target's scale.
 */
public final class DataScaling {

	private DataScaling() {}

	/** The scale for these magnitudes; 1 when all are zero. */
	public static double scaleOf(final float[] magnitudes) {
		final float[] sorted = magnitudes.clone();
		Arrays.sort(sorted);
		final int n = sorted.length;
		final double median = sorted[n / 2], p90 = sorted[(int) (n * 0.9)], max = sorted[n - 1];
		final double scale = (max - p90) < 2 * (p90 - median) ? p90 : max;
		return scale > 0 ? scale : 1;
	}
}
