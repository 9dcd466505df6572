package org.accelmr.train;

import java.util.SplittableRandom;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.RandomMask;
import org.accelmr.mask.SamplingMask;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.SimulationConfig;

/**
 * Turns a magnitude image into a (zero-filled input, target) pair the way a scan would: {@link KSpaceSimulator}
 * with a random smooth phase, 1 to {@code maxCoils} birdcage coils (1 coil a quarter of the time, else uniform
 * in 2..maxCoils) and complex noise of level l (none a quarter of the time, else log-uniform in [0.003,
 * {@code maxNoise}], see below); then a fastMRI random column mask
 * ({@link RandomMask}) at the configured acceleration with a centre fraction uniform in [min, max]; zero-filled
 * inverse FFT; root sum of squares. The target is the RSS of the same noisy k-space fully sampled, as fastMRI's
 * {@code reconstruction_rss} targets are: scores are then computed the way real scans are scored, and the network
 * learns to keep the noise it can see in the measured lines instead of painting flat backgrounds, which lowered
 * SSIM against real (noisy) references.
 *
 * <p>Noise: the drawn level {@code l} sets the per-coil standard deviation to {@code l * max / sqrt(coils)}.
 * The RSS background floor of {@code C} coils with per-coil sigma is about {@code sigma * sqrt(2C)}, so this keeps
 * the visible floor near {@code 1.3 l max} for any coil count (a fixed per-coil sigma made 16-coil backgrounds
 * 4x noisier than 1-coil ones), while signal regions get the SNR gain of more coils, as in real arrays.
 */
final class PairSimulator {

	static final double SINGLE_COIL_SHARE = 0.25;
	static final double NOISELESS_SHARE = 0.25;
	static final double MIN_NOISE = 0.003;

	private final double acceleration;
	private final double centerFractionMin;
	private final double centerFractionMax;
	private final int maxCoils;
	private final double maxNoise;

	PairSimulator(final TrainingConfig c) {
		acceleration = c.acceleration();
		centerFractionMin = c.centerFractionMin();
		centerFractionMax = c.centerFractionMax();
		maxCoils = c.maxCoils();
		maxNoise = c.maxNoise();
	}

	TrainingPair simulate(final SliceImage image, final SplittableRandom random) {
		// a quarter single-coil draws (single-coil data is scored on its own), the rest uniform in 2..maxCoils
		final int coils = maxCoils == 1 || random.nextDouble() < SINGLE_COIL_SHARE ? 1 : 2 + random.nextInt(
			maxCoils - 1);
		// noiseless a quarter of the time, else log-uniform from 0.3% up to maxNoise: the network must learn to
		// keep noise it sees (real scans are scored against noisy references) and add none where there is none
		// (a clean simulated slice is scored against a clean one)
		final double noise = maxNoise <= MIN_NOISE || random.nextDouble() < NOISELESS_SHARE ? 0 : Math.exp(random
			.nextDouble(Math.log(MIN_NOISE), Math.log(maxNoise)));
		final double centerFraction = centerFractionMax > centerFractionMin ? random.nextDouble(centerFractionMin,
			centerFractionMax) : centerFractionMin;
		final SamplingMask mask = new RandomMask(acceleration, centerFraction).sample(image.width(), image
			.height(), random.nextLong());
		return simulate(image, coils, noise, mask, random.nextLong());
	}

	/** The pair for given draws; {@code seed} fixes the phase and noise; {@code noise} is the level l above. */
	static TrainingPair simulate(final SliceImage image, final int coils, final double noise,
		final SamplingMask mask, final long seed)
	{
		final FloatVolume m = new FloatVolume(image.width(), image.height(), new float[][] { image.pixels() });
		final KSpace full = KSpaceSimulator.simulate(m, new SimulationConfig(coils, true, noise / Math.sqrt(coils),
			seed));
		final float[] target = CoilCombination.rssOfKSpace(full.data(), 1).slice(0);
		mask.applyTo(full.data());
		CenteredFFT.inverse(full.data(), 1);
		final float[] input = CoilCombination.rss(full.data()).slice(0);
		return new TrainingPair(input, target, image.width(), image.height());
	}
}
