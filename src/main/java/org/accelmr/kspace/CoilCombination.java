package org.accelmr.kspace;

/** Combining coil images into one image per slice. */
public final class CoilCombination {

	/** Pixels per step of the parallel RSS: a few steps per slice, each one's sums small enough for the L2 cache. */
	static final int RSS_BLOCK = 1 << 14;

	private CoilCombination() {}

	/**
	 * Root sum of squares over coils, {@code sqrt(sum_c |x_c|^2)}, as fastMRI's {@code rss_complex}; with one coil
	 * this is the magnitude.
	 *
	 * @param images coil images (already in image space)
	 */
	public static FloatVolume rss(final ComplexStack images) {
		return rss(images, 1);
	}

	/**
	 * The RSS image of k-space: every coil's centred inverse FFT, on a copy (the k-space is kept), then {@link
	 * #rss(ComplexStack, int)}; both on up to {@code threads} threads.
	 */
	public static FloatVolume rssOfKSpace(final ComplexStack kspace, final int threads) {
		final ComplexStack images = kspace.copy();
		CenteredFFT.inverse(images, threads);
		return rss(images, threads);
	}

	/**
	 * {@link #rss(ComplexStack)} on up to {@code threads} threads, over blocks of pixels of every slice (each pixel
	 * sums its coils in the same order whatever the threads, so the result is the same to the bit).
	 */
	public static FloatVolume rss(final ComplexStack images, final int threads) {
		final int n = images.width() * images.height(), blocks = (n + RSS_BLOCK - 1) / RSS_BLOCK;
		final FloatVolume out = new FloatVolume(images.width(), images.height(), images.slices());
		ParallelLoop.forEach(images.slices() * blocks, threads, job -> {
			final int s = job / blocks, from = job % blocks * RSS_BLOCK, to = Math.min(n, from + RSS_BLOCK);
			final double[] acc = new double[to - from];
			for (int c = 0; c < images.coils(); c++) {
				final float[] p = images.plane(s, c);
				for (int i = from; i < to; i++) {
					final double re = p[2 * i], im = p[2 * i + 1];
					acc[i - from] += re * re + im * im;
				}
			}
			final float[] dst = out.slice(s);
			for (int i = from; i < to; i++)
				dst[i] = (float) Math.sqrt(acc[i - from]);
		});
		return out;
	}
}
