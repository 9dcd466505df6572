package org.accelmr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.accelmr.io.VolumeFiles;
import org.accelmr.recon.ReconstructionMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./accelmr demo} as a new user runs it: every method in the table, the figure and the TIFFs written. */
class DemoSubcommandTest {

	private static final Pattern ROW = Pattern.compile("^(\\S+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)$",
		Pattern.MULTILINE);

	@TempDir
	Path dir;

	@Test
	void everyMethodIsScoredAndEveryLearnedOrIterativeOneBeatsZeroFilled() throws Exception {
		final CliRun run = CliRun.of("demo", "output=" + dir, "threads=2");
		assertEquals(0, run.exitCode(), run.err() + run.out());
		final Map<String, double[]> rows = new HashMap<>();
		final Matcher m = ROW.matcher(run.out());
		while (m.find())
			rows.put(m.group(1), new double[] { Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)) });
		assertEquals(ReconstructionMethods.names().size(), rows.size(), run.out());
		final double[] zeroFilled = rows.get("zero-filled");
		for (final String method : ReconstructionMethods.names()) {
			assertTrue(rows.containsKey(method), method + " missing in\n" + run.out());
			assertTrue(Files.size(dir.resolve(method + ".tif")) > 0);
			assertEquals(1, VolumeFiles.read(dir.resolve(method + ".tif")).depth());
			if (!method.equals("zero-filled")) assertTrue(rows.get(method)[1] > zeroFilled[1], method + " SSIM " + rows
				.get(method)[1] + " <= zero-filled " + zeroFilled[1] + "\n" + run.out());
		}
		assertTrue(Files.size(dir.resolve("comparison.png")) > 10_000);
		assertTrue(Files.size(dir.resolve("reference.tif")) > 0);
	}
}
