package org.accelmr.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;

import org.accelmr.kspace.FloatVolume;
import org.junit.jupiter.api.Test;

class MetricsSummaryTest {

	@Test
	void meanAndSampleStandardDeviation() {
		final MetricsSummary s = new MetricsSummary();
		final double[] nmse = { 0.1, 0.2, 0.4, 0.3 };
		for (final double v : nmse)
			s.push(Map.of("NMSE", v, "PSNR", 30 + 10 * v, "SSIM", 0.9));
		assertEquals(4, s.count());
		assertEquals(0.25, s.means().get("NMSE"), 1e-15);
		// sample variance of {.1,.2,.4,.3}: sum of squared deviations .05 / 3
		assertEquals(Math.sqrt(0.05 / 3), s.standardDeviations().get("NMSE"), 1e-15);
		assertEquals(0, s.standardDeviations().get("SSIM"), 1e-15);
		assertTrue(s.toString().startsWith("NMSE = 0.2500 +/- 0.2582 PSNR = 32.50"), s.toString());
	}

	@Test
	void usesTheMetricsItWasGiven() {
		final Map<String, ToDoubleBiFunction<FloatVolume, FloatVolume>> only = new LinkedHashMap<>();
		only.put("MAX", (t, x) -> x.max());
		final MetricsSummary s = new MetricsSummary(only);
		final FloatVolume t = new FloatVolume(8, 8, 1);
		final FloatVolume x = new FloatVolume(8, 8, 1);
		x.slice(0)[3] = 2;
		assertEquals(Map.of("MAX", 2.0), s.push(t, x));
		x.slice(0)[3] = 4;
		s.push(t, x);
		assertEquals(3, s.means().get("MAX"), 1e-15);
		assertEquals(Math.sqrt(2), s.standardDeviations().get("MAX"), 1e-15);
	}
}
