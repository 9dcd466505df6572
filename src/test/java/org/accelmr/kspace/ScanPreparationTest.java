package org.accelmr.kspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.accelmr.io.KSpaceFiles;
import org.junit.jupiter.api.Test;

/** Whitening then compression on the ISMRMRD fixture with its noise acquisition (4 coils). */
class ScanPreparationTest {

	private static Path fixture() throws URISyntaxException {
		return Path.of(ScanPreparationTest.class.getResource("/io/ismrmrd/shepp_r2.h5").toURI());
	}

	@Test
	void whitensWithTheFilesNoiseThenCompresses() throws Exception {
		final RawScan raw = KSpaceFiles.readRaw(fixture());
		final List<String> log = new ArrayList<>();
		final RawScan prepared = ScanPreparation.prepare(raw, "auto", 2, "geometric", log::add);
		assertEquals(2, log.size(), log.toString());
		assertTrue(log.get(0).startsWith("pre-whitening 4 coils with the noise covariance of 64 samples"), log.get(0));
		assertTrue(log.get(1).startsWith("coil compression (geometric) 4 -> 2 virtual coils keeps "), log.get(1));
		assertEquals(2, prepared.kspace().data().coils());
		assertEquals(2, prepared.calibration().data().coils());
		assertNull(prepared.noise(), "used up by whitening");
		assertEquals(raw.kspace().mask(), prepared.kspace().mask());
		assertSame(raw.kspace().info(), prepared.kspace().info());
		final RawScan untouched = ScanPreparation.prepare(raw, "off", 0, "svd", log::add);
		assertSame(raw, untouched);
		assertEquals(2, log.size());
	}
}
