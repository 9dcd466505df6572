package org.accelmr.imagej;

import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;

/**
 * The picture of k-space people look at: {@code log10(1 + |k| / (1e-6 * max|k|))}, one plane per slice and
 * coil (plane {@code slice * coils + coil}). Dividing by a millionth of the peak makes the range 0 to 6
 * whatever the data's scale, so the same display range suits every file.
 */
public final class LogMagnitude {

	/** Orders of magnitude below the peak that stay visible. */
	static final double DECADES = 6;

	private LogMagnitude() {}

	public static FloatVolume of(final ComplexStack kspace) {
		double peak = 0;
		for (int i = 0; i < kspace.planeCount(); i++) {
			final float[] p = kspace.plane(i);
			for (int j = 0; j < p.length; j += 2)
				peak = Math.max(peak, Math.hypot(p[j], p[j + 1]));
		}
		final double floor = peak > 0 ? peak * Math.pow(10, -DECADES) : 1;
		final int n = kspace.width() * kspace.height();
		final float[][] planes = new float[kspace.planeCount()][n];
		for (int i = 0; i < planes.length; i++) {
			final float[] p = kspace.plane(i);
			for (int j = 0; j < n; j++)
				planes[i][j] = (float) Math.log10(1 + Math.hypot(p[2 * j], p[2 * j + 1]) / floor);
		}
		return new FloatVolume(kspace.width(), kspace.height(), planes);
	}
}
