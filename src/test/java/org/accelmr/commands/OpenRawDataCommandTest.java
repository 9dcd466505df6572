package org.accelmr.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.accelmr.TestResources;
import org.accelmr.imagej.KSpaceImage;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.kspace.KSpace;
import org.accelmr.kspace.ScanPreparation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** Open k-space... on scanner raw data goes through KSpaceFiles: ISMRMRD .h5 (told apart by content) and .mrd. */
class OpenRawDataCommandTest {

	private static Context context;
	private static CommandService commands;

	@TempDir
	Path dir;

	@BeforeAll
	static void startSciJava() {
		context = new Context(CommandService.class);
		commands = context.service(CommandService.class);
	}

	@AfterAll
	static void stopSciJava() {
		context.dispose();
	}

	@Test
	void ismrmrdFilesOpenWithTheirMask() throws Exception {
		final Path h5 = TestResources.path("/io/ismrmrd/shepp_r2.h5");
		final Path mrd = Files.copy(h5, dir.resolve("scan.mrd"));
		// opened as the pipeline prepares it: whitened with the file's noise acquisition (prewhiten=auto)
		final KSpace expected = ScanPreparation.prepare(KSpaceFiles.readRaw(h5), "auto", 0, "geometric", s -> {}).kspace();
		for (final Path file : new Path[] { h5, mrd }) {
			final CommandModule opened = CommandInputs.run(commands, OpenKSpaceCommand.class, "input", file.toFile());
			final KSpace k = KSpaceImage.find(opened.getOutput("kspace")).orElseThrow();
			assertEquals(expected.mask(), k.mask());
			assertArrayEquals(expected.data().plane(0, 2), k.data().plane(0, 2), 0f);
		}
		final CommandModule raw = CommandInputs.run(commands, OpenKSpaceCommand.class, "input", h5.toFile(),
			"prewhiten", "off", "coils", 2);
		final KSpace compressed = KSpaceImage.find(raw.getOutput("kspace")).orElseThrow();
		assertEquals(2, compressed.data().coils());
		assertEquals(expected.mask(), compressed.mask());
		final Path bad = Files.writeString(dir.resolve("x.dat"), "no");
		final CommandModule failed = CommandInputs.run(commands, OpenKSpaceCommand.class, "input", bad.toFile());
		assertTrue(failed.getCancelReason().contains("not a Siemens twix file"), failed.getCancelReason());
	}
}
