package org.accelmr.nn;

import java.util.Arrays;

/**
 * The background of a VarNet's RSS output brought to the level the fully sampled scan has there, as the measured
 * samples show it. The reference of a reconstruction is the RSS of the fully sampled scan, noise included: where
 * the object is empty it is 0 for a noise-free scan and a noise floor of RMS {@code sigma} for a real one. The network
 * leaves neither: its small complex errors become a positive magnitude bias where the reference is 0, and its
 * denoised image lacks the noise power of every sample it did not measure. SSIM, whose luminance constant is
 * {@code (0.01 L)^2}, charges both heavily. Two steps:
 * <ol>
 * <li><b>floor</b> (a model's {@code background_floor}, chosen by its validation): each RSS value {@code r} becomes
 * {@code r^3 / (r^2 + tau^2)} with {@code tau = floor * max - }{@value #NOISE_WEIGHT}{@code * sigma}, never below
 * 0: values well below tau go towards zero, tissue far above it keeps its value to within {@code tau^2 / r}; noise
 * at a quarter of the floor turns it off;</li>
 * <li><b>noise floor</b>: where the background rows are flat (noise rather than anatomy), the output's values at
 * the level of its own background (RMS {@code b} in those rows) are pulled down, {@code r -> r^3 / (r^2 + b^2)},
 * and then {@code r -> sqrt(r^2 + c)} with {@code c} the power that brings the RMS in those rows up to {@code sigma}
 * (none when it is there already): a smooth floor at the reference's level, where a sum of the output's own noise
 * and the floor would be as rough as two noises (SSIM's contrast term charges the variance the reference does not
 * share). In tissue, far above both, this changes {@code r} by about {@code (c - 2 b^2) / 2r}, as noise adds to the
 * reference there.</li>
 * </ol>
 * <p>{@code sigma} is measured in the data, not in the output: with a column mask every acquired column is a whole
 * line along y, so the power of image row y (over x, per acquired column) is known from the zero-filled image itself
 * (Parseval along x), aliasing or not. The emptiest tenth of the rows stands for the background, or the emptiest
 * twentieth or fortieth when only those are flat. A 2-D mask has no such lines: neither step.
 */
public final class BackgroundLevel {

	/**
	 * How many times the measured background noise is taken off the floor: noise at a quarter of it already
	 * fills the reference's background with a texture the floor would erase (measured on noisy simulations).
	 */
	public static final double NOISE_WEIGHT = 4;
	/**
	 * The background rows hold noise when the largest of their powers is within this factor of the smallest: each
	 * averages a few dozen columns (times the coils), so noise rows agree to within 1.2-1.8x (measured), while rows
	 * that cut anatomy rise by 3x or (much) more.
	 */
	public static final double FLAT = 2.5;
	/**
	 * The shares of image rows, the emptiest, that may stand for the background, largest first: the first whose
	 * rows are flat is taken (an object with a narrow margin leaves fewer empty rows than a tenth), else the first.
	 */
	private static final double[] BACKGROUND_SHARES = { 0.1, 0.05, 0.025 };
	/** Fewer rows than this make flatness a matter of chance. */
	private static final int MIN_ROWS = 4;
	/** The floors (fractions of a slice's maximum) a trainer's validation chooses among; 0 is none. */
	private static final double[] CANDIDATES = { 0, 0.002, 0.004, 0.006, 0.008, 0.01, 0.015, 0.02 };

	private BackgroundLevel() {}

	/** The floors a trainer's validation chooses among, fractions of a slice's maximum; the first is 0 (none). */
	public static double[] candidates() {
		return CANDIDATES.clone();
	}

	/**
	 * What one slice's measured samples say about its background.
	 *
	 * @param noise the RMS of the RSS image in the background rows (on the scale of the k-space), NaN when unknown
	 * @param rows the background rows (image row indices)
	 * @param flat whether their powers agree as noise does ({@link #FLAT})
	 */
	public record Background(double noise, int[] rows, boolean flat) {

