package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.FloatVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;

class ReconstructionFileTest {

	@TempDir
	Path tmp;

	static FloatVolume ramp(final int w, final int h, final int d) {
		final FloatVolume v = new FloatVolume(w, h, d);
		for (int s = 0; s < d; s++)
			for (int i = 0; i < w * h; i++)
				v.slice(s)[i] = s * 1000 + i * 0.5f - 3;
		return v;
	}

	@Test
	void writesFastMriSubmissionLayoutAndReadsBack() throws IOException {
		final FloatVolume v = ramp(5, 3, 2);
		final Path p = tmp.resolve("file1000.h5");
		ReconstructionFile.write(v, p);
		try (HdfFile h = new HdfFile(p)) {
			final Dataset ds = h.getDatasetByPath("reconstruction");
			assertArrayEquals(new int[] { 2, 3, 5 }, ds.getDimensions());
			assertEquals(float.class, ds.getJavaType());
			assertEquals(1000 + 7 * 0.5f - 3, ((float[][][]) ds.getData())[1][1][2], 0f);
		}
		final FloatVolume back = ReconstructionFile.read(p);
		for (int s = 0; s < 2; s++)
			assertArrayEquals(v.slice(s), back.slice(s));
		try (Stream<Path> files = Files.list(tmp)) {
			assertEquals(1, files.count()); // no temporary file left
		}
	}

	@Test
	void readsTrainingReferenceToo() {
		final FloatVolume rss = ReconstructionFile.read(Fixtures.path("multicoil.h5"));
		assertEquals(4, rss.width());
		assertEquals(Fixtures.value(1, 0, 2, 3), rss.slice(1)[2 * 4 + 3], 0f);
	}

	@Test
	void failedWriteLeavesNothingAndKeepsOldFile() throws IOException {
		final Path p = tmp.resolve("keep.h5");
		Files.writeString(p, "old");
		// a missing folder, then a writer that fails half way
		final AccelMRException e = assertThrows(AccelMRException.class, () -> ReconstructionFile.write(ramp(2, 2, 1),
			tmp.resolve("no/such/folder/x.h5")));
		assertTrue(e.getMessage().contains("x.h5"));
		assertThrows(AccelMRException.class, () -> AtomicFile.write(p, temp -> {
			Files.writeString(temp, "half");
			throw new IOException("disk full");
		}));
		assertEquals("old", Files.readString(p));
		try (Stream<Path> files = Files.list(tmp)) {
			assertEquals(1, files.count());
		}
	}

	@Test
	void badInputs() {
		final AccelMRException none = assertThrows(AccelMRException.class, () -> ReconstructionFile.read(Fixtures
			.path("bad_float_kspace.h5")));
		assertTrue(none.getMessage().contains("no 'reconstruction' dataset"), none.getMessage());
		final AccelMRException missing = assertThrows(AccelMRException.class, () -> ReconstructionFile.read(tmp
			.resolve("gone.h5")));
		assertTrue(missing.getMessage().contains("gone.h5: file not found"));
	}
}
