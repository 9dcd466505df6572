package org.accelmr.recon;

import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.progress.Progress;

/**
 * A reconstruction method: measured (possibly undersampled) k-space in, one real image per slice out, on the
 * scale of the fully sampled RSS target and centre-cropped like it (see {@link Reconstructions#cropToReference}).
 */
public interface Reconstructor {

	/** The method's name as users type it ({@code zero-filled}, {@code tv}, {@code wavelet}, {@code unet}). */
	String name();

	FloatVolume reconstruct(KSpace kspace, Progress progress);
}
