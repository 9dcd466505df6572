package org.accelmr.recon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SliceSolveTest {

	@Test
	void describesTheRangeOfAVolumeAndASingleSlice() {
		assertEquals("", SliceSolve.describe(List.of()));
		assertEquals("λ 0.000195-0.00677 (automatic), 160-380 iterations per slice", SliceSolve.describe(List.of(
			new SliceSolve(0, 0.00677, true, 380), new SliceSolve(1, 1.953125e-4, true, 160), new SliceSolve(2, 0.001,
				true, 200))));
		assertEquals("λ 0.00500, 200 iterations", SliceSolve.describe(List.of(new SliceSolve(0, 0.005, false, 200))));
	}
}
