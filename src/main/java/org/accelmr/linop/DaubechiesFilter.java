package org.accelmr.linop;

/**
 * Orthogonal Daubechies scaling filters {@code h} (Daubechies 1988, "Orthonormal bases of compactly supported
 * wavelets"); the wavelet filter is {@code g[j] = (-1)^j h[L-1-j]}. {@link #DB2} (4 taps) is BART's {@code dau2},
 * the default of {@code pics -R W}.
 */
public enum DaubechiesFilter {

	/** Haar, 2 taps. */
	DB1(new double[] { 0.7071067811865476, 0.7071067811865476 }),
	/** 4 taps, 2 vanishing moments: BART's choice. */
	DB2(new double[] { 0.48296291314469025, 0.836516303737469, 0.22414386804185735, -0.12940952255092145 }),
	/** 8 taps, 4 vanishing moments. */
	DB4(new double[] { 0.23037781330885523, 0.7148465705525415, 0.6308807679295904, -0.02798376941698385,
		-0.18703481171888114, 0.030841381835986965, 0.032883011666982945, -0.010597401784997278 });

	private final float[] lowPass;
	private final float[] highPass;

	DaubechiesFilter(final double[] h) {
		lowPass = new float[h.length];
		highPass = new float[h.length];
		for (int j = 0; j < h.length; j++) {
			lowPass[j] = (float) h[j];
			highPass[j] = (float) ((j % 2 == 0 ? 1 : -1) * h[h.length - 1 - j]);
		}
	}

	float[] lowPass() {
		return lowPass;
	}

	float[] highPass() {
		return highPass;
	}
}
