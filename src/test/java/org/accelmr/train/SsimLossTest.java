package org.accelmr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.accelmr.kspace.FloatVolume;
import org.accelmr.metrics.Metrics;
import org.accelmr.nn.TorchRuntime;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

class SsimLossTest {

	@Test
	void equalsOneMinusFastMriSsim() {
		TorchRuntime.engine(1);
		final int h = 20, w = 24;
		final Random r = new Random(3);
		final float[] target = new float[h * w], recon = new float[h * w];
		for (int i = 0; i < target.length; i++) {
			target[i] = (float) (i % w < 12 ? 2 + r.nextDouble() : r.nextDouble()); // min 0, max 3
			recon[i] = target[i] + (float) (0.3 * r.nextGaussian());
		}
		target[0] = 0;
		target[1] = 3;
		final double expected = 1 - Metrics.ssim(new FloatVolume(w, h, new float[][] { target }), new FloatVolume(w,
			h, new float[][] { recon }), 3);
		try (NDManager m = NDManager.newBaseManager()) {
			final float loss = SsimLoss.compute(m.create(recon, new Shape(1, 1, h, w)), m.create(target, new Shape(1,
				1, h, w))).getFloat();
			assertEquals(expected, loss, 1e-4);
			assertEquals(0, SsimLoss.compute(m.create(target, new Shape(1, 1, h, w)), m.create(target, new Shape(1, 1,
				h, w))).getFloat(), 1e-6);
		}
	}
}
