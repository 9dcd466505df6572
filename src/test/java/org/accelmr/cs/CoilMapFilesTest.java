package org.accelmr.cs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.progress.Progress;
import org.accelmr.recon.ReconstructionMethods;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** coil_maps=FILE: maps written to .npy/.cfl are read back exactly, drive the recon, and a wrong shape is refused. */
class CoilMapFilesTest {

	private static final int SIZE = 40, COILS = 3;

	@TempDir
	Path dir;

	/** Two identical slices of a 3-coil phantom, 4x random column mask. */
	private static KSpace undersampled() {
		final float[] slice = Phantoms.brain(SIZE, SIZE).slice(0);
		final KSpace full = KSpaceSimulator.simulate(new FloatVolume(SIZE, SIZE, new float[][] { slice, slice
			.clone() }), SimulationConfig.DEFAULTS.withCoils(COILS));
		return full.undersample(Masks.create("random", 4, 0.2, 0).sample(SIZE, SIZE, 7));
	}

	/** ESPIRiT maps of each slice as a {@code slices x coils x H x W} stack. */
	private static ComplexStack espiritMaps(final KSpace k, final int slices) {
		final float[][] planes = new float[slices * COILS][];
		for (int s = 0; s < slices; s++) {
			final float[] m = EspiritCalibration.DEFAULTS.estimate(k.slice(s).data(), k.maskOrFull()).maps();
			for (int c = 0; c < COILS; c++)
				planes[s * COILS + c] = java.util.Arrays.copyOfRange(m, c * 2 * SIZE * SIZE, (c + 1) * 2 * SIZE * SIZE);
		}
		return ComplexStack.wrap(planes, SIZE, SIZE, COILS, slices);
	}

	private static void write(final ComplexStack maps, final Path file) {
		KSpaceFiles.write(new KSpace(maps, null, AcquisitionInfo.of("maps")), file);
	}

	private static FloatVolume tv(final KSpace k, final String coilMaps) {
		return ReconstructionMethods.create(new ReconstructionSettings("tv", 0.01, 8, coilMaps, "", 1)).reconstruct(k,
			Progress.NONE);
	}

	@Test
	void mapsWrittenAndReadBackDriveTheReconExactlyAsEstimatedMapsDo() {
		final KSpace k = undersampled();
		final ComplexStack maps = espiritMaps(k, 2);
		final Path npy = dir.resolve("maps.npy");
		write(maps, npy);
		final CoilMapSource source = CoilMapSource.parse(npy.toString());
		source.check(k);
		for (int s = 0; s < 2; s++) {
			final float[] read = source.mapsFor(k.slice(s), s).maps();
			for (int c = 0; c < COILS; c++)
				assertArrayEquals(maps.plane(s, c), java.util.Arrays.copyOfRange(read, c * 2 * SIZE * SIZE, (c + 1) * 2 *
					SIZE * SIZE), "slice " + s + " coil " + c);
		}
		final FloatVolume fromFile = tv(k, npy.toString()), estimated = tv(k, "espirit");
		for (int s = 0; s < 2; s++)
			assertArrayEquals(estimated.slice(s), fromFile.slice(s), "slice " + s);
		// different maps give a different image: the file is really used
		final FloatVolume rss = tv(k, "rss");
		assertTrue(maxDifference(rss.slice(0), fromFile.slice(0)) > 1e-3 * estimated.max());
	}

	@Test
	void aSingleSliceCflFileServesEverySlice() {
		final KSpace k = undersampled();
		final ComplexStack first = espiritMaps(k.slice(0), 1);
		final Path cfl = dir.resolve("sens.cfl");
		write(first, cfl);
		final CoilMapSource source = CoilMapSource.parse(cfl.toString());
		source.check(k);
		assertArrayEquals(source.mapsFor(k.slice(0), 0).maps(), source.mapsFor(k.slice(1), 1).maps());
		final FloatVolume out = tv(k, dir.resolve("sens.hdr").toString());
		assertArrayEquals(tv(k, "espirit").slice(0), out.slice(0), "slice 0 has its own ESPIRiT maps");
	}

	@Test
	void wrongShapesAndPathsAreOneLineErrors() {
		final KSpace k = undersampled();
		final ComplexStack maps = espiritMaps(k, 2);
		final float[][] twoCoils = { maps.plane(0, 0), maps.plane(0, 1) };
		final Path bad = dir.resolve("two_coils.npy");
		write(ComplexStack.wrap(twoCoils, SIZE, SIZE, 2, 1), bad);
		final AccelMRException e = assertThrows(AccelMRException.class, () -> tv(k, bad.toString()));
		assertEquals("coil maps " + bad + " have shape 1x2x40x40 (slices x coils x rows x columns); the k-space " +
			"needs 2x3x40x40 (one map set per slice) or 1x3x40x40 (one for every slice)", e.getMessage());
		final float[][] threeSlices = new float[3 * COILS][];
		for (int i = 0; i < threeSlices.length; i++)
			threeSlices[i] = maps.plane(0, i % COILS);
		final Path slices = dir.resolve("three_slices.npy");
		write(ComplexStack.wrap(threeSlices, SIZE, SIZE, COILS, 3), slices);
		assertTrue(assertThrows(AccelMRException.class, () -> tv(k, slices.toString())).getMessage().contains(
			"have shape 3x3x40x40"));
		assertEquals("coil_maps file " + dir.resolve("missing.npy") + " does not exist", assertThrows(
			AccelMRException.class, () -> CoilMapSource.parse(dir.resolve("missing.npy").toString())).getMessage());
		assertEquals("coil_maps must be espirit, rss or a .cfl/.npy file; got 'sense'", assertThrows(
			AccelMRException.class, () -> CoilMapSource.parse("sense")).getMessage());
	}

	private static double maxDifference(final float[] a, final float[] b) {
		double d = 0;
		for (int i = 0; i < a.length; i++)
			d = Math.max(d, Math.abs(a[i] - b[i]));
		return d;
	}
}
