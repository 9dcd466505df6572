package org.accelmr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.mask.RandomMask;
import org.accelmr.mask.SamplingMask;
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

	/** A 40 x 48 phantom slice, smaller than {@link #CROP}. */
	private static final int W = 40, H = 48, CROP = 64;

	/** Training slices are resized to fill 70-100 % of the matrix, but never enlarged. */
	@Test
	void slicesAreNeverEnlarged() {
		final VarNetPairSimulator sim = singleCoilSimulator();
		final SplittableRandom random = new SplittableRandom(8);
		for (int i = 0; i < 20; i++) {
			final int rows = rowsSpanned(sim.simulate(phantomSlice(), CROP, random).target(), CROP);
			assertTrue(rows <= H + 2, "sample " + i + ": " + rows + " rows, slice " + H);
		}
	}

	/**
	 * A validation slice keeps its contrast and sits on a crop-sized matrix with its longer side at 90 % of it, as a
	 * fitted field of view shows a head: the same pixels whatever the draw, up to the sample's scale.
	 */
	@Test
	void validationSlicesFillNinetyPercentOfTheCrop() {
		final SliceImage slice = phantomSlice();
		final VarNetPairSimulator sim = singleCoilSimulator();
		final float[] expected = VarNetPairSimulator.place(slice, CROP, 0.9, null);
		for (final long seed : new long[] { 1, 2 }) {
			final VarNetSample v = sim.simulateForValidation(slice, new SplittableRandom(seed));
			assertEquals(CROP, v.width());
			assertEquals(CROP, v.height());
			int peak = 0;
			for (int i = 1; i < expected.length; i++)
				if (expected[i] > expected[peak]) peak = i;
			final double scale = v.target()[peak] / expected[peak];
			for (int i = 0; i < expected.length; i++)
				assertEquals(scale * expected[i], v.target()[i], 1e-4 * scale, "seed " + seed + ", pixel " + i);
		}
		final float[] ones = new float[W * H];
		java.util.Arrays.fill(ones, 1);
		final float[] footprint = VarNetPairSimulator.place(new SliceImage(ones, W, H, "ones"), CROP, 0.9, null);
		assertEquals(Math.round(0.9 * CROP), rowsSpanned(footprint, CROP), 1);
	}

	private static SliceImage phantomSlice() {
		return new SliceImage(Phantoms.brain(W, H).slice(0), W, H, "phantom");
	}

	private static VarNetPairSimulator singleCoilSimulator() {
		final TrainingConfig c = TrainingConfig.DEFAULTS.with(Map.of("architecture", "varnet", "max_coils", "1",
			"crop", Integer.toString(CROP)));
		return new VarNetPairSimulator(c, new VarNetArchitecture(1, 4, 2, 2, "rss", 1), 16);
	}

	/** Rows from the first to the last with a positive pixel, in a {@code side}-wide image. */
	private static int rowsSpanned(final float[] image, final int side) {
		int top = image.length / side, bottom = -1;
		for (int p = 0; p < image.length; p++)
			if (image[p] > 0) {
				top = Math.min(top, p / side);
				bottom = Math.max(bottom, p / side);
			}
		return bottom - top + 1;
	}

	/** Validation scores against the fully sampled noisy scan (as an evaluation would), training fits the clean one. */
	@Test
	void theReferenceIsTheNoisyFullySampledScan() {
		final int side = 48;
		final float[] image = Phantoms.brain(side, side).slice(0);
		final SamplingMask mask = new RandomMask(4, 0.2).sample(side, side, 1);
		final VarNetArchitecture arch = new VarNetArchitecture(1, 4, 2, 2, "rss", 1);
		final VarNetSample clean = VarNetPairSimulator.simulate(image, side, 1, 0, 0, mask, arch, new SplittableRandom(
			2));
		assertArrayEquals(clean.target(), clean.reference(), 1e-4f);
		final VarNetSample noisy = VarNetPairSimulator.simulate(image, side, 1, 0.02, 0, mask, arch,
			new SplittableRandom(2));
		double floor = 0, max = 0;
		int background = 0;
		for (int i = 0; i < image.length; i++) {
			max = Math.max(max, noisy.target()[i]);
			if (noisy.target()[i] == 0) {
				floor += noisy.reference()[i];
				background++;
			}
		}
		// one coil of complex noise with sigma 0.02 max: its magnitude has a mean of sigma sqrt(pi / 2)
		assertEquals(0.02 * Math.sqrt(Math.PI / 2), floor / background / max, 0.004);
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
