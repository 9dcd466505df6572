package org.accelmr.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {

	@TempDir
	Path dir;

	@Test
	void writesRfc4180RowsThatReadBack() throws Exception {
		final Path csv = dir.resolve(MetricsCsv.NAME);
		final FileResult ok = new FileResult("a,b.h5", FileStatus.OK, 3, 3.84, 0.0123456, 31.25, 0.875, 1.5,
			"mask seed 5");
		final FileResult bad = FileResult.failed("c.h5", 0, 0.25, "c.h5: 'kspace' has shape [6], expected \"x\"");
		MetricsCsv.write(csv, List.of(ok, bad));

		final List<String> lines = Files.readAllLines(csv);
		assertEquals(List.of(MetricsCsv.HEADER,
			"\"a,b.h5\",ok,3,3.8400,1.234560e-02,31.2500,0.875000,1.500,mask seed 5",
			"c.h5,failed,,,,,,0.250,\"c.h5: 'kspace' has shape [6], expected \"\"x\"\"\""), lines);
		final Map<String, FileResult> back = MetricsCsv.readIfPresent(csv);
		assertEquals(ok, back.get("a,b.h5"));
		assertEquals(bad.message(), back.get("c.h5").message());
		assertTrue(Double.isNaN(back.get("c.h5").nmse()));
		try (var files = Files.list(dir)) {
			assertEquals(1, files.count(), "no temporary file left");
		}
	}

	@Test
	void aForeignOrMissingTableGivesNoRows() throws Exception {
		assertTrue(MetricsCsv.readIfPresent(dir.resolve("none.csv")).isEmpty());
		final Path other = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
		assertTrue(MetricsCsv.readIfPresent(other).isEmpty());
	}

	@Test
	void splitsQuotedFields() {
		assertEquals(List.of("x", "a \"q\", b", ""), MetricsCsv.split("x,\"a \"\"q\"\", b\","));
	}
}
