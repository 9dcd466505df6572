package org.accelmr.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.accelmr.cs.CoilMaps;
import org.accelmr.cs.Penalty;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.mask.Masks;
import org.accelmr.mask.SamplingMask;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;

class VarNetStartTest {

	/** start=auto is TV for one coil and the L1-wavelet for more; tv and wavelet are what they say. */
	@Test
	void autoStartsSingleCoilDataFromTvAndMultiCoilDataFromTheWavelet() {
		assertEquals(Penalty.TOTAL_VARIATION, VarNetStart.penaltyFor(VarNetArchitecture.AUTO, 1));
		assertEquals(Penalty.L1_WAVELET, VarNetStart.penaltyFor(VarNetArchitecture.AUTO, 2));
		assertEquals(Penalty.TOTAL_VARIATION, VarNetStart.penaltyFor(VarNetArchitecture.TV, 8));
		assertEquals(Penalty.L1_WAVELET, VarNetStart.penaltyFor(VarNetArchitecture.WAVELET, 1));

		final int side = 32;
		final ComplexStack k = KSpaceSimulator.simulate(Phantoms.brain(side, side), new SimulationConfig(1, true, 0.01,
			3)).data();
		final SamplingMask mask = Masks.create("random", 3, 0.25, 0).sample(side, side, 7);
		mask.applyTo(k);
		final CoilMaps ones = CoilMaps.ones(side, side);
		final float[] auto = VarNetStart.image(arch(VarNetArchitecture.AUTO), k, mask, ones);
		assertArrayEquals(VarNetStart.image(arch(VarNetArchitecture.TV), k, mask, ones), auto, 0f);
	}

	private static VarNetArchitecture arch(final String start) {
		return new VarNetArchitecture(2, 4, 2, 2, VarNetArchitecture.ESPIRIT, 4, start);
	}
}
