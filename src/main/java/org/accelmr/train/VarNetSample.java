package org.accelmr.train;

/**
 * One simulated acquisition for the variational network, already divided by {@code scale} (the maximum of its
 * zero-filled RSS image, as inference divides): measured k-space, mask, coil maps estimated from the measured
 * calibration region (as inference estimates them), the fully sampled RSS target and the zero-filled RSS.
 *
 * @param kspace interleaved, {@code coils x height x width}, zero where not sampled
 * @param mask 0/1, {@code height x width}
 * @param maps interleaved coil maps, the layout of {@code kspace}
 * @param target RSS of the fully sampled (noisy) k-space, {@code height x width}
 * @param zeroFilled RSS of the measured k-space, {@code height x width}
 */
record VarNetSample(float[] kspace, float[] mask, float[] maps, float[] target, float[] zeroFilled, int width,
	int height, int coils)
{}
