package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastMriFileTest {

	@TempDir
	Path tmp;

	@Test
	void singleCoilValuesReferenceAndHeader() {
		try (FastMriFile f = FastMriFile.open(Fixtures.path("singlecoil.h5"))) {
			assertEquals(2, f.slices());
			assertEquals(1, f.coils());
			assertEquals(8, f.height());
			assertEquals(6, f.width());
			assertNull(f.mask());
			final KSpace k = f.readAll();
			Fixtures.assertFormula(k.data(), 0, null);
			assertFalse(k.isUndersampled());
			// rss is preferred over esc (esc = rss + 0.5 in the generator)
			final FloatVolume ref = f.readReference().orElseThrow();
			assertEquals(4, ref.width());
			assertEquals(2, ref.depth());
			assertEquals(1000 + 3 * 10 + 2 + 0.25f, ref.slice(1)[3 * 4 + 2], 0f);
			final AcquisitionInfo info = f.info();
			assertEquals("CORPD_FBK", info.attributes().get("acquisition"));
			assertEquals(123.5, info.number("max", 0), 0);
			assertEquals(45.25, info.number("norm", 0), 0);
			assertEquals("abc123", info.attributes().get("patient_id"));
			assertTrue(info.ismrmrdHeader().contains("reconSpace"));
			assertEquals(4, info.reconstructionWidth());
			assertEquals(4, info.reconstructionHeight());
			// header reconSpace: fov 120 x 100 mm over a 4 x 4 matrix
			assertEquals(30.0, info.pixelWidth(), 1e-12);
			assertEquals(25.0, info.pixelHeight(), 1e-12);
			assertEquals("singlecoil.h5", info.source());
		}
	}

	@Test
	void multiCoilChunkedSliceEqualsSliceOfAll() {
		try (FastMriFile f = FastMriFile.open(Fixtures.path("multicoil.h5"))) {
			assertEquals(2, f.coils());
			final KSpace all = f.readAll();
			Fixtures.assertFormula(all.data(), 0, null);
			final KSpace one = f.readSlices(1, 1);
			assertEquals(1, one.data().slices());
			Fixtures.assertFormula(one.data(), 1, null);
			for (int c = 0; c < 2; c++)
				assertArrayEquals(all.data().plane(1, c), one.data().plane(0, c));
			assertEquals(7.5, f.info().number("max", 0), 0);
			assertEquals(4, f.info().reconstructionWidth()); // from reconstruction_rss, no header
			assertNull(f.info().ismrmrdHeader());
			final FloatVolume ref1 = f.readReference(1, 1).orElseThrow();
			assertEquals(1, ref1.depth());
			assertArrayEquals(f.readReference().orElseThrow().slice(1), ref1.slice(0));
		}
	}

	@Test
	void challengeColumnMaskIsAttachedNotReapplied() {
		try (FastMriFile f = FastMriFile.open(Fixtures.path("challenge_mask1d.h5"))) {
			final SamplingMask m = f.mask();
			assertTrue(m.isColumnMask());
			assertArrayEquals(new boolean[] { true, false, true, true, false, true }, m.columns());
			final KSpace k = f.readSlices(0, 2);
			assertEquals(m, k.mask());
			final boolean[] keep = m.toArray();
			Fixtures.assertFormula(k.data(), 0, keep);
			assertEquals(4.0, f.info().number("acceleration", 0), 0);
			assertEquals(2.0, f.info().number("num_low_frequency", 0), 0);
			// no reference: the size comes from the header's recon matrix 4 x 2
			assertTrue(f.readReference().isEmpty());
			assertEquals(4, f.info().reconstructionWidth());
			assertEquals(2, f.info().reconstructionHeight());
			assertEquals(40.0, f.info().pixelWidth(), 1e-12);
		}
	}

	@Test
	void challenge2DMaskMatchesWhatH5pyWrote() {
		final boolean[] expected = NpyFile.read(Fixtures.path("challenge_mask2d_expected.npy")).toMask(Path.of("x"),
			6, 8).toArray();
		try (FastMriFile f = FastMriFile.open(Fixtures.path("challenge_mask2d.h5"))) {
			final SamplingMask m = f.mask();
			assertFalse(m.isColumnMask());
			assertArrayEquals(expected, m.toArray());
			assertTrue(m.sampledCount() > 0 && m.sampledCount() < expected.length);
			Fixtures.assertFormula(f.readAll().data(), 0, expected);
		}
	}

	// -- Bad input: one line naming the file --

	private static void assertBad(final Path file, final String expectedPart) {
		final AccelMRException e = assertThrows(AccelMRException.class, () -> {
			try (FastMriFile f = FastMriFile.open(file)) {
				f.readAll();
			}
		});
		assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
		assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
		assertFalse(e.getMessage().contains("\n"), e.getMessage());
	}

	@Test
	void missingFile() {
		assertBad(tmp.resolve("nothere.h5"), "file not found");
	}

	@Test
	void notHdf5() throws IOException {
		final Path p = Files.writeString(tmp.resolve("text.h5"), "this is not hdf5 at all, just some text\n".repeat(
			20));
		assertBad(p, "not an HDF5 file");
	}

	@Test
	void truncatedHdf5() throws IOException {
		final byte[] all = Files.readAllBytes(Fixtures.path("multicoil.h5"));
		for (final int keep : new int[] { 100, all.length / 2, all.length - 1000 }) {
			final Path p = Files.write(tmp.resolve("cut" + keep + ".h5"), Arrays.copyOf(all, keep));
			assertBad(p, "HDF5");
		}
	}

	@Test
	void noKspaceDataset() {
		assertBad(Fixtures.path("bad_no_kspace.h5"), "no 'kspace' dataset");
	}

	@Test
	void floatKspace() {
		assertBad(Fixtures.path("bad_float_kspace.h5"), "expected complex64");
	}

	@Test
	void wrongRank() {
		assertBad(Fixtures.path("bad_rank_kspace.h5"), "expected (slices,H,W) or (slices,coils,H,W)");
	}

	@Test
	void maskSizeMismatch() {
		assertBad(Fixtures.path("bad_mask_size.h5"), "'mask' has shape [7]");
	}

	@Test
	void nanInKspaceNamesWhere() {
		assertBad(Fixtures.path("bad_nan_kspace.h5"), "slice 1, coil 0, row 3, column 2");
		// slice 0 is clean and still readable on its own
		try (FastMriFile f = FastMriFile.open(Fixtures.path("bad_nan_kspace.h5"))) {
			Fixtures.assertFormula(f.readSlices(0, 1).data(), 0, null);
		}
	}

	@Test
	void sliceRangeOutsideFile() {
		try (FastMriFile f = FastMriFile.open(Fixtures.path("multicoil.h5"))) {
			final AccelMRException e = assertThrows(AccelMRException.class, () -> f.readSlices(1, 2));
			assertTrue(e.getMessage().contains("multicoil.h5"));
		}
	}
}
