package org.accelmr.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.junit.jupiter.api.Test;

class KSpaceSimulatorTest {

	private static final FloatVolume IMAGES = twoSlices(40, 33);

	private static FloatVolume twoSlices(final int w, final int h) {
		final FloatVolume v = Phantoms.brain(w, h);
		final float[] second = v.slice(0).clone();
		for (int i = 0; i < second.length; i++)
			second[i] = 0.5f * second[i] + (i % w > w / 2 ? 0.2f : 0);
		return new FloatVolume(w, h, new float[][] { v.slice(0), second });
	}

	private static ComplexStack images(final KSpace k) {
		final ComplexStack x = k.data().copy();
		CenteredFFT.inverse(x, 1);
		return x;
	}

	@Test
	void rssOfFullySampledReconEqualsTheMagnitudeImage() {
		final KSpace k = KSpaceSimulator.simulate(IMAGES, new SimulationConfig(8, true, 0, 5));
		assertNull(k.mask());
		assertEquals(8, k.data().coils());
		assertEquals(2, k.data().slices());
		final FloatVolume rss = CoilCombination.rss(images(k));
		for (int s = 0; s < 2; s++)
			for (int i = 0; i < 40 * 33; i++)
				assertEquals(IMAGES.slice(s)[i], rss.slice(s)[i], 1e-5, "slice " + s + " pixel " + i);
		assertEquals(IMAGES.max(), k.info().number("max", 0), 1e-12);
	}

	@Test
	void coilImagesAreMapsTimesImageWhenPhaseIsOff() {
		final KSpace k = KSpaceSimulator.simulate(IMAGES, new SimulationConfig(4, false, 0, 1));
		final ComplexStack x = images(k), maps = BirdcageCoils.create(4, 40, 33);
		for (int c = 0; c < 4; c++)
			for (int i = 0; i < 40 * 33; i++) {
				final float m = IMAGES.slice(1)[i];
				assertEquals(maps.plane(0, c)[2 * i] * m, x.plane(1, c)[2 * i], 1e-5);
				assertEquals(maps.plane(0, c)[2 * i + 1] * m, x.plane(1, c)[2 * i + 1], 1e-5);
			}
	}

	@Test
	void smoothPhaseVariesAcrossTheImageButSlowly() {
		final FloatVolume flat = new FloatVolume(32, 32, 1);
		Arrays.fill(flat.slice(0), 1f);
		final ComplexStack x = images(KSpaceSimulator.simulate(flat, new SimulationConfig(1, true, 0, 9)));
		final ComplexStack maps = BirdcageCoils.create(1, 32, 32);
		// remove the coil's own phase: x * conj(map) = exp(i phi)
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, largestStep = 0, previous = 0;
		for (int i = 0; i < 32 * 32; i++) {
			final float[] p = x.plane(0, 0), s = maps.plane(0, 0);
			final double re = p[2 * i] * s[2 * i] + p[2 * i + 1] * s[2 * i + 1];
			final double im = p[2 * i + 1] * s[2 * i] - p[2 * i] * s[2 * i + 1];
			final double angle = Math.atan2(im, re);
			final double cos = Math.cos(angle);
			min = Math.min(min, cos);
			max = Math.max(max, cos);
			if (i % 32 > 0) largestStep = Math.max(largestStep, Math.abs(Math.sin((angle - previous) / 2)));
			previous = angle;
		}
		assertTrue(max - min > 0.2, "phase barely varies: cos in [" + min + ", " + max + "]");
		assertTrue(largestStep < 0.2, "phase jumps by " + largestStep);
	}

	@Test
	void noiseHasTheRequestedLevel() {
		final FloatVolume images = Phantoms.brain(64, 64);
		final SimulationConfig clean = new SimulationConfig(2, true, 0, 3);
		final KSpace a = KSpaceSimulator.simulate(images, clean);
		final KSpace b = KSpaceSimulator.simulate(images, clean.withNoiseLevel(0.01));
		double sum = 0;
		long n = 0;
		for (int c = 0; c < 2; c++)
			for (int i = 0; i < 2 * 64 * 64; i++) {
				final double d = b.data().plane(0, c)[i] - a.data().plane(0, c)[i];
				sum += d * d;
				n++;
			}
		// 16384 samples: the estimated standard deviation is within ~2 % of 0.01 * max = 0.01
		assertEquals(0.01 * images.max(), Math.sqrt(sum / n), 0.0005);
	}

	@Test
	void sameSeedSameDataOtherSeedOtherPhase() {
		final SimulationConfig config = new SimulationConfig(3, true, 0.01, 7);
		final KSpace a = KSpaceSimulator.simulate(IMAGES, config), b = KSpaceSimulator.simulate(IMAGES, config);
		for (int i = 0; i < a.data().planeCount(); i++)
			assertArrayEquals(a.data().plane(i), b.data().plane(i));
		final KSpace c = KSpaceSimulator.simulate(IMAGES, config.withSeed(8));
		assertFalse(Arrays.equals(a.data().plane(0), c.data().plane(0)));
	}

	@Test
	void configRejectsBadValues() {
		assertThrows(AccelMRException.class, () -> new SimulationConfig(33, true, 0, 0));
		assertThrows(AccelMRException.class, () -> new SimulationConfig(0, true, 0, 0));
		assertThrows(AccelMRException.class, () -> new SimulationConfig(8, true, -0.1, 0));
	}
}
