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
 * @param start the complex image the network starts from ({@link org.accelmr.nn.VarNetStart}), interleaved
 *          {@code height x width}, or null for a zero-filled start
 */
record VarNetSample(float[] kspace, float[] mask, float[] maps, float[] target, float[] zeroFilled, float[] start,
	int width, int height, int coils)
{

	/** The magnitude of {@link #start()}: the compressed-sensing reconstruction the network refines. */
	float[] startMagnitude() {
		final float[] m = new float[width * height];
		for (int i = 0; i < m.length; i++)
			m[i] = (float) Math.hypot(start[2 * i], start[2 * i + 1]);
		return m;
	}
}
