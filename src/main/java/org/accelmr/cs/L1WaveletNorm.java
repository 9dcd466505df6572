package org.accelmr.cs;

import java.util.Random;

import org.accelmr.linop.WaveletOperator;

/**
 * {@code g(x) = λ ‖Ψ x‖_1} over all coefficients of an orthogonal wavelet Ψ, BART's {@code -R W}. Its prox is
 * {@code Ψ^H soft(Ψ x)}, exact for a unitary Ψ. Like BART, the coarsest approximation band is thresholded too:
 * measured on the 1-coil Shepp-Logan phantom at 4x (200 iterations, best λ), sparing it cost 0.3-0.35 dB PSNR
 * (pd4 41.9 vs 42.2 dB, rnd4 32.5 vs 32.8 dB), because the zero background's coarse coefficients stay small.
 * <p>
 * Random cycle spinning (Figueiredo and Nowak 2003; BART's {@code randshift}): every prox call first shifts the
 * image circularly by a random offset in {@code [0, 2^levels)} per axis and shifts back afterwards, so the
 * dyadic block grid does not stay in one place and leave block artefacts. The shifts come from a seeded
 * generator, so runs repeat exactly. {@link #value} uses no shift.
 */
public final class L1WaveletNorm implements ProximalFunction {

	private final WaveletOperator wavelet;
	private final int width;
	private final int height;
	private final double lambda;
	private final int maxShift;
	private final Random random;
	private final float[] shifted;
	private final float[] coefficients;

	public L1WaveletNorm(final WaveletOperator wavelet, final int width, final int height, final int levels,
		final double lambda, final long seed)
	{
		this.wavelet = wavelet;
		this.width = width;
		this.height = height;
		this.lambda = lambda;
		this.maxShift = 1 << levels;
		this.random = new Random(seed);
		this.shifted = new float[2 * width * height];
		this.coefficients = new float[2 * wavelet.codomainSize()];
	}

	@Override
	public double value(final float[] x) {
		wavelet.apply(x, coefficients);
		double s = 0;
		for (int i = 0; i < coefficients.length; i += 2)
			s += Math.hypot(coefficients[i], coefficients[i + 1]);
		return lambda * s;
	}

	@Override
	public void prox(final double alpha, final float[] v, final float[] out) {
		final int dx = random.nextInt(maxShift) % width, dy = random.nextInt(maxShift) % height;
		roll(v, shifted, dx, dy);
		wavelet.apply(shifted, coefficients);
		L1Norm.softThreshold(coefficients, coefficients, 0, coefficients.length, (float) (alpha * lambda));
		wavelet.applyAdjoint(coefficients, shifted);
		roll(shifted, out, width - dx, height - dy);
	}

	/** {@code out[(y+dy) % h][(x+dx) % w] = in[y][x]}. */
	private void roll(final float[] in, final float[] out, final int dx, final int dy) {
		final int first = width - dx;
		for (int y = 0; y < height; y++) {
			final int src = 2 * y * width, dst = 2 * ((y + dy) % height) * width;
			System.arraycopy(in, src, out, dst + 2 * dx, 2 * first);
			System.arraycopy(in, src + 2 * first, out, dst, 2 * dx);
		}
	}
}
