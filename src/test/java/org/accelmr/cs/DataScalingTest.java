package org.accelmr.cs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.accelmr.mask.SamplingMask;
import org.junit.jupiter.api.Test;

/** σ follows BART pics: the calibration region's low-resolution RSS image, rescaled to the full grid. */
class DataScalingTest {

	private static final int W = 64, H = 48;

	@Test
	void theRuleOnMagnitudes() {
		final float[] flat = new float[100];
		for (int i = 0; i < 100; i++)
			flat[i] = i; // median 50, p90 90, max 99: 9 < 80 -> p90
		assertEquals(90, DataScaling.scaleOf(flat), 0);
		final float[] spike = new float[100];
		spike[99] = 10; // median 0, p90 0, max 10 -> max
		assertEquals(10, DataScaling.scaleOf(spike), 0);
	}

	/**
	 * Coil c holds a constant image of value a_c: its k-space is a_c sqrt(W H) at DC only. The 8x6 sampled centre
	 * inverse-transforms to a_c sqrt(W H) / sqrt(8*6) per pixel; dividing by sqrt(W H / 48) gives a_c, so every
	 * low-resolution pixel is sqrt(Σ a_c²) = 5 and σ = 5. Large samples far from the centre (which would dominate
	 * the full zero-filled image) must not change it.
	 */
	@Test
	void onlyTheCalibrationRegionCountsAndIsRescaledToTheFullGrid() {
		final boolean[] sampled = new boolean[W * H];
		for (int y = H / 2 - 3; y < H / 2 + 3; y++)
			for (int x = W / 2 - 4; x < W / 2 + 4; x++)
				sampled[y * W + x] = true;
		sampled[3 * W + 5] = sampled[40 * W + 60] = true;
		final SamplingMask mask = SamplingMask.of2D(sampled, W, H);
		final float[] k = new float[2 * 2 * W * H];
		final double dc = Math.sqrt(W * H);
		final int centre = 2 * (H / 2 * W + W / 2);
		k[centre] = (float) (3 * dc);
		k[2 * W * H + centre + 1] = (float) (4 * dc); // coil 2: 4i
		k[2 * (3 * W + 5)] = 1000;
		k[2 * W * H + 2 * (40 * W + 60)] = -700;
		assertEquals(5, DataScaling.scaleOf(k, mask, W, H, 2), 1e-5);
	}

	@Test
	void withoutASampledCentreTheFullZeroFilledImageIsUsed() {
		final boolean[] sampled = new boolean[W * H];
		sampled[0] = true;
		final float[] k = new float[2 * W * H];
		k[0] = (float) (2 * Math.sqrt(W * H)); // one sample: |image| = 2 everywhere
		assertEquals(2, DataScaling.scaleOf(k, SamplingMask.of2D(sampled, W, H), W, H, 1), 1e-5);
	}
}
