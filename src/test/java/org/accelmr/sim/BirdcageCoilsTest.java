package org.accelmr.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.ComplexStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BirdcageCoilsTest {

	@ParameterizedTest
	@CsvSource({ "8, 64, 64", "1, 17, 9", "12, 33, 48", "32, 40, 40" })
	void rootSumOfSquaresIsOneEverywhere(final int coils, final int w, final int h) {
		final ComplexStack maps = BirdcageCoils.create(coils, w, h);
		assertEquals(coils, maps.coils());
		assertEquals(1, maps.slices());
		for (int i = 0; i < w * h; i++) {
			double sum = 0;
			for (int c = 0; c < coils; c++) {
				final float[] p = maps.plane(0, c);
				sum += p[2 * i] * p[2 * i] + p[2 * i + 1] * p[2 * i + 1];
			}
			assertEquals(1, Math.sqrt(sum), 1e-6, "pixel " + i);
		}
	}

	@Test
	void eachCoilIsStrongestOnItsOwnSide() {
		final int n = 64;
		final ComplexStack maps = BirdcageCoils.create(4, n, n);
		// coil 0 sits at +x, coil 1 at +y (row index grows with y), coil 2 at -x, coil 3 at -y
		final int[][] nearFar = { { n / 2 * n + n - 2, n / 2 * n + 1 }, { (n - 2) * n + n / 2, n + n / 2 },
			{ n / 2 * n + 1, n / 2 * n + n - 2 }, { n + n / 2, (n - 2) * n + n / 2 } };
		for (int c = 0; c < 4; c++) {
			final float[] p = maps.plane(0, c);
			final double near = Math.hypot(p[2 * nearFar[c][0]], p[2 * nearFar[c][0] + 1]);
			final double far = Math.hypot(p[2 * nearFar[c][1]], p[2 * nearFar[c][1] + 1]);
			assertTrue(near > 2 * far, "coil " + c + ": near " + near + ", far " + far);
		}
	}

	@Test
	void mapsAreSmooth() {
		// over the inscribed disc neighbouring pixels differ by a few percent: maps vary on the scale of the coil distance
		final int n = 96;
		final ComplexStack maps = BirdcageCoils.create(8, n, n);
		for (int c = 0; c < 8; c++) {
			final float[] p = maps.plane(0, c);
			for (int y = 0; y < n; y++)
				for (int x = 0; x + 1 < n; x++) {
					if (Math.hypot(x - n / 2.0, y - n / 2.0) > n / 2.0) continue; // the object, not the corners
					final int i = y * n + x;
					final double d = Math.hypot(p[2 * i + 2] - p[2 * i], p[2 * i + 3] - p[2 * i + 1]);
					assertTrue(d < 0.05, "coil " + c + " jumps by " + d + " at row " + y + ", column " + x);
				}
		}
	}

	@Test
	void rejectsBadArguments() {
		assertThrows(AccelMRException.class, () -> BirdcageCoils.create(0, 8, 8));
		assertThrows(AccelMRException.class, () -> BirdcageCoils.create(4, 8, 8, 0.9));
	}
}
