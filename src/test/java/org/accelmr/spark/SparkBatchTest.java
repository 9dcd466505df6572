package org.accelmr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.accelmr.TestResources;
import org.accelmr.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** engine=spark through the launcher, in process on {@code local[2]}, against engine=local on the same folder. */
class SparkBatchTest {

	@TempDir
	Path dir;

	private Path folderWithACorruptFile() throws Exception {
		final Path in = Files.createDirectory(dir.resolve("in"));
		for (final String name : new String[] { "volume_a.h5", "volume_b.h5" })
			Files.copy(TestResources.path("/batch/" + name), in.resolve(name));
		Files.writeString(in.resolve("corrupt.h5"), "not HDF5");
		return in;
	}

	private static String[] run(final String... args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		final int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8));
		return new String[] { Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(
			StandardCharsets.UTF_8) };
	}

	@Test
	void local2WritesTheSameBytesAsTheLocalEngineAndReportsTheCorruptFile() throws Exception {
		final Path in = folderWithACorruptFile();
		final String[] common = { "input=" + in, "method=wavelet", "iterations=5", "coil_maps=rss", "mask=random",
			"acceleration=2", "center_fraction=0.5", "seed=7", "threads=2" };
		final List<String> local = new ArrayList<>(List.of("batch", "output=" + dir.resolve("local")));
		local.addAll(List.of(common));
		final List<String> spark = new ArrayList<>(List.of("batch", "output=" + dir.resolve("spark"), "engine=spark",
			"master=local[2]"));
		spark.addAll(List.of(common));
		final String[] a = run(local.toArray(String[]::new)), b = run(spark.toArray(String[]::new));
		assertEquals("1", a[0], a[2]);
		assertEquals("1", b[0], b[1] + b[2]); // some file failed, as the local batch exits
		for (final String name : new String[] { "volume_a.h5", "volume_b.h5" })
			assertArrayEquals(Files.readAllBytes(dir.resolve("local").resolve(name)), Files.readAllBytes(dir.resolve(
				"spark").resolve(name)), name);
		assertTrue(b[1].contains("corrupt.h5: failed: "), b[1]);
		assertTrue(b[1].contains("2 reconstructed, 0 skipped, 1 failed"), b[1]);
		final List<String> rows = Files.readAllLines(dir.resolve("spark").resolve("metrics.csv"));
		assertEquals(4, rows.size(), rows.toString());
		assertTrue(rows.stream().anyMatch(r -> r.startsWith("corrupt.h5,failed")), rows.toString());
		try (Stream<Path> files = Files.list(dir.resolve("spark"))) {
			assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".part")));
		}
		// resume: a second run skips both outputs and starts no Spark job
		final String[] again = run(spark.toArray(String[]::new));
		assertTrue(again[1].contains("0 reconstructed, 2 skipped, 1 failed"), again[1]);
	}

	@Test
	void shardsTogetherWriteEveryOutputExactlyOnce() throws Exception {
		final Path in = folderWithACorruptFile();
		Files.copy(in.resolve("volume_a.h5"), in.resolve("volume_c.h5"));
		final List<String> written = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			final Path out = dir.resolve("shard" + i);
			final String[] r = run("batch", "input=" + in, "output=" + out, "method=zero-filled", "shard=" + i + "/3");
			try (Stream<Path> files = Files.list(out)) {
				files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".h5")).forEach(written::add);
			}
			assertTrue(r[1].contains("shard " + i + "/3"), r[1]);
		}
		assertEquals(List.of("volume_a.h5", "volume_b.h5", "volume_c.h5"), written.stream().sorted().toList());
	}
}
