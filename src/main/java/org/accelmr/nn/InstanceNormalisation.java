package org.accelmr.nn;

/**
 * fastMRI's per-image normalisation of the U-Net input: {@code x' = clamp((x - mean) / (std + 1e-11), -6, 6)}
 * with the mean and (unbiased) standard deviation of that image; the network's output {@code y'} maps back
 * with {@code y = y' * (std + 1e-11) + mean}. Training normalises the target with the input's statistics.
 *
 * @param mean the image mean
 * @param std the image standard deviation
 */
public record InstanceNormalisation(double mean, double std) {

	public static final double CLAMP = 6;
	private static final double EPS = 1e-11;

	/** The statistics of {@code image}. */
	public static InstanceNormalisation of(final float[] image) {
		double sum = 0;
		for (final float v : image)
			sum += v;
		final double mean = sum / image.length;
		double ss = 0;
		for (final float v : image)
			ss += (v - mean) * (v - mean);
		return new InstanceNormalisation(mean, Math.sqrt(ss / Math.max(1, image.length - 1)));
	}

	/** {@code (x - mean) / (std + eps)}, clamped to +-6, into {@code out} at {@code offset}. */
	public void normalise(final float[] image, final float[] out, final int offset) {
		final double scale = 1 / (std + EPS);
		for (int i = 0; i < image.length; i++)
			out[offset + i] = (float) Math.max(-CLAMP, Math.min(CLAMP, (image[i] - mean) * scale));
	}

	/** The inverse map (without the clamp), in place over {@code length} values from {@code offset}. */
	public void restore(final float[] values, final int offset, final int length) {
		for (int i = offset; i < offset + length; i++)
			values[i] = (float) (values[i] * (std + EPS) + mean);
	}
}
