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

	/** Half the size, each 2x2 block averaged (1 mm pixels become 2 mm); an odd last row or column is dropped. */
	public SliceImage binned() {
		final int w = width / 2, h = height / 2;
		final float[] p = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int i = 2 * y * width + 2 * x;
				p[y * w + x] = 0.25f * (pixels[i] + pixels[i + 1] + pixels[i + width] + pixels[i + width + 1]);
			}
		return new SliceImage(p, w, h, origin + " 2mm");
	}

	/** The fraction of pixels above {@code threshold}. */
	public double fractionAbove(final double threshold) {
		int n = 0;
		for (final float v : pixels)
			if (v > threshold) n++;
		return (double) n / pixels.length;
	}
}
