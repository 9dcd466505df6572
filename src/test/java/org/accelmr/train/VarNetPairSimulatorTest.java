package org.accelmr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.nn.VarNetArchitecture;
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

	/**
	 * {@code mask_type} and {@code double_acceleration} decide the masks: with random columns at R=4 only, every
	 * sample keeps about a quarter of the columns and the gaps between its outer columns vary; equispaced columns
	 * have gaps that differ by at most one; by default half the samples are at R=8.
	 */
	@Test
	void masksFollowTheMaskTypeAndAcceleration() {
		final int side = 256, samples = 24;
		final SliceImage slice = new SliceImage(Phantoms.brain(side, side).slice(0), side, side, "phantom");
		for (final String type : List.of("random", "equispaced")) {
			int irregular = 0;
			for (final double[] m : masks(slice, side, samples, Map.of("mask_type", type, "double_acceleration",
				"false"))) {
				assertEquals(4, m[0], 0.8, type + ": acceleration of a sample");
				if (m[1] > 1) irregular++;
			}
			if (type.equals("random")) assertTrue(irregular > samples * 3 / 4, "random columns, irregular gaps: " +
				irregular);
			else assertEquals(0, irregular, "equispaced columns: gaps differing by more than one");
		}
		int doubled = 0;
		for (final double[] m : masks(slice, side, samples, Map.of()))
			if (m[0] > 6) doubled++;
		assertTrue(doubled > samples / 4 && doubled < samples * 3 / 4, "about half at R=8 by default: " + doubled);
	}

	/** Per sample: its acceleration and the spread (largest - smallest) of the gaps between outer columns. */
	private static List<double[]> masks(final SliceImage slice, final int side, final int samples,
		final Map<String, String> settings)
	{
		final TrainingConfig c = TrainingConfig.DEFAULTS.with(Map.of("architecture", "varnet", "max_coils", "1",
			"crop", Integer.toString(side), "center_fraction_min", "0.08", "center_fraction_max", "0.08")).with(
				settings);
		final VarNetPairSimulator sim = new VarNetPairSimulator(c, new VarNetArchitecture(1, 4, 2, 2, "rss", 1), 16);
		final List<double[]> out = new ArrayList<>();
		final SplittableRandom random = new SplittableRandom(11);
		for (int s = 0; s < samples; s++) {
			final float[] mask = sim.simulate(slice, side, random).mask();
			final List<Integer> columns = new ArrayList<>();
			for (int x = 0; x < side; x++)
				if (mask[x] > 0) columns.add(x);
			// the outer columns: those left of the fully sampled centre's run around side / 2
			int lo = side / 2;
			while (lo > 0 && mask[lo - 1] > 0)
				lo--;
			int smallest = Integer.MAX_VALUE, largest = 0, previous = -1;
			for (final int x : columns) {
				if (x >= lo) break;
				if (previous >= 0) {
					smallest = Math.min(smallest, x - previous);
					largest = Math.max(largest, x - previous);
				}
				previous = x;
			}
			out.add(new double[] { side / (double) columns.size(), largest == 0 ? 0 : largest - smallest });
		}
		return out;
	}
}
