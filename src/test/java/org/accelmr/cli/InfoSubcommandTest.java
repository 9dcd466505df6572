package org.accelmr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.accelmr.TestResources;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.kspace.KSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoSubcommandTest {

	@TempDir
	Path tmp;

	@Test
	void ismrmrdScanShowsCoilsMatrixAcquiredFractionAndNoise() {
		final Path file = TestResources.path("/io/ismrmrd/shepp_r2.h5");
		final CliRun run = CliRun.of("info", "input=" + file);
		assertEquals(0, run.exitCode(), run.err());
		final String out = run.out();
		assertTrue(out.contains("format:      ISMRMRD"), out);
		assertTrue(out.contains("k-space:     1 slice x 4 coils x 64 readout (rows) x 32 phase encoding (columns)"), out);
		assertTrue(out.contains("coils:       4\n") || out.contains("coils:       4" + System.lineSeparator()), out);
		assertTrue(out.contains("acquired:    16 of 32 phase-encoding lines, fraction 0.5000, acceleration 2.000"), out);
		assertTrue(out.contains("reconstructions cropped to 32 x 32; header encoded space 64 x 32 x 1"), out);
		assertTrue(out.contains("FOV:         300.0 x 300.0 mm"), out);
		assertTrue(out.contains("pixel size:  9.375 x 9.375 mm"), out);
		assertTrue(out.contains("noise scans: 1 (64 samples per coil"), out);
		assertTrue(out.contains("repetitions: 2, contrasts 1, averages 1"), out);
		assertTrue(out.contains("pre-whitening 4 coils with the noise covariance of 64 samples"), out);
		final CliRun compressed = CliRun.of("info", "input=" + file, "prewhiten=off", "coils=2", "repetition=1");
		assertEquals(0, compressed.exitCode(), compressed.err());
		assertTrue(compressed.out().contains("coil compression (geometric) 4 -> 2 virtual coils keeps "), compressed.out());
		assertTrue(compressed.out().contains("prepared:    2 coils after preparation"), compressed.out());
		assertTrue(!compressed.out().contains("pre-whitening"), compressed.out());
	}

	@Test
	void npyWithoutMaskCountsItsZeroColumns() throws Exception {
		final KSpace full = KSpaceFiles.read(TestResources.path("/io/ismrmrd/shepp_full.h5"));
		final Path npy = tmp.resolve("under.npy");
		KSpaceFiles.write(KSpaceFiles.read(TestResources.path("/io/ismrmrd/shepp_r2.h5")), npy);
		final CliRun run = CliRun.of("info", "input=" + npy);
		assertEquals(0, run.exitCode(), run.err());
		assertTrue(run.out().contains("format:      NumPy .npy"), run.out());
		assertTrue(run.out().contains("16 of 32 phase-encoding lines hold data, fraction 0.5000, acceleration 2.000"),
			run.out());
		assertTrue(run.out().contains("pixel size:  unknown"), run.out());
		final Path fullNpy = tmp.resolve("full.npy");
		KSpaceFiles.write(full, fullNpy);
		assertTrue(CliRun.of("info", "input=" + fullNpy).out().contains("32 of 32 phase-encoding lines, fraction 1, " +
			"fully sampled"));
	}

	@Test
	void fastMriFileIsDescribed() {
		final CliRun run = CliRun.of("info", "input=" + TestResources.path("/io/challenge_mask1d.h5"));
		assertEquals(0, run.exitCode(), run.err());
		assertTrue(run.out().contains("format:      fastMRI HDF5"), run.out());
		assertTrue(run.out().contains("(the file's own mask)"), run.out());
	}

	@Test
	void badRawDataExitsTwoWithOneLine() throws Exception {
		final Path notTwix = Files.writeString(tmp.resolve("notes.dat"), "not raw data\n".repeat(10));
		final CliRun run = CliRun.of("info", "input=" + notTwix);
		assertEquals(Main.BAD_INPUT, run.exitCode());
		assertEquals("accelmr: " + notTwix + ": not a Siemens twix file (no measurement header at byte 0)", run.err()
			.strip());
		final CliRun noXml = CliRun.of("info", "input=" + TestResources.path("/io/ismrmrd/bad_no_xml.h5"));
		assertEquals(Main.BAD_INPUT, noXml.exitCode());
		assertEquals(1, noXml.err().strip().lines().count());
		assertTrue(noXml.err().contains("no ISMRMRD XML header"), noXml.err());
	}
}
