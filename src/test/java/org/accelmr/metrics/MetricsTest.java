package org.accelmr.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.TestResources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** fastMRI metrics against numpy + skimage values from make_reference_values.py (2 x 20 x 17 volumes). */
class MetricsTest {

	private static final double RELATIVE = 1e-5;
	private static final Properties EXPECTED = new Properties();
	private static FloatVolume target, recon;

	@BeforeAll
	static void load() throws IOException {
		try (InputStream in = MetricsTest.class.getResourceAsStream("/metrics/expected.properties")) {
			EXPECTED.load(in);
		}
		target = TestResources.volume("/metrics/target.npy");
		recon = TestResources.volume("/metrics/recon.npy");
		assertEquals(2, target.depth());
		assertEquals(17, target.width());
		assertEquals(20, target.height());
	}

	private static void assertRelative(final String key, final double actual) {
		final double expected = Double.parseDouble(EXPECTED.getProperty(key));
		assertEquals(expected, actual, RELATIVE * Math.abs(expected), key);
	}

	@Test
	void nmseEqualsNumpy() {
		assertRelative("nmse", Metrics.nmse(target, recon));
	}

	@Test
	void psnrEqualsSkimage() {
		assertRelative("psnr", Metrics.psnr(target, recon));
		assertRelative("psnr_max3", Metrics.psnr(target, recon, 3.0));
	}

	@Test
	void ssimEqualsSkimage() {
		assertRelative("ssim", Metrics.ssim(target, recon));
		assertRelative("ssim_max3", Metrics.ssim(target, recon, 3.0));
		assertRelative("ssim_identical", Metrics.ssim(target, target));
	}

	@Test
	void mapIsOrderedNmsePsnrSsim() {
		assertEquals(List.of("NMSE", "PSNR", "SSIM"), List.copyOf(Metrics.ALL.keySet()));
		assertRelative("psnr", Metrics.ALL.get("PSNR").applyAsDouble(target, recon));
	}

	@Test
	void sizeMismatchIsAUserError() {
		final AccelMRException e = assertThrows(AccelMRException.class, () -> Metrics.nmse(target, new FloatVolume(
			17, 19, 2)));
		assertTrue(e.getMessage().contains("2x19x17"), e.getMessage());
		assertThrows(AccelMRException.class, () -> Metrics.ssim(new FloatVolume(6, 6, 1), new FloatVolume(6, 6,
			1)));
	}
}
