package org.accelmr.nn;

import org.accelmr.progress.Progress;

/**
 * Runs a {@link UNetModel} on magnitude images of one size: each image is normalised with its own
 * {@link InstanceNormalisation}, the network runs on up to {@code batchSize} images at once (so native memory
 * stays bounded by one batch), and each output is mapped back to its image's scale.
 */
public final class UNetInference {

	private UNetInference() {}

	/**
	 * @param images row-major {@code height x width} magnitude images (not modified)
	 * @return one output per image, same layout and scale
	 */
	public static float[][] apply(final UNetModel model, final float[][] images, final int width,
		final int height, final int batchSize, final Progress progress)
	{
		final int area = width * height;
		final float[][] out = new float[images.length][];
		for (int start = 0; start < images.length; start += batchSize) {
			progress.checkCancelled();
			final int count = Math.min(batchSize, images.length - start);
			final float[] batch = new float[count * area];
			final InstanceNormalisation[] norms = new InstanceNormalisation[count];
			for (int b = 0; b < count; b++) {
				norms[b] = InstanceNormalisation.of(images[start + b]);
				norms[b].normalise(images[start + b], batch, b * area);
			}
			final float[] result = model.predict(batch, count, height, width);
			for (int b = 0; b < count; b++) {
				norms[b].restore(result, b * area, area);
				out[start + b] = new float[area];
				System.arraycopy(result, b * area, out[start + b], 0, area);
			}
			progress.progress(start + count, images.length);
		}
		return out;
	}
}
