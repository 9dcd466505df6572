package org.accelmr.train;

/**
 * One real 2-D image, row-major {@code height x width}.
 *
 * @param pixels the values (not copied)
 * @param width columns
 * @param height rows
 * @param origin where it came from, e.g. {@code ch2.nii.gz axial 104}
 */
public record SliceImage(float[] pixels, int width, int height, String origin) {

	public SliceImage {
		if (pixels.length != width * height) throw new IllegalArgumentException("expected " + width * height +
			" pixels, got " + pixels.length);
	}

	public float max() {
		float m = Float.NEGATIVE_INFINITY;
		for (final float v : pixels)
			if (v > m) m = v;
		return m;
	}

	/** The fraction of pixels above {@code threshold}. */
	public double fractionAbove(final double threshold) {
		int n = 0;
		for (final float v : pixels)
			if (v > threshold) n++;
		return (double) n / pixels.length;
	}
}
