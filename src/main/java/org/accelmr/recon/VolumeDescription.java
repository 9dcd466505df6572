package org.accelmr.recon;

import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;

/**
 * What a method learns about a volume before it sees any sample: its shape, the mask every slice is
 * reconstructed with and the acquisition metadata. Enough to check a coil-map file against the volume, size
 * batches and thread pools, and load a model once.
 *
 * @param slices slices in the whole volume (chunks give their first slice's index in it)
 * @param coils receive coils
 * @param width k-space columns (kx)
 * @param height k-space rows (ky)
 * @param mask the sampling mask of every slice, or null when fully sampled
 * @param info the source's metadata (reference crop size, pixel size)
 */
public record VolumeDescription(int slices, int coils, int width, int height, SamplingMask mask,
	AcquisitionInfo info)
{

	public VolumeDescription {
		if (slices < 1 || coils < 1 || width < 1 || height < 1) throw new IllegalArgumentException(
			"dimensions must be positive: " + slices + "x" + coils + "x" + height + "x" + width);
		if (info == null) throw new IllegalArgumentException("info is required");
	}

	/** The description of k-space in memory, all of its slices. */
	public static VolumeDescription of(final KSpace kspace) {
		return new VolumeDescription(kspace.data().slices(), kspace.data().coils(), kspace.data().width(), kspace
			.data().height(), kspace.mask(), kspace.info());
	}

	/** "slices x coils x rows x columns", as every message prints shapes. */
	public String shape() {
		return slices + "x" + coils + "x" + height + "x" + width;
	}
}
