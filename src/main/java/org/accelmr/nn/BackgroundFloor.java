package org.accelmr.nn;

import java.util.Arrays;

import org.accelmr.kspace.CenteredFFT;

/**
 * A floor under the magnitudes a network leaves where the object is empty. A regulariser's small complex errors
 * become, in magnitude, a positive bias wherever the reference is zero (the background of a noise-free image), and
 * SSIM, whose luminance constant is {@code (0.01 L)^2}, charges that bias heavily. Where the measured samples show
 * an empty background, each RSS value {@code r} becomes {@code r^3 / (r^2 + tau^2)}: values well below {@code tau}
 * go towards zero, tissue far above it keeps its value to within {@code tau^2 / r}. Where they show noise, the
 * reference background is that noise, and the floor steps aside: {@code tau = floor * max - }{@value #NOISE_WEIGHT}
 * {@code * noise}, never below zero.
 *
 * <p>The background noise is measured in the data, not in the network's output: with a column mask every acquired
 * column is a whole line along y, so the power of image row y (over x, per acquired column) is known from the
 * zero-filled image itself (Parseval along x), aliasing or not. The emptiest tenth of the rows stands for the
 * background. A 2-D mask has no such lines: no floor.
 */
public final class BackgroundFloor {

	/**
	 * How many times the measured background noise is taken off the floor: noise at a quarter of it already
	 * fills the reference's background with a texture the floor would erase (measured on noisy simulations).
	 */
	public static final double NOISE_WEIGHT = 4;
	/** The share of image rows, the emptiest, that stands for the background. */
	private static final double BACKGROUND_SHARE = 0.1;
	/** The floors (fractions of a slice's maximum) a trainer's validation chooses among; 0 is none. */
	private static final double[] CANDIDATES = { 0, 0.002, 0.004, 0.006, 0.008, 0.01, 0.015, 0.02 };

	private BackgroundFloor() {}

	/** The floors a trainer's validation chooses among, fractions of a slice's maximum; the first is 0 (none). */
	public static double[] candidates() {
		return CANDIDATES.clone();
	}

	/**
	 * The RMS of the RSS image in its emptiest rows, from one slice's measured k-space.
	 *
	 * @param kspace interleaved re/im, {@code coils x height x width}, zero where not sampled
	 * @param mask 0/1, {@code height x width}
	 * @return the noise on the scale of {@code kspace}, or NaN when the mask is not a set of whole columns (or
	 *         has none)
	 */
	public static double backgroundNoise(final float[] kspace, final float[] mask, final int coils, final int width,
		final int height)
	{
		int columns = 0;
		for (int x = 0; x < width; x++) {
			final boolean sampled = mask[x] != 0;
			for (int y = 1; y < height; y++)
				if (mask[y * width + x] != 0 != sampled) return Double.NaN;
			if (sampled) columns++;
		}
		if (columns == 0) return Double.NaN;
		final int plane = 2 * width * height;
		final double[] rowPower = new double[height];
		final float[] image = new float[plane];
		for (int c = 0; c < coils; c++) {
			CenteredFFT.inverse(Arrays.copyOfRange(kspace, c * plane, (c + 1) * plane), image, width, height);
			for (int y = 0; y < height; y++)
				for (int i = 2 * y * width; i < 2 * (y + 1) * width; i++)
					rowPower[y] += (double) image[i] * image[i];
		}
		Arrays.sort(rowPower);
		final int rows = Math.max(1, (int) Math.round(BACKGROUND_SHARE * height));
		double sum = 0;
		for (int y = 0; y < rows; y++)
			sum += rowPower[y];
		return Math.sqrt(sum / rows / columns);
	}

	/**
	 * {@code rss} with the floor applied, a new array.
	 *
	 * @param rss one slice's RSS image (any layout: only its values and maximum matter)
	 * @param floor a fraction of the slice's maximum; 0 returns a copy
	 * @param noise {@link #backgroundNoise} on the scale of {@code rss}; NaN returns a copy
	 */
	public static float[] apply(final float[] rss, final double floor, final double noise) {
		final float[] out = rss.clone();
		if (!(floor > 0) || Double.isNaN(noise)) return out;
		double max = 0;
		for (final float v : rss)
			max = Math.max(max, v);
		final double tau = floor * max - NOISE_WEIGHT * noise;
		if (!(tau > 0)) return out;
		final double tau2 = tau * tau;
		for (int i = 0; i < out.length; i++) {
			final double r = rss[i];
			out[i] = (float) (r * r * r / (r * r + tau2));
		}
		return out;
	}
}
