package org.accelmr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.accelmr.TestResources;
import org.accelmr.io.NiftiImage;
import org.accelmr.io.NiftiReader;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher on scanner raw data: reconstruct equals the numpy reading of the same samples; bad files exit 2. */
class RawDataLauncherTest {

	@TempDir
	Path tmp;

	@Test
	void zeroFilledOfAnAcceleratedMrdEqualsTheNumpyReadingCroppedToTheReconSpace() throws Exception {
		final Path mrd = Files.copy(TestResources.path("/io/ismrmrd/shepp_r2.h5"), tmp.resolve("scan.mrd"));
		final Path out = tmp.resolve("zf.nii");
		final CliRun run = CliRun.of("reconstruct", "input=" + mrd, "output=" + out, "method=zero-filled");
		assertEquals(0, run.exitCode(), run.err());
		// numpy's reading of the measured lines (coils x readout 64 x phase encoding 32), RSS, centre 32 rows
		final ComplexStack k = TestResources.complex("/io/ismrmrd/shepp_r2_kspace.npy");
		final ComplexStack images = k.copy();
		CenteredFFT.inverse(images, 1);
		final FloatVolume expected = CoilCombination.rss(images).centerCrop(32, 32);
		final FloatVolume actual = VolumeFiles.read(out);
		assertEquals(32, actual.width());
		assertEquals(32, actual.height());
		double err = 0, norm = 0;
		for (int i = 0; i < 32 * 32; i++) {
			final double d = actual.slice(0)[i] - expected.slice(0)[i];
			err += d * d;
			norm += expected.slice(0)[i] * expected.slice(0)[i];
		}
		assertTrue(err / norm < 1e-10, "NMSE " + err / norm);
		// prewhiten=auto leaves zero-filled as measured; prewhiten=on whitens it with the file's noise scans
		final Path whitened = tmp.resolve("zf_on.nii");
		final CliRun on = CliRun.of("reconstruct", "input=" + mrd, "output=" + whitened, "method=zero-filled",
			"prewhiten=on");
		assertEquals(0, on.exitCode(), on.err());
		assertTrue(on.out().contains("whiten"), on.out());
		final FloatVolume w = VolumeFiles.read(whitened);
		double diff = 0;
		for (int i = 0; i < 32 * 32; i++)
			diff += Math.pow(w.slice(0)[i] - expected.slice(0)[i], 2);
		assertTrue(diff / norm > 1e-6, "whitening changed nothing: " + diff / norm);
		// the NIfTI output carries the header's pixel size, 300 mm / 32
		final NiftiImage nii = NiftiReader.read(out);
		assertEquals(32, nii.nx());
		assertTrue(nii.voxelSize().x() > 0);
	}

	@Test
	void badRawDataExitsTwoAndWritesNothing() throws Exception {
		final Path truncated = Files.write(tmp.resolve("cut.dat"), new byte[] { 0, 0, 0, 0, 1, 0, 0, 0, 9 });
		final Path out = tmp.resolve("r.npy");
		final CliRun run = CliRun.of("reconstruct", "input=" + truncated, "output=" + out, "method=zero-filled");
		assertEquals(Main.BAD_INPUT, run.exitCode());
		assertEquals(1, run.err().strip().lines().count(), run.err());
		assertTrue(run.err().startsWith("accelmr: " + truncated + ": "), run.err());
		assertFalse(Files.exists(out));
		final Path radial = TestResources.path("/io/ismrmrd/bad_radial.h5");
		final Path copy = Files.copy(radial, tmp.resolve("radial.mrd"));
		final CliRun r2 = CliRun.of("reconstruct", "input=" + copy, "output=" + out, "method=zero-filled");
		assertEquals(Main.BAD_INPUT, r2.exitCode());
		assertTrue(r2.err().contains("trajectory 'radial' is not Cartesian"), r2.err());
		assertFalse(Files.exists(out));
	}
}
