package org.accelmr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.accelmr.mask.RandomMask;
import org.accelmr.mask.SamplingMask;
import org.accelmr.nn.TorchRuntime;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

class SelfSupervisionTest {

	/** Θ and Λ are disjoint, together the measured samples, the centre is all in Θ, and Λ is about ρ of the rest. */
	@Test
	void splitPartitionsTheMeasuredSamplesAndKeepsTheCentre() {
		final int w = 64, h = 48;
		final SamplingMask mask = new RandomMask(4, 0.08).sample(w, h, 5);
		final SelfSupervision.Split split = SelfSupervision.split(mask, 0.4, new SplittableRandom(1));
		int lambda = 0, outside = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final boolean theta = split.input().isSampled(y, x), held = split.loss()[y * w + x] == 1;
				assertFalse(theta && held, "disjoint at " + y + "," + x);
				assertEquals(mask.isSampled(y, x), theta || held, "union at " + y + "," + x);
				if (Math.abs(x - w / 2) <= 1) assertTrue(!mask.isSampled(y, x) || theta, "centre stays in the input");
				if (held) lambda++;
			}
		final int centre = (int) Math.round(0.08 * w);
		outside = (int) mask.sampledCount() - centre * h;
		assertEquals(0.4, (double) lambda / outside, 0.05);
	}

	/** The loss is 0 for a perfect prediction and 2 (l2 + l1 ratios of 1) for a zero one, whatever the scale. */
	@Test
	void lossIsNormalisedByTheHeldBackSamples() {
		TorchRuntime.engine(1);
		try (NDManager m = NDManager.newBaseManager()) {
			final Shape s = new Shape(1, 2, 4, 4);
			final var y = m.randomNormal(s).mul(1000);
			final var yi = m.randomNormal(s).mul(1000);
			final var held = m.create(new float[] { 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1 }, new Shape(1, 1,
				4, 4));
			assertEquals(0, SelfSupervision.loss(y, yi, y, yi, held).getFloat(), 1e-6);
			assertEquals(2, SelfSupervision.loss(y.zerosLike(), yi.zerosLike(), y, yi, held).getFloat(), 1e-5);
			// unheld samples do not count
			assertEquals(0, SelfSupervision.loss(y.mul(held), yi.mul(held), y, yi, held).getFloat(), 1e-6);
		}
	}
}
