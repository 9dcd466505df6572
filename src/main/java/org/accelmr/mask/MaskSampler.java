package org.accelmr.mask;

/**
 * Anything that draws a k-space sampling mask for a given grid: the 1-D column masks of fastMRI
 * ({@link MaskFunction}) and the 2-D {@link PoissonDiscMask}. The same seed always gives the same mask.
 */
public interface MaskSampler {

	/**
	 * Draws a mask.
	 *
	 * @param width number of columns (kx, numpy's last axis)
	 * @param height number of rows (ky)
	 * @param seed seed of this draw; the same seed gives the same mask
	 * @throws org.accelmr.AccelMRException when the acceleration does not fit the grid
	 */
	SamplingMask sample(int width, int height, long seed);

	/** The requested acceleration R (all samples over acquired samples, on average). */
	double acceleration();
}
