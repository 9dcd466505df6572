package org.accelmr.linop;

import java.util.Arrays;

/**
 * The separable 2-D orthogonal discrete wavelet transform with periodic boundaries over {@code levels} levels
 * (Mallat layout: after each level the low-pass band sits in the top-left quarter of the previous one).
 * <p>
 * Sizes that are not multiples of {@code 2^levels} are zero-padded up to one, so the output is
 * {@code paddedHeight x paddedWidth}. Without padding the transform is unitary ({@code W^H W = W W^H = I});
 * with padding it is an isometry ({@code W^H W = I}). One level on a line of even length n:
 * {@code a[k] = Σ_j h[j] x[(2k+j) mod n]}, {@code d[k] = Σ_j g[j] x[(2k+j) mod n]}, a then d.
 */
public final class WaveletOperator implements LinearOperator {

	private final int width;
	private final int height;
	private final int paddedWidth;
	private final int paddedHeight;
	private final int levels;
	private final float[] h;
	private final float[] g;
	private final float[] line;
	private final float[] lineOut;
	private final float[] work;

	public WaveletOperator(final int width, final int height, final DaubechiesFilter filter, final int levels) {
		if (levels < 0) throw new IllegalArgumentException("levels must be >= 0, got " + levels);
		this.width = width;
		this.height = height;
		this.levels = levels;
		final int block = 1 << levels;
		this.paddedWidth = (width + block - 1) / block * block;
		this.paddedHeight = (height + block - 1) / block * block;
		this.h = filter.lowPass();
		this.g = filter.highPass();
		final int longest = Math.max(paddedWidth, paddedHeight);
		this.line = new float[2 * longest];
		this.lineOut = new float[2 * longest];
		this.work = new float[2 * paddedWidth * paddedHeight];
	}

	/**
	 * The number of levels that leaves a coarsest band of at least {@code minSize} samples along the shorter side
	 * (BART keeps a minimum size of 16 by default); 0 for images smaller than {@code 2 * minSize}.
	 */
	public static int levelsFor(final int width, final int height, final int minSize) {
		int levels = 0;
		int n = Math.min(width, height);
		while (n / 2 >= minSize) {
			n = (n + 1) / 2;
			levels++;
		}
		return levels;
	}

	public int paddedWidth() {
		return paddedWidth;
	}

	public int paddedHeight() {
		return paddedHeight;
	}

	/** Width of the coarsest (approximation) band; it occupies the top-left corner of the output. */
	public int approximationWidth() {
		return paddedWidth >> levels;
	}

	/** Height of the coarsest (approximation) band. */
	public int approximationHeight() {
		return paddedHeight >> levels;
	}

	@Override
	public int domainSize() {
		return width * height;
	}

	@Override
	public int codomainSize() {
		return paddedWidth * paddedHeight;
	}

	@Override
	public void apply(final float[] x, final float[] y) {
		LinearOperator.checkLength(x, domainSize(), "WaveletOperator input");
		LinearOperator.checkLength(y, codomainSize(), "WaveletOperator output");
		if (paddedWidth != width || paddedHeight != height) Arrays.fill(y, 0);
		for (int r = 0; r < height; r++)
			System.arraycopy(x, 2 * r * width, y, 2 * r * paddedWidth, 2 * width);
		int w = paddedWidth, hh = paddedHeight;
		for (int l = 0; l < levels; l++) {
			for (int r = 0; r < hh; r++)
				analyseStrided(y, 2 * r * paddedWidth, 2, w);
			for (int c = 0; c < w; c++)
				analyseStrided(y, 2 * c, 2 * paddedWidth, hh);
			w /= 2;
			hh /= 2;
		}
	}

	@Override
	public void applyAdjoint(final float[] y, final float[] x) {
		LinearOperator.checkLength(y, codomainSize(), "WaveletOperator input");
		LinearOperator.checkLength(x, domainSize(), "WaveletOperator output");
		System.arraycopy(y, 0, work, 0, work.length);
		for (int l = levels - 1; l >= 0; l--) {
			final int w = paddedWidth >> l, hh = paddedHeight >> l;
			for (int c = 0; c < w; c++)
				synthesiseStrided(work, 2 * c, 2 * paddedWidth, hh);
			for (int r = 0; r < hh; r++)
				synthesiseStrided(work, 2 * r * paddedWidth, 2, w);
		}
		for (int r = 0; r < height; r++)
			System.arraycopy(work, 2 * r * paddedWidth, x, 2 * r * width, 2 * width);
	}

	/** One analysis level on the complex line {@code v[start + i*stride]}, i < n, in place. */
	private void analyseStrided(final float[] v, final int start, final int stride, final int n) {
		for (int i = 0; i < n; i++) {
			line[2 * i] = v[start + i * stride];
			line[2 * i + 1] = v[start + i * stride + 1];
		}
		final int half = n / 2, taps = h.length;
		for (int k = 0; k < half; k++) {
			float ar = 0, ai = 0, dr = 0, di = 0;
			for (int j = 0; j < taps; j++) {
				final int m = 2 * ((2 * k + j) % n);
				ar += h[j] * line[m];
				ai += h[j] * line[m + 1];
				dr += g[j] * line[m];
				di += g[j] * line[m + 1];
			}
			v[start + k * stride] = ar;
			v[start + k * stride + 1] = ai;
			v[start + (k + half) * stride] = dr;
			v[start + (k + half) * stride + 1] = di;
		}
	}

	/** The adjoint (= inverse) of {@link #analyseStrided}, in place. */
	private void synthesiseStrided(final float[] v, final int start, final int stride, final int n) {
		final int half = n / 2, taps = h.length;
		Arrays.fill(lineOut, 0, 2 * n, 0);
		for (int k = 0; k < half; k++) {
			final float ar = v[start + k * stride], ai = v[start + k * stride + 1];
			final float dr = v[start + (k + half) * stride], di = v[start + (k + half) * stride + 1];
			for (int j = 0; j < taps; j++) {
				final int m = 2 * ((2 * k + j) % n);
				lineOut[m] += h[j] * ar + g[j] * dr;
				lineOut[m + 1] += h[j] * ai + g[j] * di;
			}
		}
		for (int i = 0; i < n; i++) {
			v[start + i * stride] = lineOut[2 * i];
			v[start + i * stride + 1] = lineOut[2 * i + 1];
		}
	}
}
