package org.accelmr.kspace;

/**
 * Noise-only samples of every receive channel (ISMRMRD noise measurements, Siemens noise-adjust scans): what
 * pre-whitening estimates the noise covariance from.
 *
 * @param coils receive channels, the same as the k-space they belong to
 * @param samples per coil, {@code 2 * count} floats, re/im interleaved; sample i of every coil was taken at
 *        the same time
 */
public record NoiseSamples(int coils, float[][] samples) {

	public NoiseSamples {
		if (coils < 1 || samples.length != coils) throw new IllegalArgumentException("expected " + coils +
			" coils of noise, got " + samples.length);
		for (final float[] s : samples)
			if (s.length != samples[0].length || s.length % 2 != 0) throw new IllegalArgumentException(
				"noise samples of every coil must be complex and equally many");
	}

	/** Samples per coil. */
	public int count() {
		return samples[0].length / 2;
	}
}
