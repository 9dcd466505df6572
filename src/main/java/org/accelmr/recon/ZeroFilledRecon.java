package org.accelmr.recon;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.progress.Progress;

/**
 * The linear baseline: orthonormal centred inverse FFT of the zero-filled k-space, root-sum-of-squares over
 * coils, then the reference crop. No renormalisation, so it is on the scale of the fully sampled target and
 * metrics compare directly. The planes of a chunk (every slice and coil) are transformed in parallel.
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

	/** The zero-filled RSS image of every slice of {@code kspace}, reference crop included. */
	static FloatVolume image(final KSpace kspace, final int threads, final Progress progress) {
		progress.status("Zero-filled inverse FFT");
		final ComplexStack images = kspace.data().copy();
		CenteredFFT.inverse(images, threads);
		progress.checkCancelled();
		return Reconstructions.cropToReference(CoilCombination.rss(images), kspace.info());
	}
}
