package org.accelmr.linop;

/**
 * Multiplication by coil sensitivities: one image to {@code coils} coil images, {@code y_c = s_c · x}; the
 * adjoint combines them, {@code x = Σ_c conj(s_c) · y_c}. Maps are {@code coils} consecutive interleaved planes.
 * Single-coil data uses one map of ones.
 */
public final class CoilSensitivityOperator implements LinearOperator {

	private final float[] maps;
	private final int pixels;
	private final int coils;

	/** @param maps {@code coils * pixels} complex values, coil-major; kept, not copied */
	public CoilSensitivityOperator(final float[] maps, final int pixels, final int coils) {
		LinearOperator.checkLength(maps, pixels * coils, "coil maps");
		this.maps = maps;
		this.pixels = pixels;
		this.coils = coils;
	}

	/** One coil of unit sensitivity: the identity, for single-coil data. */
	public static CoilSensitivityOperator ones(final int pixels) {
		final float[] m = new float[2 * pixels];
		for (int i = 0; i < pixels; i++)
			m[2 * i] = 1;
		return new CoilSensitivityOperator(m, pixels, 1);
	}

	public int coils() {
		return coils;
	}

	/**
	 * {@code max_x Σ_c |s_c(x)|²} of {@code coils} interleaved planes of {@code pixels} values: the bound of
	 * {@code ‖A^H A‖} for a SENSE model with these maps.
	 */
	public static double maxSumOfSquares(final float[] maps, final int pixels, final int coils) {
		double max = 0;
		for (int i = 0; i < pixels; i++)
			max = Math.max(max, sumOfSquares(maps, pixels, coils, i));
		return max;
	}

	/** {@code Σ_c |s_c(x)|²} at pixel {@code x} of {@code coils} interleaved planes of {@code pixels} values. */
	public static double sumOfSquares(final float[] maps, final int pixels, final int coils, final int x) {
		double s = 0;
		for (int c = 0; c < coils; c++) {
			final int j = 2 * (c * pixels + x);
			s += maps[j] * maps[j] + maps[j + 1] * maps[j + 1];
		}
		return s;
	}

	@Override
	public int domainSize() {
		return pixels;
	}

	@Override
	public int codomainSize() {
		return pixels * coils;
	}

	@Override
	public void apply(final float[] x, final float[] y) {
		LinearOperator.checkLength(x, pixels, "CoilSensitivityOperator input");
		LinearOperator.checkLength(y, pixels * coils, "CoilSensitivityOperator output");
		for (int c = 0; c < coils; c++) {
			final int off = 2 * c * pixels;
			for (int i = 0; i < 2 * pixels; i += 2) {
				final float sr = maps[off + i], si = maps[off + i + 1], xr = x[i], xi = x[i + 1];
				y[off + i] = sr * xr - si * xi;
				y[off + i + 1] = sr * xi + si * xr;
			}
		}
	}

	@Override
	public void applyAdjoint(final float[] y, final float[] x) {
		LinearOperator.checkLength(y, pixels * coils, "CoilSensitivityOperator input");
		LinearOperator.checkLength(x, pixels, "CoilSensitivityOperator output");
		java.util.Arrays.fill(x, 0);
		for (int c = 0; c < coils; c++) {
			final int off = 2 * c * pixels;
			for (int i = 0; i < 2 * pixels; i += 2) {
				final float sr = maps[off + i], si = maps[off + i + 1], yr = y[off + i], yi = y[off + i + 1];
				x[i] += sr * yr + si * yi;
				x[i + 1] += sr * yi - si * yr;
			}
		}
	}
}
