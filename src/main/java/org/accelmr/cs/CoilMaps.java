package org.accelmr.cs;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.linop.CoilSensitivityOperator;
import org.accelmr.mask.SamplingMask;

/**
 * Coil sensitivity maps for one slice: {@code coils} interleaved {@code height x width} planes, coil-major, as
 * {@link org.accelmr.linop.SenseOperator} takes them.
 *
 * @param maps the planes
 * @param width columns
 * @param height rows
 * @param coils number of coils
 */
public record CoilMaps(float[] maps, int width, int height, int coils) {

	public CoilMaps {
		if (maps.length != 2 * width * height * coils) throw new IllegalArgumentException("maps of " + maps.length +
			" floats are not " + coils + "x" + height + "x" + width + " complex");
	}

	/** One coil of unit sensitivity: single-coil data. */
	public static CoilMaps ones(final int width, final int height) {
		final float[] m = new float[2 * width * height];
		for (int i = 0; i < m.length; i += 2)
			m[i] = 1;
		return new CoilMaps(m, width, height, 1);
	}

	/**
	 * Maps from a stack read from a file ({@code coils x height x width}), checked against the k-space.
	 *
	 * @throws AccelMRException naming {@code source} when the shape differs
	 */
	public static CoilMaps of(final ComplexStack stack, final int slice, final int width, final int height,
		final int coils, final String source)
	{
		if (stack.width() != width || stack.height() != height || stack.coils() != coils || slice >= stack
			.slices()) throw new AccelMRException("coil maps " + source + " are " + stack.slices() + "x" + stack
				.coils() + "x" + stack.height() + "x" + stack.width() + ", expected " + coils + "x" + height + "x" +
				width + " (coils x rows x columns) for this k-space");
		final float[] m = new float[2 * width * height * coils];
		for (int c = 0; c < coils; c++)
			System.arraycopy(stack.plane(slice, c), 0, m, c * 2 * width * height, 2 * width * height);
		return new CoilMaps(m, width, height, coils);
	}

	/**
	 * Low-resolution maps: the calibration region, inverse FFT, divided by the root sum of squares over coils
	 * ({@code s_c = x_c / sqrt(Σ|x_c|²)}). Pixels where the RSS is below 1e-3 of its maximum get zero
	 * sensitivity. The region is tapered by a Hann window only along sides of at least {@link #HANN_MIN_SIDE}
	 * samples.
	 * <p>
	 * Why not along short sides: the Hann window halves the resolution, and along the 10 columns of fastMRI's
	 * default 8 % centre of a 128-column scan that left maps so coarse that CS with them reached 12.2 dB on a real
	 * 16-coil scan (zero-filled 21.3 dB); without the window along the columns, 22.8 dB. Along long sides the window
	 * stays: without it, simulated 8- and 16-coil brains at 256² with a 20-column centre dropped from 29.7 to
	 * 22.6 dB (ringing). With 10-13 centre columns of those (cf 0.04) this rule gave 26.6-26.7 dB against 23.2-23.9
	 * (Hann) and 23.4-25.9 (no window).
	 */
	public static CoilMaps rss(final ComplexStack kspaceSlice, final SamplingMask mask, final int calibration) {
		final int w = kspaceSlice.width(), h = kspaceSlice.height(), coils = kspaceSlice.coils();
		final CalibrationRegion region = CalibrationRegion.largest(mask, calibration, 2);
		final int x0 = region.firstColumn(w), y0 = region.firstRow(h);
		final float[] m = new float[2 * w * h * coils];
		final float[] plane = new float[2 * w * h];
		for (int c = 0; c < coils; c++) {
			java.util.Arrays.fill(plane, 0);
			final float[] k = kspaceSlice.plane(0, c);
			for (int y = 0; y < region.height(); y++)
				for (int x = 0; x < region.width(); x++) {
					final double win = taper(x, region.width()) * taper(y, region.height());
					final int i = 2 * ((y0 + y) * w + x0 + x);
					plane[i] = (float) (k[i] * win);
					plane[i + 1] = (float) (k[i + 1] * win);
				}
			CenteredFFT.inverse(plane, w, h);
			System.arraycopy(plane, 0, m, c * plane.length, plane.length);
		}
		normaliseByRss(m, w * h, coils, 1e-3);
		return new CoilMaps(m, w, h, coils);
	}

	/** {@code max_x Σ_c |s_c(x)|²}, the bound of {@code ‖A^H A‖} for a SENSE model with these maps. */
	public double maxSumOfSquares() {
		return CoilSensitivityOperator.maxSumOfSquares(maps, width * height, coils);
	}

	/** Sides shorter than this are not tapered by {@link #rss}: 3 x ESPIRiT's default kernel, as there. */
	static final int HANN_MIN_SIDE = 18;

	private static double taper(final int i, final int n) {
		return n < HANN_MIN_SIDE ? 1 : 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n);
	}

	static void normaliseByRss(final float[] m, final int pixels, final int coils, final double relativeFloor) {
		final double[] rss = new double[pixels];
		double max = 0;
		for (int i = 0; i < pixels; i++) {
			rss[i] = Math.sqrt(CoilSensitivityOperator.sumOfSquares(m, pixels, coils, i));
			max = Math.max(max, rss[i]);
		}
		for (int i = 0; i < pixels; i++) {
			final float f = rss[i] > relativeFloor * max ? (float) (1 / rss[i]) : 0;
			for (int c = 0; c < coils; c++) {
				final int j = 2 * (c * pixels + i);
				m[j] *= f;
				m[j + 1] *= f;
			}
		}
	}
}
