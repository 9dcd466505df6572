package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.accelmr.mask.SamplingMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskFilesTest {

	@TempDir
	Path tmp;

	@Test
	void readsNumpyBoolAndUint8Masks() {
		final SamplingMask cols = MaskFiles.read(Fixtures.path("mask_b1.npy"), 6, 8);
		assertTrue(cols.isColumnMask());
		assertArrayEquals(new boolean[] { true, false, true, true, false, true }, cols.columns());
		final SamplingMask m2 = MaskFiles.read(Fixtures.path("mask_u1_2d.npy"), 6, 8);
		try (FastMriFile f = FastMriFile.open(Fixtures.path("challenge_mask2d.h5"))) {
			assertEquals(f.mask(), m2);
		}
	}

	@Test
	void roundTripColumnAnd2DMasksBothFormats() {
		final SamplingMask cols = SamplingMask.ofColumns(new boolean[] { false, true, true, false, true }, 7);
		final boolean[] flags = new boolean[5 * 7];
		for (int i = 0; i < flags.length; i++)
			flags[i] = i % 3 == 0;
		final SamplingMask twoD = SamplingMask.of2D(flags, 5, 7);
		for (final String ext : new String[] { ".npy", ".cfl" })
			for (final SamplingMask m : new SamplingMask[] { cols, twoD }) {
				final Path p = tmp.resolve((m.isColumnMask() ? "cols" : "2d") + ext);
				MaskFiles.write(m, p);
				assertEquals(m, MaskFiles.read(p, 5, 7), p.toString());
			}
	}

	@Test
	void sizeMismatchAndNonBinaryValuesNameTheFile() throws IOException {
		final Path p = Fixtures.path("mask_b1.npy");
		final AccelMRException size = assertThrows(AccelMRException.class, () -> MaskFiles.read(p, 7, 8));
		assertTrue(size.getMessage().startsWith(p + ": mask of shape [6] does not fit k-space of 8x7"), size
			.getMessage());
		final Path twoD = Fixtures.path("mask_u1_2d.npy");
		assertThrows(AccelMRException.class, () -> MaskFiles.read(twoD, 6, 9));
		final Path ksp = Fixtures.path("ksp_bart.cfl");
		assertThrows(AccelMRException.class, () -> MaskFiles.read(ksp, 6, 8)); // coils axis: not a mask
		final Path img = tmp.resolve("img.npy");
		Files.copy(Fixtures.path("img_f4_C.npy"), img);
		final AccelMRException values = assertThrows(AccelMRException.class, () -> MaskFiles.read(img, 6, 8));
		assertTrue(values.getMessage().contains("img.npy: mask value 0.25 at element 0 is not 0 or 1"), values
			.getMessage());
	}
}
