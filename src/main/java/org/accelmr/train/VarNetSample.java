package org.accelmr.train;

/**
 * One simulated acquisition for the variational network, already divided by {@code scale} (the maximum of its
 * zero-filled RSS image, as inference divides): measured k-space, mask, coil maps estimated from the measured
 * calibration region (as inference estimates them), the noise-free target, the fully sampled reference and the
 * zero-filled RSS.
 *
 * @param kspace interleaved, {@code coils x height x width}, zero where not sampled
 * @param mask 0/1, {@code height x width}
 * @param maps interleaved coil maps, the layout of {@code kspace}
 * @param target what training fits: the RSS of the noise-free scan ({@link VarNetPairSimulator#cleanRss}),
 *          {@code height x width}
 * @param reference what validation scores against: the RSS of the fully sampled noisy scan, as evaluations
 *          score against a fully sampled reconstruction
 * @param zeroFilled RSS of the measured k-space, {@code height x width}
 * @param start the complex image the network starts from ({@link org.accelmr.nn.VarNetStart}), interleaved
 *          {@code height x width}, or null for a zero-filled start
 */
record VarNetSample(float[] kspace, float[] mask, float[] maps, float[] target, float[] reference, float[] zeroFilled,
	float[] start, int width, int height, int coils)
{

	/** The magnitude of {@link #start()}: the compressed-sensing reconstruction the network refines. */
	float[] startMagnitude() {
		final float[] m = new float[width * height];
		for (int i = 0; i < m.length; i++)
			m[i] = (float) Math.hypot(start[2 * i], start[2 * i + 1]);
		return m;
	}
}
