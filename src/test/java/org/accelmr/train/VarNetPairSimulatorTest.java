package org.accelmr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.sim.CoilArrayScan;
import org.accelmr.sim.LoopCoils;
import org.accelmr.sim.Phantoms;
import org.junit.jupiter.api.Test;

class VarNetPairSimulatorTest {

	private static final int SIDE = 32, COILS = 6;

	/**
	 * The target is the RSS of the scan without its noise (random phase and coil geometry included), and the
	 * noisy scan's RSS differs from it by the noise alone: in the background its mean is the noise floor.
	 */
	@Test
	void theTargetIsTheRssOfTheScanWithoutNoise() {
		final float[] image = Phantoms.brain(SIDE, SIDE).slice(0);
		final ComplexStack maps = LoopCoils.maps(LoopCoils.random(COILS, new SplittableRandom(3)), SIDE, SIDE);
		final float[] target = VarNetPairSimulator.cleanRss(image, maps);
		final float[] clean = rssOf(CoilArrayScan.simulate(image, maps, 0, 0, new SplittableRandom(4)));
		double peak = 0;
		for (int i = 0; i < clean.length; i++) {
			assertEquals(clean[i], target[i], 1e-4 * (1 + clean[i]));
			peak = Math.max(peak, target[i]);
		}
		final double sigma = 0.01 * peak;
		final float[] noisy = rssOf(CoilArrayScan.simulate(image, maps, sigma, 0.3, new SplittableRandom(5)));
		double floor = 0;
		int background = 0;
		for (int i = 0; i < noisy.length; i++)
			if (target[i] == 0) {
				floor += noisy[i];
				background++;
			}
		// the RSS of 6 coils of pure noise has a mean of about sigma sqrt(2 * 6) (chi with 12 degrees of freedom)
		assertEquals(sigma * Math.sqrt(2 * COILS), floor / background, 0.15 * sigma * Math.sqrt(2 * COILS));
	}

	private static float[] rssOf(final ComplexStack k) {
		final ComplexStack images = k.copy();
		CenteredFFT.inverse(images, 1);
		return CoilCombination.rss(images).slice(0);
	}
}
