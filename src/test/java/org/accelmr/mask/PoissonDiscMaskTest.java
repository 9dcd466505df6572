package org.accelmr.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.accelmr.AccelMRException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PoissonDiscMaskTest {

	@ParameterizedTest
	@CsvSource({ "128, 128, 4, 16", "128, 128, 8, 16", "97, 80, 5, 12", "256, 256, 8, 24" })
	void achievedAccelerationIsWithinTolerance(final int w, final int h, final double r, final int calib) {
		final SamplingMask m = new PoissonDiscMask(r, calib).sample(w, h, 42);
		assertFalse(m.isColumnMask());
		assertEquals(r, m.acceleration(), PoissonDiscMask.TOLERANCE * r + 1e-12, "achieved " + m.acceleration());
	}

	@Test
	void calibrationSquareIsFullySampledAndCornersEmpty() {
		final SamplingMask m = new PoissonDiscMask(6, 20).sample(128, 96, 3);
		final int x0 = (128 - 20 + 1) / 2, y0 = (96 - 20 + 1) / 2;
		for (int y = y0; y < y0 + 20; y++)
			for (int x = x0; x < x0 + 20; x++)
				assertTrue(m.isSampled(y, x));
		assertFalse(m.isSampled(0, 0));
		assertFalse(m.isSampled(95, 127));
	}

	@Test
	void densityFallsFromCentreOutwards() {
		final int n = 128;
		final SamplingMask m = new PoissonDiscMask(6, 0).sample(n, n, 9);
		int inner = 0, innerTotal = 0, outer = 0, outerTotal = 0;
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				final double r = Math.hypot(x - n / 2.0, y - n / 2.0) / (n / 2.0);
				if (r < 0.25) {
					innerTotal++;
					if (m.isSampled(y, x)) inner++;
				}
				else if (r > 0.6 && r < 1) {
					outerTotal++;
					if (m.isSampled(y, x)) outer++;
				}
			}
		assertTrue((double) inner / innerTotal > 1.5 * outer / outerTotal, inner + "/" + innerTotal + " vs " +
			outer + "/" + outerTotal);
	}

	@Test
	void outerSamplesAreNeverAdjacent() {
		// away from the centre the radius exceeds one pixel, so no two samples there are 4-neighbours
		final SamplingMask m = new PoissonDiscMask(8, 0).sample(64, 64, 1);
		for (int y = 0; y < 64; y++)
			for (int x = 0; x < 63; x++) {
				if (Math.hypot(x - 32, y - 32) < 16) continue;
				assertFalse(m.isSampled(y, x) && m.isSampled(y, x + 1), "neighbours at row " + y + ", column " + x);
				assertFalse(m.isSampled(x, y) && m.isSampled(x + 1, y), "neighbours at row " + x + ", column " + y);
			}
	}

	@Test
	void rejectsCalibrationThatDoesNotFit() {
		assertThrows(AccelMRException.class, () -> new PoissonDiscMask(8, 40).sample(64, 64, 0));
		assertThrows(AccelMRException.class, () -> new PoissonDiscMask(4, -1));
	}
}
