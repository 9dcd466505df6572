package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.KSpace;
import org.accelmr.kspace.RawScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ISMRMRD reader against files made by Debian's ismrmrd-tools and an independent numpy reading of them
 * ({@code src/test/python/make_ismrmrd_fixtures.py}).
 */
class IsmrmrdFileTest {

	@TempDir
	Path tmp;

	private static Path fixture(final String name) {
		return Fixtures.path("ismrmrd/" + name);
	}

	@Test
	void acceleratedScanEqualsTheNumpyReadingWithItsOwnMaskNoiseAndCalibration() {
		final RawScan raw = KSpaceFiles.readRaw(fixture("shepp_r2.h5"));
		final KSpace k = raw.kspace();
		final ComplexStack expected = KSpaceFiles.read(fixture("shepp_r2_kspace.npy")).data();
		// fastMRI orientation: 1 slice x 4 coils x 64 readout rows (oversampled) x 32 phase-encoding columns
		assertEquals(1, k.data().slices());
		assertEquals(4, k.data().coils());
		assertEquals(64, k.data().height());
		assertEquals(32, k.data().width());
		for (int c = 0; c < 4; c++)
			assertArrayEquals(expected.plane(0, c), k.data().plane(0, c), "coil " + c);
		// repetition 0: the even lines (flag 21 lines included), so R = 2 and a column mask
		assertTrue(k.mask().isColumnMask());
		assertEquals(2.0, k.mask().acceleration(), 1e-12);
		final boolean[] columns = k.mask().columns();
		for (int x = 0; x < 32; x++)
			assertEquals(x % 2 == 0, columns[x], "column " + x);
		// the recon space (32 x 32, FOV 300 mm) crops the readout oversampling and gives the pixel size
		assertEquals(32, k.info().reconstructionWidth());
		assertEquals(32, k.info().reconstructionHeight());
		assertEquals(300.0 / 32, k.info().pixelWidth(), 1e-9);
		assertEquals(300.0 / 32, k.info().pixelHeight(), 1e-9);
		assertEquals("ISMRMRD", k.info().attributes().get("format"));
		assertEquals(2, k.info().attributes().get("repetitions"));
		assertEquals(new NiftiImage.VoxelSize(300.0 / 32, 300.0 / 32, 6), VolumeFiles.voxelSize(k.info()));
		assertNotNull(k.info().ismrmrdHeader());
		// one noise acquisition of 64 samples per coil
		assertEquals(4, raw.noise().coils());
		assertEquals(64, raw.noise().count());
		// calibration lines 12..19 (flags 20 and 21), as numpy read them
		final ComplexStack calib = KSpaceFiles.read(fixture("shepp_r2_calib.npy")).data();
		for (int c = 0; c < 4; c++)
			assertArrayEquals(calib.plane(0, c), raw.calibration().data().plane(0, c), "coil " + c);
		assertEquals(8 * 64, raw.calibration().maskOrFull().sampledCount());
		// for coil maps the centre is complete: 16 even + 4 odd calibration lines
		assertEquals(20 * 64, raw.withCalibrationLines().maskOrFull().sampledCount());
	}

	@Test
	void otherRepetitionsAreSelectable() {
		final KSpace odd = KSpaceFiles.readRaw(fixture("shepp_r2.h5"), 1, -1).kspace();
		final boolean[] columns = odd.mask().columns();
		for (int x = 0; x < 32; x++)
			assertEquals(x % 2 == 1, columns[x], "column " + x);
		final AccelMRException e = assertThrows(AccelMRException.class, () -> KSpaceFiles.readRaw(fixture(
			"shepp_r2.h5"), 2, -1));
		assertTrue(e.getMessage().contains("no repetition 2 (the file has [0, 1])"), e.getMessage());
	}

	@Test
	void fullySampledScanReconstructsAsNumpyDoes() {
		final KSpace k = KSpaceFiles.read(fixture("shepp_full.h5"));
		assertNull(k.mask(), "fully sampled");
		final ComplexStack image = k.data().copy();
		CenteredFFT.inverse(image, 1);
		final float[] expected = VolumeFiles.read(fixture("shepp_full_rss.npy")).slice(0);
		// RSS over coils, cropped to the recon space's 32 readout rows
		final int h = image.height(), w = image.width(), y0 = (h - 32) / 2;
		double maxError = 0, max = 0;
		for (int y = 0; y < 32; y++)
			for (int x = 0; x < w; x++) {
				double sum = 0;
				for (int c = 0; c < image.coils(); c++) {
					final float[] p = image.plane(0, c);
					final int i = 2 * ((y + y0) * w + x);
					sum += p[i] * p[i] + p[i + 1] * p[i + 1];
				}
				maxError = Math.max(maxError, Math.abs(Math.sqrt(sum) - expected[y * w + x]));
				max = Math.max(max, expected[y * w + x]);
			}
		assertTrue(maxError < 1e-5 * max, "max error " + maxError + " of " + max);
	}

	@Test
	void mrdExtensionAndH5ContentDispatch() throws Exception {
		final Path mrd = Files.copy(fixture("shepp_r2.h5"), tmp.resolve("scan.mrd"));
		assertArrayEquals(KSpaceFiles.read(fixture("shepp_r2.h5")).data().plane(0, 3), KSpaceFiles.read(mrd).data()
			.plane(0, 3));
		assertEquals(Hdf5Files.Kind.ISMRMRD, Hdf5Files.kind(fixture("shepp_r2.h5")));
		assertEquals(Hdf5Files.Kind.FASTMRI, Hdf5Files.kind(Fixtures.path("multicoil.h5")));
		final Path notHdf = Files.writeString(tmp.resolve("stream.mrd"), "MRD2 stream");
		assertEquals(notHdf + ": not an HDF5 file (ISMRMRD/MRD v1 is HDF5; MRD v2 streams are not supported)",
			assertThrows(AccelMRException.class, () -> KSpaceFiles.read(notHdf)).getMessage());
	}

	@Test
	void badFilesAreRefusedInOneLine() {
		assertBad("bad_no_xml.h5", "no ISMRMRD XML header (/dataset/xml)");
		assertBad("bad_samples.h5", "acquisition 3 has 48 samples");
		assertBad("bad_radial.h5", "trajectory 'radial' is not Cartesian");
		assertBad("bad_noise_coils.h5", "noise scans have 1 channels but the image data 2");
	}

	private static void assertBad(final String name, final String expected) {
		final String message = assertThrows(AccelMRException.class, () -> KSpaceFiles.read(fixture(name)))
			.getMessage();
		assertTrue(message.startsWith(fixture(name) + ": ") && message.contains(expected), message);
		assertEquals(1, message.lines().count(), message);
	}
}
