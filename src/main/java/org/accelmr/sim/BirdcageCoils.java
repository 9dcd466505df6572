package org.accelmr.sim;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.ComplexStack;

/**
 * Synthetic receive-coil sensitivities of a birdcage-like array, the model of SigPy's {@code birdcage_maps}: the
 * coils are wires on a circle of radius {@code r} (in units of the half field of view) around the image, coil c
 * at angle {@code theta_c = 2 pi c / N}. In normalised coordinates {@code u = (x - W/2) / (W/2)},
 * {@code v = (y - H/2) / (H/2)} with {@code du = u - r cos theta_c}, {@code dv = v - r sin theta_c}, each map is a
 * 2-D Biot–Savart field, magnitude falling as the inverse distance and phase turning around the wire:
 * <pre>
 * s_c(x, y) = exp(i (atan2(du, -dv) - theta_c)) / sqrt(du^2 + dv^2)
 * </pre>
 * then all maps are divided by their root sum of squares, so {@code sqrt(sum_c |s_c|^2) = 1} at every pixel:
 * a coil-combined (RSS) image of {@code s_c * m} is exactly {@code |m|}.
 */
public final class BirdcageCoils {

	/** Coil circle radius used by {@link #create(int, int, int)}, as SigPy's default. */
	public static final double DEFAULT_RADIUS = 1.5;

	private BirdcageCoils() {}

	/** Maps with the default radius 1.5. */
	public static ComplexStack create(final int coils, final int width, final int height) {
		return create(coils, width, height, DEFAULT_RADIUS);
	}

	/**
	 * Coil maps as one slice of {@code coils} complex planes, {@code height x width}.
	 *
	 * @param coils number of coils, 1..64
	 * @param radius coil circle radius in half fields of view; &gt; 1 keeps the wires outside the image
	 */
	public static ComplexStack create(final int coils, final int width, final int height, final double radius) {
		if (coils < 1 || coils > 64) throw new AccelMRException("coils must be in 1..64, got " + coils);
		if (!(radius > 1)) throw new AccelMRException("coil radius must be > 1 (outside the image), got " + radius);
		final ComplexStack maps = new ComplexStack(width, height, coils, 1);
		final int n = width * height;
		final double[] sumOfSquares = new double[n];
		for (int c = 0; c < coils; c++) {
			final double theta = 2 * Math.PI * c / coils;
			final double wireU = radius * Math.cos(theta), wireV = radius * Math.sin(theta);
			final float[] p = maps.plane(0, c);
			for (int y = 0; y < height; y++) {
				final double dv = (y - height / 2.0) / (height / 2.0) - wireV;
				for (int x = 0; x < width; x++) {
					final double du = (x - width / 2.0) / (width / 2.0) - wireU;
					final double magnitude = 1 / Math.hypot(du, dv);
					final double phase = Math.atan2(du, -dv) - theta;
					final int i = y * width + x;
					p[2 * i] = (float) (magnitude * Math.cos(phase));
					p[2 * i + 1] = (float) (magnitude * Math.sin(phase));
					sumOfSquares[i] += magnitude * magnitude;
				}
			}
		}
		for (int c = 0; c < coils; c++) {
			final float[] p = maps.plane(0, c);
			for (int i = 0; i < n; i++) {
				final float scale = (float) (1 / Math.sqrt(sumOfSquares[i]));
				p[2 * i] *= scale;
				p[2 * i + 1] *= scale;
			}
		}
		return maps;
	}
}