		/** Nothing known: neither step acts. */
		public static final Background UNKNOWN = new Background(Double.NaN, new int[0], false);
	}

	/**
	 * Measures one slice's background from its zero-filled RSS image: the power of row y is the sum over x of its
	 * squares (every coil's, by the RSS), divided by the acquired columns.
	 *
	 * @param zeroFilledRss the RSS of the measured k-space's inverse FFT, {@code height x width} row-major
	 * @param mask 0/1, {@code height x width}
	 * @return {@link Background#UNKNOWN} when the mask is not a set of whole columns (or has none)
	 */
	public static Background measure(final float[] zeroFilledRss, final float[] mask, final int width,
		final int height)
	{
		int columns = 0;
		for (int x = 0; x < width; x++) {
			final boolean sampled = mask[x] != 0;
			for (int y = 1; y < height; y++)
				if (mask[y * width + x] != 0 != sampled) return Background.UNKNOWN;
			if (sampled) columns++;
		}
		if (columns == 0) return Background.UNKNOWN;
		final double[] rowPower = new double[height];
		for (int y = 0; y < height; y++)
			for (int i = y * width; i < (y + 1) * width; i++)
				rowPower[y] += (double) zeroFilledRss[i] * zeroFilledRss[i];
		final Integer[] order = new Integer[height];
		for (int y = 0; y < height; y++)
			order[y] = y;
		Arrays.sort(order, (a, b) -> Double.compare(rowPower[a], rowPower[b]));
		Background first = null;
		for (final double share : BACKGROUND_SHARES) {
			final int n = Math.max(Math.min(MIN_ROWS, height), (int) Math.round(share * height));
			final int[] rows = new int[n];
			double sum = 0;
			for (int i = 0; i < n; i++) {
				rows[i] = order[i];
				sum += rowPower[rows[i]];
			}
			final Background b = new Background(Math.sqrt(sum / n / columns), rows, rowPower[rows[n - 1]] <= FLAT *
				rowPower[rows[0]]);
			if (b.flat()) return b;
			if (first == null) first = b;
		}
		return first;
	}

	/**
	 * {@code rss} with both steps applied, a new array.
	 *
	 * @param rss one slice's RSS image, {@code height x width} row-major
	 * @param floor a fraction of the slice's maximum; 0 for none
	 * @param background {@link #measure} of the slice, on the scale of {@code rss}
	 */
	public static float[] apply(final float[] rss, final int width, final double floor, final Background background) {
		final float[] out = rss.clone();
		final double sigma = background.noise();
		if (Double.isNaN(sigma)) return out;
		double max = 0;
		for (final float v : rss)
			max = Math.max(max, v);
		final double tau = floor * max - NOISE_WEIGHT * sigma;
		if (floor > 0 && tau > 0) pullDown(out, tau * tau);
		if (!background.flat()) return out;
		// the output's own background is the measured samples' noise and the network's errors, uncorrelated with
		// most of the reference's noise: pulled down to its own RMS first, so that the floor added next is smooth
		final double own = power(out, width, background.rows());
		if (own > 0) pullDown(out, own);
		final double missing = sigma * sigma - power(out, width, background.rows());
		if (missing > 0) for (int i = 0; i < out.length; i++)
			out[i] = (float) Math.sqrt((double) out[i] * out[i] + missing);
		return out;
	}

	/** {@code r -> r^3 / (r^2 + t2)} in place: values well below {@code sqrt(t2)} go towards 0. */
	private static void pullDown(final float[] values, final double t2) {
		for (int i = 0; i < values.length; i++) {
			final double r = values[i];
			values[i] = (float) (r * r * r / (r * r + t2));
		}
	}

	/** The mean square of {@code image}'s {@code rows}. */
	private static double power(final float[] image, final int width, final int[] rows) {
		double sum = 0;
		for (final int y : rows)
			for (int i = y * width; i < (y + 1) * width; i++)
				sum += (double) image[i] * image[i];
		return sum / ((double) rows.length * width);
	}
}
