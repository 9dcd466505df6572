package org.accelmr.sim;

import org.accelmr.AccelMRException;

/**
 * How {@link KSpaceSimulator} turns magnitude images into multi-coil k-space.
 *
 * @param coils number of birdcage coils, 1..32
 * @param smoothPhase whether to multiply each slice by a smooth random phase (low-order polynomial plus two
 *          Gaussian bumps), as real scans have from B0 and receive phase
 * @param noiseLevel standard deviation of the white complex Gaussian k-space noise (per real and imaginary part),
 *          as a fraction of the input's maximum; the FFT is orthonormal, so the image noise has the same level
 * @param seed seed of the phase and the noise
 */
public record SimulationConfig(int coils, boolean smoothPhase, double noiseLevel, long seed) {

	/** 8 coils, smooth phase, no noise, seed 0. */
	public static final SimulationConfig DEFAULTS = new SimulationConfig(8, true, 0, 0);

	public SimulationConfig {
		if (coils < 1 || coils > 32) throw new AccelMRException("coils must be in 1..32, got " + coils);
		if (!(noiseLevel >= 0) || Double.isInfinite(noiseLevel)) throw new AccelMRException(
			"noise_level must be >= 0, got " + noiseLevel);
	}

	public SimulationConfig withCoils(final int newCoils) {
		return new SimulationConfig(newCoils, smoothPhase, noiseLevel, seed);
	}

	public SimulationConfig withNoiseLevel(final double newNoiseLevel) {
		return new SimulationConfig(coils, smoothPhase, newNoiseLevel, seed);
	}

	public SimulationConfig withSeed(final long newSeed) {
		return new SimulationConfig(coils, smoothPhase, noiseLevel, newSeed);
	}
}
