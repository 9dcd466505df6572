package org.accelmr.pipeline;

import java.util.List;

import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.mask.SamplingMask;
import org.accelmr.recon.SliceSolve;

/**
 * A reconstructed volume and how it was made.
 *
 * @param image one image per slice
 * @param mask the mask every slice was reconstructed with, or null when fully sampled
 * @param sampling where that mask came from
 * @param chunks how many chunks the volume was read and reconstructed in
 * @param seconds wall time of reading and reconstructing (not of writing)
 * @param info the source's metadata (voxel size for NIfTI outputs)
 * @param solves what the method chose per slice (λ, iterations), in slice order; empty when it chose nothing
 */
public record PipelineResult(FloatVolume image, SamplingMask mask, Sampling sampling, int chunks, double seconds,
	AcquisitionInfo info, List<SliceSolve> solves)
{

	/** Where the mask came from. */
	public enum Sampling {
		/** the volume was fully sampled and stayed so */
		FULL,
		/** the volume carried its own mask (an undersampled acquisition) */
		OWN_MASK,
		/** the pipeline undersampled the fully sampled volume */
		UNDERSAMPLED,
		/** no mask in the file and none given: the samples that hold data ({@link SamplingMask#acquiredIn}) */
		FOUND_IN_DATA
	}

	/** Achieved acceleration R: all samples over acquired ones (1 when fully sampled). */
	public double acceleration() {
		return mask == null ? 1 : mask.acceleration();
	}
}
