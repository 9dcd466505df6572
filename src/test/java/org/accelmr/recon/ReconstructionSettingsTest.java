package org.accelmr.recon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.accelmr.AccelMRException;
import org.junit.jupiter.api.Test;

class ReconstructionSettingsTest {

	@Test
	void dataConsistencyDefaultsToOffAndMapsEveryValueToTheUNetsMode() {
		assertEquals("off", ReconstructionSettings.DEFAULTS.dataConsistency());
		assertEquals(UNetRecon.Consistency.OFF, new ReconstructionSettings("unet", 0, 1, "rss", "", 1).consistency());
		final ReconstructionSettings s = ReconstructionSettings.DEFAULTS.withMethod("unet");
		assertEquals(UNetRecon.Consistency.SINGLE_COIL, s.withDataConsistency("single-coil").consistency());
		assertEquals(UNetRecon.Consistency.MULTI_COIL, s.withDataConsistency("multi-coil").consistency());
		assertEquals(UNetRecon.Consistency.ALWAYS, s.withDataConsistency("always").withThreads(2).consistency());
	}

	@Test
	void anUnknownDataConsistencyIsOneLineNamingTheKeyAndTheValidValues() {
		for (final String bad : new String[] { "ALWAYS", "on", "", "single_coil" }) {
			final AccelMRException e = assertThrows(AccelMRException.class, () -> ReconstructionSettings.DEFAULTS
				.withDataConsistency(bad));
			assertEquals("data_consistency must be one of off|single-coil|multi-coil|always; got '" + bad + "'", e
				.getMessage());
		}
	}
}
