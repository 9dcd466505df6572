package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.KSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KSpaceFilesTest {

	@TempDir
	Path tmp;

	@Test
	void dispatchesByExtensionAndRoundTrips() {
		final KSpace h5 = KSpaceFiles.read(Fixtures.path("challenge_mask1d.h5"));
		assertTrue(h5.isUndersampled());
		for (final String name : new String[] { "k.npy", "k.cfl" }) {
			final Path p = tmp.resolve(name);
			KSpaceFiles.write(h5, p);
			final KSpace back = KSpaceFiles.read(p);
			assertNull(back.mask()); // masks travel in their own file
			assertEquals(name, back.info().source());
			assertEquals(2, back.data().slices());
			assertEquals(2, back.data().coils());
			for (int i = 0; i < h5.data().planeCount(); i++)
				assertArrayEquals(h5.data().plane(i), back.data().plane(i), name);
		}
		Fixtures.assertFormula(KSpaceFiles.read(Fixtures.path("ksp_c8_C.npy")).data(), 0, null);
		Fixtures.assertFormula(KSpaceFiles.read(Fixtures.path("ksp_bart.cfl")).data(), 0, null);
	}

	@Test
	void refusesWhatItCannotDo() {
		final KSpace k = KSpaceFiles.read(Fixtures.path("ksp_c8_C.npy"));
		final AccelMRException h5 = assertThrows(AccelMRException.class, () -> KSpaceFiles.write(k, tmp.resolve(
			"k.h5")));
		assertTrue(h5.getMessage().contains("write .npy or .cfl"), h5.getMessage());
		final AccelMRException ext = assertThrows(AccelMRException.class, () -> KSpaceFiles.read(tmp.resolve(
			"k.mat")));
		assertTrue(ext.getMessage().contains("k.mat: unknown k-space file type '.mat'"), ext.getMessage());
	}

	@Test
	void nanInNpyNamesPosition() {
		final KSpace k = KSpaceFiles.read(Fixtures.path("ksp_c8_C.npy"));
		k.data().plane(1, 1)[2 * (4 * 6 + 3) + 1] = Float.POSITIVE_INFINITY;
		final Path p = tmp.resolve("inf.npy");
		KSpaceFiles.write(k, p);
		final AccelMRException e = assertThrows(AccelMRException.class, () -> KSpaceFiles.read(p));
		assertTrue(e.getMessage().contains("inf.npy: k-space holds NaN or Inf at slice 1, coil 1, row 4, column 3"),
			e.getMessage());
	}
}
