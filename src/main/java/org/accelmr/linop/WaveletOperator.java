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
	private final float[] columns; // one level's column pass, row by row

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
		this.line = new float[2 * (longest + h.length)];
		this.lineOut = new float[2 * (longest + h.length)];
		this.columns = new float[2 * paddedWidth * paddedHeight];
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
				analyseRow(y, 2 * r * paddedWidth, w);
			analyseColumns(y, w, hh);
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
			synthesiseColumns(work, w, hh);
			for (int r = 0; r < hh; r++)
				synthesiseRow(work, 2 * r * paddedWidth, w);
		}
		for (int r = 0; r < height; r++)
			System.arraycopy(work, 2 * r * paddedWidth, x, 2 * r * width, 2 * width);
	}

	/**
	 * One analysis level on the complex row {@code v[start..start+2n)}, in place. The row is copied with its
	 * periodic extension (as many samples again as the filter has taps), so the filter loop needs no modulo.
	 */
	private void analyseRow(final float[] v, final int start, final int n) {
		final int taps = h.length;
		System.arraycopy(v, start, line, 0, 2 * n);
		for (int e = 0; e < taps; e++) {
			line[2 * (n + e)] = line[2 * (e % n)];
			line[2 * (n + e) + 1] = line[2 * (e % n) + 1];
		}
		final int half = n / 2;
		for (int k = 0; k < half; k++) {
			float ar = 0, ai = 0, dr = 0, di = 0;
			for (int j = 0, m = 4 * k; j < taps; j++, m += 2) {
				ar += h[j] * line[m];
				ai += h[j] * line[m + 1];
				dr += g[j] * line[m];
				di += g[j] * line[m + 1];
			}
			v[start + 2 * k] = ar;
			v[start + 2 * k + 1] = ai;
			v[start + 2 * (k + half)] = dr;
			v[start + 2 * (k + half) + 1] = di;
		}
	}

	/**
	 * The adjoint (= inverse) of {@link #analyseRow}, in place, as a gather: output sample {@code m} collects
	 * {@code h[j] a[k] + g[j] d[k]} over {@code 2k + j ≡ m}. The bands are copied with a periodic extension on
	 * the left ({@code taps / 2} samples) so {@code k = (m - j) / 2} never wraps.
	 */
	private void synthesiseRow(final float[] v, final int start, final int n) {
		final int half = n / 2, taps = h.length, pad = taps / 2;
		// line: a with its extension, lineOut: d with its extension; index t holds band sample t - pad
		System.arraycopy(v, start, line, 2 * pad, 2 * half);
		System.arraycopy(v, start + 2 * half, lineOut, 2 * pad, 2 * half);
		for (int t = 0; t < pad; t++) {
			final int k = Math.floorMod(t - pad, half);
			line[2 * t] = v[start + 2 * k];
			line[2 * t + 1] = v[start + 2 * k + 1];
			lineOut[2 * t] = v[start + 2 * (k + half)];
			lineOut[2 * t + 1] = v[start + 2 * (k + half) + 1];
		}
		for (int p = 0; p < half; p++) { // m = 2p takes the even taps, m = 2p + 1 the odd ones, both at k = p - i
			float er = 0, ei = 0, or = 0, oi = 0;
			for (int i = 0, t = 2 * (p + pad); i < pad; i++, t -= 2) {
				final float ar = line[t], ai = line[t + 1], dr = lineOut[t], di = lineOut[t + 1];
				final float he = h[2 * i], ge = g[2 * i], ho = h[2 * i + 1], go = g[2 * i + 1];
				er += he * ar + ge * dr;
				ei += he * ai + ge * di;
				or += ho * ar + go * dr;
				oi += ho * ai + go * di;
			}
			v[start + 4 * p] = er;
			v[start + 4 * p + 1] = ei;
			v[start + 4 * p + 2] = or;
			v[start + 4 * p + 3] = oi;
		}
	}

	/**
	 * One analysis level along y on the top-left {@code hh x w} block of {@code v} (row stride paddedWidth), in
	 * place: whole rows at a time, so memory is read in order rather than one strided column after another.
	 */
	private void analyseColumns(final float[] v, final int w, final int hh) {
		final int half = hh / 2, taps = h.length, row = 2 * paddedWidth, len = 2 * w;
		Arrays.fill(columns, 0, hh * len, 0);
		for (int k = 0; k < half; k++) {
			final int a = k * len, d = (k + half) * len;
			for (int j = 0; j < taps; j++) {
				final int src = ((2 * k + j) % hh) * row;
				final float hj = h[j], gj = g[j];
				for (int i = 0; i < len; i++) {
					final float value = v[src + i];
					columns[a + i] += hj * value;
					columns[d + i] += gj * value;
				}
			}
		}
		for (int r = 0; r < hh; r++)
			System.arraycopy(columns, r * len, v, r * row, len);
	}

	/** The adjoint (= inverse) of {@link #analyseColumns}, in place. */
	private void synthesiseColumns(final float[] v, final int w, final int hh) {
		final int half = hh / 2, taps = h.length, row = 2 * paddedWidth, len = 2 * w;
		Arrays.fill(columns, 0, hh * len, 0);
		for (int k = 0; k < half; k++) {
			final int a = k * row, d = (k + half) * row;
			for (int j = 0; j < taps; j++) {
				final int dst = ((2 * k + j) % hh) * len;
				final float hj = h[j], gj = g[j];
				for (int i = 0; i < len; i++)
					columns[dst + i] += hj * v[a + i] + gj * v[d + i];
			}
		}
		for (int r = 0; r < hh; r++)
			System.arraycopy(columns, r * len, v, r * row, len);
	}
}
