package org.accelmr.kspace;

import org.ejml.data.ZMatrixRMaj;

/**
 * Linear combinations of coils: output coil {@code o} at every sample is {@code Σ_c M[o][c] d_c}. Whitening
 * ({@code M = s L^-1}) and coil compression ({@code M = V^H}, fewer rows than columns) are both this.
 */
final class CoilMixing {

	private CoilMixing() {}

	/** A new stack of {@code m.numRows} coils; {@code m.numCols} must equal the input's coils. */
	static ComplexStack mix(final ComplexStack in, final ZMatrixRMaj m, final int inputCoils) {
		final int out = m.numRows, n = in.width() * in.height();
		final ComplexStack result = new ComplexStack(in.width(), in.height(), out, in.slices());
		final double[] mr = new double[out * inputCoils], mi = new double[out * inputCoils];
		for (int o = 0; o < out; o++)
			for (int c = 0; c < inputCoils; c++) {
				mr[o * inputCoils + c] = m.getReal(o, c);
				mi[o * inputCoils + c] = m.getImag(o, c);
			}
		for (int s = 0; s < in.slices(); s++) {
			final float[][] src = new float[inputCoils][], dst = new float[out][];
			for (int c = 0; c < inputCoils; c++)
				src[c] = in.plane(s, c);
			for (int o = 0; o < out; o++)
				dst[o] = result.plane(s, o);
			for (int j = 0; j < n; j++)
				for (int o = 0; o < out; o++) {
					double re = 0, im = 0;
					for (int c = 0; c < inputCoils; c++) {
						final double a = mr[o * inputCoils + c], b = mi[o * inputCoils + c];
						final double x = src[c][2 * j], y = src[c][2 * j + 1];
						re += a * x - b * y;
						im += a * y + b * x;
					}
					dst[o][2 * j] = (float) re;
					dst[o][2 * j + 1] = (float) im;
				}
		}
		return result;
	}

	/** Noise samples mixed the same way. */
	static NoiseSamples mix(final NoiseSamples in, final ZMatrixRMaj m) {
		final ComplexStack asStack = ComplexStack.wrap(in.samples(), in.count(), 1, in.coils(), 1);
		final ComplexStack mixed = mix(asStack, m, in.coils());
		final float[][] out = new float[m.numRows][];
		for (int o = 0; o < out.length; o++)
			out[o] = mixed.plane(0, o);
		return new NoiseSamples(out.length, out);
	}
}
