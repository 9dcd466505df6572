package org.accelmr.kspace;

/** Combining coil images into one image per slice. */
public final class CoilCombination {

	private CoilCombination() {}

	/**
	 * Root sum of squares over coils, {@code sqrt(sum_c |x_c|^2)}, as fastMRI's {@code rss_complex}; with one coil
	 * this is the magnitude.
	 *
	 * @param images coil images (already in image space)
	 */
	public static FloatVolume rss(final ComplexStack images) {
		final int n = images.width() * images.height();
		final FloatVolume out = new FloatVolume(images.width(), images.height(), images.slices());
		for (int s = 0; s < images.slices(); s++) {
			final double[] acc = new double[n];
			for (int c = 0; c < images.coils(); c++) {
				final float[] p = images.plane(s, c);
				for (int i = 0; i < n; i++) {
					final double re = p[2 * i], im = p[2 * i + 1];
					acc[i] += re * re + im * im;
				}
			}
			final float[] dst = out.slice(s);
			for (int i = 0; i < n; i++)
				dst[i] = (float) Math.sqrt(acc[i]);
		}
		return out;
	}
}
