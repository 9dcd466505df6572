package org.accelmr.recon;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.kspace.ParallelLoop;
import org.accelmr.progress.Progress;

/**
 * The linear baseline: orthonormal centred inverse FFT of the zero-filled k-space, root-sum-of-squares over
 * coils, then the reference crop. No renormalisation, so it is on the scale of the fully sampled target and
 * metrics compare directly. Every step of a chunk (the planes' transforms, the coil combination) runs in parallel.
 */
public final class ZeroFilledRecon implements Reconstructor {

	public static final String NAME = "zero-filled";

	private final int threads;

	public ZeroFilledRecon(final int threads) {
		this.threads = threads;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public PreparedReconstruction prepare(final VolumeDescription volume, final Progress progress) {
		return new PreparedReconstruction() {

			@Override
			public String name() {
				return NAME;
			}

			@Override
			public FloatVolume reconstruct(final KSpace chunk, final int firstSlice, final Progress p) {
				return image(chunk, threads, p);
			}

			@Override
			public void close() {}
		};
	}

	/**
	 * The zero-filled RSS image of every slice of {@code kspace} (not modified), reference crop included. Each
	 * plane is transformed out of place into a new array (no copy of the k-space first) and the coils are
	 * combined over blocks of pixels, both on up to {@code threads} threads; every pixel's arithmetic is the same
	 * whatever the threads.
	 */
	static FloatVolume image(final KSpace kspace, final int threads, final Progress progress) {
		progress.status("Zero-filled inverse FFT");
		final ComplexStack data = kspace.data();
		final int w = data.width(), h = data.height();
		final float[][] planes = new float[data.planeCount()][];
		ParallelLoop.forEach(planes.length, threads, i -> {
			final float[] image = new float[2 * w * h];
			CenteredFFT.inverse(data.plane(i), image, w, h);
			planes[i] = image;
		});
		progress.checkCancelled();
		return Reconstructions.cropToReference(CoilCombination.rss(ComplexStack.wrap(planes, w, h, data.coils(),
			data.slices()), threads), kspace.info());
	}
}
