package org.accelmr.sim;

import java.util.SplittableRandom;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.ComplexStack;

/**
 * One fully sampled multi-coil acquisition of a magnitude image, as a receive array records it:
 * <pre>
 * k_c = F( s_c m exp(i phi) ) + n_c,   n = A z,  z ~ CN(0, sigma^2 I)
 * </pre>
 * with coil maps {@code s_c} (e.g. {@link LoopCoils}), a smooth random phase {@code phi} ({@link SmoothPhase}),
 * and noise correlated between coils through a random mixing matrix {@code A = I + rho G} ({@code G} complex
 * Gaussian, entries of variance 1/C; rows rescaled so every coil keeps variance {@code sigma^2}), as the mutual
 * inductance and shared preamplifier noise of real arrays make it ({@code rho} in [0, 0.5] gives noise
 * correlation coefficients up to about 0.4).
 */
public final class CoilArrayScan {

	private CoilArrayScan() {}

	/**
	 * @param image magnitude, row-major {@code height x width}
	 * @param maps one slice of coil maps of the same size
	 * @param sigma per-coil noise standard deviation (per real and imaginary part)
	 * @param correlation rho above, 0 for independent noise
	 * @param random draws the phase and the noise
	 * @return fully sampled k-space, one slice
	 */
	public static ComplexStack simulate(final float[] image, final ComplexStack maps, final double sigma,
		final double correlation, final SplittableRandom random)
	{
		final int w = maps.width(), h = maps.height(), n = w * h, coils = maps.coils();
		final float[] phase = SmoothPhase.create(w, h, random);
		final ComplexStack k = new ComplexStack(w, h, coils, 1);
		for (int c = 0; c < coils; c++) {
			final float[] s = maps.plane(0, c), out = k.plane(0, c);
			for (int i = 0; i < n; i++) {
				final double re = image[i] * Math.cos(phase[i]), im = image[i] * Math.sin(phase[i]);
				out[2 * i] = (float) (s[2 * i] * re - s[2 * i + 1] * im);
				out[2 * i + 1] = (float) (s[2 * i] * im + s[2 * i + 1] * re);
			}
		}
		CenteredFFT.forward(k, 1);
		if (sigma > 0) addNoise(k, mixing(coils, correlation, random), sigma, random);
		return k;
	}

	/** {@code A = I + rho G}, each row scaled to unit norm; complex, {@code [row][2 * column + part]}. */
	static double[][] mixing(final int coils, final double rho, final SplittableRandom random) {
		final double[][] a = new double[coils][2 * coils];
		final double g = rho / Math.sqrt(2.0 * coils);
		for (int r = 0; r < coils; r++) {
			double norm = 0;
			for (int c = 0; c < coils; c++) {
				a[r][2 * c] = (r == c ? 1 : 0) + g * random.nextGaussian();
				a[r][2 * c + 1] = g * random.nextGaussian();
				norm += a[r][2 * c] * a[r][2 * c] + a[r][2 * c + 1] * a[r][2 * c + 1];
			}
			final double f = 1 / Math.sqrt(norm);
			for (int c = 0; c < 2 * coils; c++)
				a[r][c] *= f;
		}
		return a;
	}

	private static void addNoise(final ComplexStack k, final double[][] a, final double sigma,
		final SplittableRandom random)
	{
		final int coils = k.coils(), n = k.width() * k.height();
		final double[] zr = new double[coils], zi = new double[coils];
		for (int i = 0; i < n; i++) {
			for (int c = 0; c < coils; c++) {
				zr[c] = sigma * random.nextGaussian();
				zi[c] = sigma * random.nextGaussian();
			}
			for (int r = 0; r < coils; r++) {
				double re = 0, im = 0;
				for (int c = 0; c < coils; c++) {
					re += a[r][2 * c] * zr[c] - a[r][2 * c + 1] * zi[c];
					im += a[r][2 * c] * zi[c] + a[r][2 * c + 1] * zr[c];
				}
				final float[] p = k.plane(0, r);
				p[2 * i] += (float) re;
				p[2 * i + 1] += (float) im;
			}
		}
	}
}
