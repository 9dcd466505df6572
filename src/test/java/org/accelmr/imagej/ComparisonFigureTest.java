package org.accelmr.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ij.process.ColorProcessor;

import org.accelmr.kspace.FloatVolume;
import org.accelmr.sim.Phantoms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The figure states R, PSNR and SSIM per panel on a dark box that keeps labels legible on bright tissue, and
 * carries a colour bar for the error maps; the old one-label call still works.
 */
class ComparisonFigureTest {

	private static final int W = 120, H = 100;

	@BeforeAll
	static void patchImageJ() {
		LegacyHeadless.prepare(); // before the first ij class, as in the launcher
	}

	private static ComparisonFigure figure() {
		final FloatVolume brain = Phantoms.brain(W, H);
		final float[] noisy = brain.slice(0).clone();
		for (int i = 0; i < noisy.length; i += 7)
			noisy[i] *= 0.5f;
		final float[] mask = new float[W * H];
		for (int i = 0; i < mask.length; i += 4)
			mask[i] = 1;
		return new ComparisonFigure(W, H, brain.slice(0), mask).title("Colin27 z = 94, random mask").acceleration(
			4.06).add("tv", noisy, 31.234, 0.91234).add("zero-filled", brain.slice(0), Double.NaN, Double.NaN);
	}

	@Test
	void eachPanelStatesRAndItsMetrics() {
		final ComparisonFigure f = figure();
		assertEquals(List.of("tv, R = 4.06", "PSNR 31.23 dB", "SSIM 0.912"), f.labelLines(0));
		assertEquals(List.of("zero-filled, R = 4.06"), f.labelLines(1), "NaN leaves a metric out");
		assertTrue(f.fontSize() >= 13, "legible at print size");
	}

	@Test
	void labelsSitOnADarkBoxAndTheErrorMapsHaveAColourBar() {
		final ComparisonFigure f = figure();
		final ColorProcessor c = f.render();
		final int top = f.titleHeight();
		assertEquals(3 * W, c.getWidth());
		assertEquals(top + 2 * H + f.scaleBarHeight(), c.getHeight());
		assertTrue(top > 0 && f.scaleBarHeight() > 0);
		// the phantom's bright skull ring at the label's place is darkened around the text
		final FloatVolume brain = Phantoms.brain(W, H);
		int darkened = 0, yellow = 0, bright = 0;
		for (int y = 0; y < f.fontSize(); y++)
			for (int x = W; x < W + 2 * f.fontSize(); x++) {
				final int rgb = c.get(x, top + y), r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;
				final float original = brain.slice(0)[y * W + x - W];
				if (original > 0.5f * brain.max()) bright++;
				if (r > 200 && g > 200 && b < 80) yellow++;
				else if (original > 0.5f * brain.max() && r < 0.4 * 255) darkened++;
			}
		assertTrue(yellow > 5, "text drawn: " + yellow);
		assertTrue(bright == 0 || darkened > 0, "bright tissue under the label is darkened");
		// the colour bar under the error maps runs from black to white through red and yellow
		final int barY = top + 2 * H + f.fontSize() / 3 + f.fontSize() / 2;
		final int left = c.get(W + f.fontSize() / 2, barY), right = c.get(c.getWidth() - f.fontSize() / 2 - 1, barY);
		assertEquals(0x000000, left & 0xffffff);
		assertEquals(0xffffff, right & 0xffffff);
		int previous = -1;
		for (int x = W + f.fontSize() / 2; x < c.getWidth() - f.fontSize() / 2; x++) {
			final int rgb = c.get(x, barY), sum = (rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff);
			assertTrue(sum >= previous, "monotonic ramp at x = " + x);
			previous = sum;
		}
	}

	@Test
	void theOneLabelCallStillDrawsItsLabelAsGiven() {
		final FloatVolume brain = Phantoms.brain(W, H);
		final ComparisonFigure old = new ComparisonFigure(W, H, brain.slice(0), null).add("tv 31.2 dB", brain.slice(
			0));
		assertEquals(List.of("tv 31.2 dB"), old.labelLines(0));
		assertEquals(2 * H + old.scaleBarHeight(), old.render().getHeight(), "no title band unless asked");
	}
}
