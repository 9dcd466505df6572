package org.accelmr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.accelmr.io.FastMriFile;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.metrics.Metrics;
import org.accelmr.progress.Progress;
import org.accelmr.recon.ZeroFilledRecon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code accelmr batch}: good files reconstructed like the single-file path, a corrupt one reported, resume. */
class BatchSubcommandTest {

	@TempDir
	Path dir;

	@Test
	void aCorruptFileIsReportedAndTheOthersFinish() throws IOException {
		final Path in = Files.createDirectory(dir.resolve("in")), out = dir.resolve("out");
		Files.copy(Path.of("src/test/resources/batch/volume_a.h5"), in.resolve("a.h5"), StandardCopyOption.REPLACE_EXISTING);
		Files.writeString(in.resolve("corrupt.h5"), "not HDF5");
		final CliRun run = CliRun.of("batch", "input=" + in, "output=" + out, "method=zero-filled", "threads=1");
		assertEquals(BatchSubcommand.SOME_FAILED, run.exitCode(), run.err());
		assertTrue(run.out().contains("1 reconstructed, 0 skipped, 1 failed"), run.out());
		assertFalse(Files.exists(out.resolve("corrupt.h5")));
		final List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
		assertTrue(csv.stream().anyMatch(l -> l.startsWith("corrupt.h5,failed,")), csv.toString());

		final FloatVolume expected;
		try (FastMriFile file = FastMriFile.open(in.resolve("a.h5"))) {
			expected = new ZeroFilledRecon(1).reconstruct(file.readAll(), Progress.NONE);
		}
		assertEquals(0, Metrics.nmse(expected, VolumeFiles.read(out.resolve("a.h5"))), 1e-12);

		final CliRun again = CliRun.of("batch", "input=" + in, "output=" + out, "threads=1");
		assertTrue(again.out().contains("0 reconstructed, 1 skipped, 1 failed"), again.out());
	}

	@Test
	void aMaskFileIsRejectedBeforeAnyWork() {
		final CliRun run = CliRun.of("batch", "input=" + dir, "output=" + dir.resolve("o"), "mask=m.npy");
		assertEquals(Main.BAD_INPUT, run.exitCode());
		assertTrue(run.err().startsWith("accelmr: mask must be one of random,"), run.err());
		assertFalse(Files.exists(dir.resolve("o")));
	}
}
