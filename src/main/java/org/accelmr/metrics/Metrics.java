package org.accelmr.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.FloatVolume;

/**
 * Image quality of a reconstruction against its target with fastMRI's definitions ({@code fastmri/evaluate.py}),
 * accumulated in double precision. Volumes are slices x height x width; the data range {@code maxValue} defaults
 * to the target volume's maximum.
 * <pre>
 * NMSE = ||t - x||^2 / ||t||^2                     (over the whole volume)
 * PSNR = 10 log10(maxValue^2 / mean((t - x)^2))    (over the whole volume)
 * SSIM = mean over slices of the mean SSIM map     (Wang et al., IEEE TIP 2004)
 * </pre>
 * SSIM follows scikit-image's {@code structural_similarity(t, x, data_range = maxValue, win_size = 7)}: local
 * means, variances and covariance over a 7x7 uniform window with the sample (N / (N - 1)) covariance,
 * {@code C1 = (0.01 L)^2}, {@code C2 = (0.03 L)^2},
 * <pre>
 * S = (2 mu_t mu_x + C1)(2 s_tx + C2) / ((mu_t^2 + mu_x^2 + C1)(s_t^2 + s_x^2 + C2))
 * </pre>
 * averaged over the window positions that lie fully inside the image (scikit-image filters the whole image and
 * then crops 3 pixels at every border, which leaves exactly these).
 */
public final class Metrics {

	/** SSIM window side. */
	public static final int WINDOW = 7;
	private static final double K1 = 0.01, K2 = 0.03;

	/** The metrics by name, ordered NMSE, PSNR, SSIM; each uses the target's maximum as data range. */
	public static final Map<String, ToDoubleBiFunction<FloatVolume, FloatVolume>> ALL;

	static {
		final Map<String, ToDoubleBiFunction<FloatVolume, FloatVolume>> m = new LinkedHashMap<>();
		m.put("NMSE", Metrics::nmse);
		m.put("PSNR", Metrics::psnr);
		m.put("SSIM", Metrics::ssim);
		ALL = Collections.unmodifiableMap(m);
	}

	private Metrics() {}

	/** Normalised mean squared error {@code ||t - x||^2 / ||t||^2}. */
	public static double nmse(final FloatVolume target, final FloatVolume recon) {
		checkSizes(target, recon);
		double error = 0, energy = 0;
		for (int s = 0; s < target.depth(); s++) {
			final float[] t = target.slice(s), x = recon.slice(s);
			for (int i = 0; i < t.length; i++) {
				final double d = (double) t[i] - x[i];
				error += d * d;
				energy += (double) t[i] * t[i];
			}
		}
		return error / energy;
	}

	/** PSNR in dB with the target volume's maximum as data range. */
	public static double psnr(final FloatVolume target, final FloatVolume recon) {
		return psnr(target, recon, target.max());
	}

	/** PSNR in dB, {@code 10 log10(maxValue^2 / MSE)}. */
	public static double psnr(final FloatVolume target, final FloatVolume recon, final double maxValue) {
		checkSizes(target, recon);
		double error = 0;
		for (int s = 0; s < target.depth(); s++) {
			final float[] t = target.slice(s), x = recon.slice(s);
			for (int i = 0; i < t.length; i++) {
				final double d = (double) t[i] - x[i];
				error += d * d;
			}
		}
		final double mse = error / ((double) target.depth() * target.width() * target.height());
		return 10 * Math.log10(maxValue * maxValue / mse);
	}

	/** Mean SSIM over slices with the target volume's maximum as data range. */
	public static double ssim(final FloatVolume target, final FloatVolume recon) {
		return ssim(target, recon, target.max());
	}

	/** Mean SSIM over slices with data range {@code maxValue}. */
	public static double ssim(final FloatVolume target, final FloatVolume recon, final double maxValue) {
		checkSizes(target, recon);
		if (target.width() < WINDOW || target.height() < WINDOW) throw new AccelMRException(
			"SSIM needs images of at least 7x7 pixels, got " + target.height() + "x" + target.width());
		double sum = 0;
		for (int s = 0; s < target.depth(); s++)
			sum += sliceSsim(target.slice(s), recon.slice(s), target.width(), target.height(), maxValue);
		return sum / target.depth();
	}

	/** Mean of the SSIM map of one slice over all full 7x7 windows (summed-area tables in double). */
	private static double sliceSsim(final float[] t, final float[] x, final int w, final int h,
		final double maxValue)
	{
		final int stride = w + 1;
		final double[] st = new double[stride * (h + 1)], sx = new double[st.length], stt = new double[st.length],
			sxx = new double[st.length], stx = new double[st.length];
		for (int y = 0; y < h; y++)
			for (int i = 0; i < w; i++) {
				final double a = t[y * w + i], b = x[y * w + i];
				final int o = (y + 1) * stride + i + 1, up = o - stride;
				st[o] = a + st[o - 1] + st[up] - st[up - 1];
				sx[o] = b + sx[o - 1] + sx[up] - sx[up - 1];
				stt[o] = a * a + stt[o - 1] + stt[up] - stt[up - 1];
				sxx[o] = b * b + sxx[o - 1] + sxx[up] - sxx[up - 1];
				stx[o] = a * b + stx[o - 1] + stx[up] - stx[up - 1];
			}
		final double n = WINDOW * WINDOW, cov = n / (n - 1);
		final double c1 = (K1 * maxValue) * (K1 * maxValue), c2 = (K2 * maxValue) * (K2 * maxValue);
		double sum = 0;
		for (int y = 0; y + WINDOW <= h; y++)
			for (int i = 0; i + WINDOW <= w; i++) {
				final int a = y * stride + i, b = a + WINDOW, c = a + WINDOW * stride, d = c + WINDOW;
				final double mt = box(st, a, b, c, d) / n, mx = box(sx, a, b, c, d) / n;
				final double vt = cov * (box(stt, a, b, c, d) / n - mt * mt);
				final double vx = cov * (box(sxx, a, b, c, d) / n - mx * mx);
				final double vtx = cov * (box(stx, a, b, c, d) / n - mt * mx);
				sum += (2 * mt * mx + c1) * (2 * vtx + c2) / ((mt * mt + mx * mx + c1) * (vt + vx + c2));
			}
		return sum / ((double) (h - WINDOW + 1) * (w - WINDOW + 1));
	}

	/** Window sum from a summed-area table: corners top-left a, top-right b, bottom-left c, bottom-right d. */
	private static double box(final double[] table, final int a, final int b, final int c, final int d) {
		return table[d] - table[b] - table[c] + table[a];
	}

	private static void checkSizes(final FloatVolume target, final FloatVolume recon) {
		if (target.width() != recon.width() || target.height() != recon.height() || target.depth() != recon
			.depth()) throw new AccelMRException("reconstruction is " + recon.depth() + "x" + recon.height() + "x" +
				recon.width() + " but the target is " + target.depth() + "x" + target.height() + "x" + target
					.width() + " (slices x height x width)");
	}
}
