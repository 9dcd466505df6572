package org.accelmr.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.accelmr.AccelMRException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MaskFunctionTest {

	/** fastMRI's centre rule: round(W cf) columns from (W - numLow + 1) // 2, checked on odd and even widths. */
	@ParameterizedTest
	@CsvSource({ "368, 0.08, 29, 170", "320, 0.04, 13, 154", "321, 0.08, 26, 148", "15, 0.2, 3, 6", "16, 0.2, 3, 7",
		"10, 0.25, 2, 4" })
	void centreColumnsFollowFastMriRule(final int width, final double fraction, final int numLow, final int start) {
		for (final String name : new String[] { "random", "equispaced", "equispaced-fraction" }) {
			final MaskFunction f = (MaskFunction) Masks.create(name, 4, fraction, 0);
			assertEquals(numLow, f.lowFrequencyColumns(width), name);
			final boolean[] centre = MaskFunction.centerColumns(width, numLow);
			for (int x = 0; x < width; x++)
				assertEquals(x >= start && x < start + numLow, centre[x], name + " column " + x);
			final boolean[] cols = f.sample(width, 5, 3).columns();
			for (int x = start; x < start + numLow; x++)
				assertTrue(cols[x], name + " misses centre column " + x);
		}
	}

	@Test
	void roundingIsHalfToEvenLikePython() {
		// 50 * 0.05 = 2.5 -> Python round gives 2; 70 * 0.05 = 3.5 -> 4
		assertEquals(2, new RandomMask(4, 0.05).lowFrequencyColumns(50));
		assertEquals(4, new RandomMask(4, 0.05).lowFrequencyColumns(70));
	}

	@Test
	void randomMaskHitsAccelerationOnAverage() {
		final RandomMask m = new RandomMask(4, 0.08);
		final int width = 368;
		assertEquals((368 / 4.0 - 29) / (368 - 29), m.probability(width, 29), 1e-15);
		double sum = 0;
		for (int seed = 0; seed < 200; seed++)
			sum += m.sample(width, 4, seed).sampledCount() / 4.0;
		// expected 92 columns; the mean of 200 draws has a standard error of ~0.6
		assertEquals(92, sum / 200, 2.0);
	}

	@Test
	void equispacedKeepsEveryRthColumnPlusCentre() {
		final EquispacedMask m = new EquispacedMask(4, 0.08);
		final boolean[] cols = m.sample(320, 2, 11).columns();
		final boolean[] centre = MaskFunction.centerColumns(320, 26);
		int offset = -1;
		for (int x = 0; x < 320 && offset < 0; x++)
			if (cols[x] && !centre[x]) offset = x % 4;
		for (int x = 0; x < 320; x++)
			assertEquals(centre[x] || x % 4 == offset, cols[x], "column " + x);
		// the quirk: centre on top of N/4 lines, so R is below 4
		final double achieved = m.sample(320, 2, 11).acceleration();
		assertTrue(achieved < 4 && achieved > 320.0 / (80 + 26) - 1e-9, "achieved " + achieved);
	}

	@Test
	void equispacedOffsetCoversAllResidues() {
		final EquispacedMask m = new EquispacedMask(4, 0.04);
		final boolean[] seen = new boolean[4];
		for (int seed = 0; seed < 64; seed++) {
			final boolean[] cols = m.sample(64, 1, seed).columns();
			seen[cols[0] ? 0 : cols[1] ? 1 : cols[2] ? 2 : 3] = true;
		}
		for (final boolean s : seen)
			assertTrue(s);
	}

	@ParameterizedTest
	@CsvSource({ "368, 4, 0.08", "320, 8, 0.04", "321, 4, 0.08", "255, 6, 0.06" })
	void equispacedFractionHitsAcceleration(final int width, final double r, final double cf) {
		final EquispacedFractionMask m = new EquispacedFractionMask(r, cf);
		final int numLow = m.lowFrequencyColumns(width);
		final double a = m.adjustedSpacing(width, numLow);
		assertEquals(width / r, numLow + (width - numLow) / a, 1e-9);
		for (long seed = 0; seed < 5; seed++) {
			final double achieved = m.sample(width, 3, seed).acceleration();
			assertEquals(r, achieved, 0.06 * r, "seed " + seed);
		}
	}

	@Test
	void equispacedFractionNeverPicksLastColumnOutsideCentre() {
		final EquispacedFractionMask m = new EquispacedFractionMask(4, 0.08);
		for (long seed = 0; seed < 20; seed++)
			assertFalse(m.sample(100, 1, seed).columns()[99]);
	}

	@Test
	void sameSeedSameMaskDifferentSeedDifferentMask() {
		for (final String name : Masks.NAMES) {
			final MaskSampler m = Masks.create(name, 4, 0.08, 8);
			assertEquals(m.sample(64, 48, 7), m.sample(64, 48, 7), name);
		}
		final MaskSampler random = Masks.create("random", 4, 0.08, 0);
		assertNotEquals(random.sample(368, 2, 1), random.sample(368, 2, 2));
	}

	@Test
	void columnMasksAreTheSameOnEveryRow() {
		final SamplingMask m = new RandomMask(4, 0.08).sample(33, 7, 5);
		assertTrue(m.isColumnMask());
		for (int y = 0; y < 7; y++)
			for (int x = 0; x < 33; x++)
				assertEquals(m.isSampled(0, x), m.isSampled(y, x));
	}

	@Test
	void invalidValuesNameTheKey() {
		final AccelMRException low = assertThrows(AccelMRException.class, () -> Masks.create("random", 0.5, 0.08,
			0));
		assertEquals("acceleration must be > 1, got 0.5", low.getMessage());
		final AccelMRException wide = assertThrows(AccelMRException.class, () -> Masks.create("random", 400, 0.08,
			0).sample(368, 10, 0));
		assertEquals("acceleration must be > 1 and <= 368 (the number of columns) for a 10x368 mask, got 400.0", wide
			.getMessage());
		// one column: no R fits, and the message must not ask for a number "> 1 and <= 1"
		final AccelMRException narrow = assertThrows(AccelMRException.class, () -> Masks.create("random", 2, 0.08, 0)
			.sample(1, 16, 0));
		assertEquals("a 16x1 mask cannot undersample: acceleration must exceed 1 but is bounded by the number of " +
			"columns, here 1 (got 2.0)", narrow.getMessage());
		final AccelMRException tiny = assertThrows(AccelMRException.class, () -> Masks.create("poisson", 2, 0.08, 0)
			.sample(2, 2, 0));
		assertTrue(tiny.getMessage().startsWith("a 2x2 mask cannot undersample"), tiny.getMessage());
		assertTrue(assertThrows(AccelMRException.class, () -> Masks.create("equispaced", 4, 1.5, 0)).getMessage()
			.startsWith("center_fraction must be in (0, 1)"));
		assertTrue(assertThrows(AccelMRException.class, () -> Masks.create("random", 4, 0, 0)).getMessage()
			.startsWith("center_fraction"));
		final AccelMRException name = assertThrows(AccelMRException.class, () -> Masks.create("gaussian", 4, 0.08,
			0));
		assertEquals("mask must be one of random, equispaced, equispaced-fraction, poisson, got 'gaussian'", name
			.getMessage());
		assertThrows(AccelMRException.class, () -> new EquispacedFractionMask(4, 0.3).sample(100, 1, 0));
	}
}
