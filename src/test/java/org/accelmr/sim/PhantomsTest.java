package org.accelmr.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.metrics.Metrics;
import org.junit.jupiter.api.Test;

class PhantomsTest {

	/** Pixel at normalised (u, v), y up, of an n x n image. */
	private static float at(final FloatVolume v, final double u, final double y) {
		final int n = v.width();
		final int col = (int) ((u + 1) / 2 * n), row = (int) ((1 - y) / 2 * n);
		return v.slice(0)[row * n + col];
	}

	@Test
	void brainPhantomHasSheppLoganIntensities() {
		final FloatVolume p = Phantoms.brain(256, 256);
		assertEquals(1, p.depth());
		assertEquals(1.0, p.max(), 1e-6); // the skull
		assertEquals(0.2, at(p, 0, 0), 1e-6); // brain matter
		assertEquals(0.0, at(p, 0.22, 0), 1e-6); // right ventricle
		assertEquals(0.3, at(p, 0, 0.35), 1e-6); // the spot above the ventricles
		assertEquals(0.0, at(p, 0.95, 0.95), 1e-6); // outside the head
		assertEquals(0.6, at(p, -0.3, -0.35), 1e-6); // the largest resolution dot
	}

	@Test
	void brainPhantomAnySizeIncludingOdd() {
		final FloatVolume p = Phantoms.brain(45, 61);
		assertEquals(45, p.width());
		assertEquals(61, p.height());
		assertTrue(p.max() <= 1);
		assertThrows(AccelMRException.class, () -> Phantoms.brain(4, 4));
	}

	@Test
	void colinSlicesAreBrainImages() {
		final FloatVolume c = Phantoms.colinSlices();
		assertEquals(4, c.depth());
		assertEquals(256, c.width());
		assertEquals(256, c.height());
		for (int s = 0; s < 4; s++) {
			final float[] x = c.slice(s);
			double inside = 0;
			int head = 0;
			for (final float v : x)
				if (v > 0.1) {
					inside += v;
					head++;
				}
			assertEquals(0, x[0]); // padded corner
			assertTrue(head > 20000 && head < 40000, "slice " + s + " head pixels " + head);
			assertTrue(inside / head > 0.25 && inside / head < 0.7, "slice " + s + " mean " + inside / head);
		}
	}

	@Test
	void demoKSpaceReconstructsToTheColinSlices() {
		final KSpace k = Phantoms.demoKSpace(8, 1);
		assertEquals(8, k.data().coils());
		assertEquals(4, k.data().slices());
		final ComplexStack x = k.data().copy();
		CenteredFFT.inverse(x, 2);
		final FloatVolume rss = CoilCombination.rss(x), truth = Phantoms.colinSlices();
		// only the 0.2 % noise separates them: RSS of 8 noisy coils has bias ~ sqrt(8) * sigma in the background
		final double nmse = Metrics.nmse(truth, rss);
		assertTrue(nmse < 1e-3, "NMSE " + nmse);
		assertTrue(Metrics.psnr(truth, rss) > 40, "PSNR " + Metrics.psnr(truth, rss));
	}
}
