package org.accelmr.cs;

import java.util.Arrays;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.mask.SamplingMask;

/**
 * BART {@code pics}' automatic scaling, so one λ serves data of any scale. BART does not look at the full
 * zero-filled image but at a low-resolution one: the largest fully sampled centred k-space rectangle of at most
 * {@value #REGION}x{@value #REGION} (its calibration region, {@code r_h x r_w}), inverse-transformed on its own
 * grid (orthonormal), root-sum-of-squares over coils, divided by {@code sqrt(H W / (r_h r_w))} so its pixel values
 * sit on the full image's scale. From those magnitudes take the median, the 90th percentile and the maximum:
 * <pre>scale = (max - p90) < 2 (p90 - median) ? p90 : max</pre>
 * k-space is divided by the scale before solving and the image multiplied by it after ({@code pics -S}), so the
 * output is on the target's scale. Using the low-resolution image matters: undersampling aliases spread the
 * full zero-filled image's bright pixels, which can flip the rule to {@code max} and make σ (and so the effective
 * λ) differ from BART's by a factor of ~3 on the same data. Data without a sampled centre falls back to the
 * zero-filled image at full resolution.
 */
public final class DataScaling {

	/** BART's largest calibration region for the scale estimate, per axis. */
	static final int REGION = 32;

	private DataScaling() {}

	/**
	 * @param kspace {@code coils} interleaved {@code height x width} planes, coil-major, unacquired samples zero
	 * @return σ, 1 when the data are all zero
	 */
	public static double scaleOf(final float[] kspace, final SamplingMask mask, final int width, final int height,
		final int coils)
	{
		CalibrationRegion region;
		try {
			region = CalibrationRegion.largest(mask, REGION, 1);
		}
		catch (final AccelMRException noCentre) {
			region = new CalibrationRegion(width, height);
		}
		final int rw = region.width(), rh = region.height(), x0 = region.firstColumn(width), y0 = region.firstRow(
			height);
		final double[] sumOfSquares = new double[rw * rh];
		final float[] plane = new float[2 * rw * rh];
		for (int c = 0; c < coils; c++) {
			final int base = 2 * c * width * height;
			for (int y = 0; y < rh; y++)
				System.arraycopy(kspace, base + 2 * ((y0 + y) * width + x0), plane, 2 * y * rw, 2 * rw);
			CenteredFFT.inverse(plane, rw, rh);
			for (int i = 0; i < rw * rh; i++)
				sumOfSquares[i] += plane[2 * i] * plane[2 * i] + plane[2 * i + 1] * plane[2 * i + 1];
		}
		final double rescale = Math.sqrt((double) width * height / (rw * rh));
		final float[] magnitudes = new float[rw * rh];
		for (int i = 0; i < magnitudes.length; i++)
			magnitudes[i] = (float) (Math.sqrt(sumOfSquares[i]) / rescale);
		return scaleOf(magnitudes);
	}

	/** The rule on given magnitudes; 1 when all are zero. */
	static double scaleOf(final float[] magnitudes) {
		final float[] sorted = magnitudes.clone();
		Arrays.sort(sorted);
		final int n = sorted.length;
		final double median = sorted[n / 2], p90 = sorted[(int) (n * 0.9)], max = sorted[n - 1];
		final double scale = (max - p90) < 2 * (p90 - median) ? p90 : max;
		return scale > 0 ? scale : 1;
	}
}
