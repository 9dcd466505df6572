package org.accelmr.recon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.RandomMask;
import org.accelmr.mask.SamplingMask;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelSidecar;
import org.accelmr.nn.UNetArchitecture;
import org.accelmr.nn.UNetModel;
import org.accelmr.progress.Progress;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UNetReconTest {

	@TempDir
	Path dir;

	private String tinyModel() {
		return tinyModel(2);
	}

	private String tinyModel(final int pools) {
		final UNetArchitecture arch = new UNetArchitecture(4, pools, 2, true);
		final ModelFiles files = ModelFiles.of(dir.resolve("tiny"));
		try (UNetModel m = UNetModel.create(arch, 3, 1)) {
			m.save(files, new ModelSidecar(ModelSidecar.FORMAT, 1, arch, ModelSidecar.NORMALISATION,
				new ModelSidecar.MaskFamily("random", 4, 0.08, 0.16), null, null, ""));
		}
		return files.params().toString();
	}

	private static KSpace phantomKSpace(final int coils, final int w, final int h, final int slices) {
		final float[] one = Phantoms.brain(w, h).slice(0);
		final float[][] s = new float[slices][];
		for (int z = 0; z < slices; z++) {
			s[z] = one.clone();
			for (int i = 0; i < one.length; i++)
				s[z][i] *= 1 + z;
		}
		return KSpaceSimulator.simulate(new FloatVolume(w, h, s), new SimulationConfig(coils, true, 0, 1));
	}

	@Test
	void batchesGiveTheSameSlicesAsOneByOne() {
		final String model = tinyModel();
		final KSpace k = phantomKSpace(3, 36, 28, 5);
		final KSpace under = k.undersample(new RandomMask(4, 0.12).sample(36, 28, 9));
		final FloatVolume all = new UNetRecon(model, 1, UNetRecon.Consistency.OFF, "espirit").reconstruct(under, Progress.NONE);
		assertEquals(5, all.depth());
		assertEquals(36, all.width());
		for (final int z : new int[] { 0, 4 }) {
			final FloatVolume one = new UNetRecon(model, 1, UNetRecon.Consistency.OFF, "espirit").reconstruct(under.slice(z), Progress.NONE);
			assertArrayEquals(one.slice(0), all.slice(z), 1e-5f * all.slice(z)[500] + 1e-6f);
		}
	}

	@Test
	void cropsToTheReferenceSizeLikeZeroFilled() {
		final KSpace k = phantomKSpace(2, 40, 32, 1);
		final KSpace cropped = new KSpace(k.data(), null, new AcquisitionInfo("t", 24, 20, Map.of(), null, 0, 0));
		final FloatVolume out = new UNetRecon(tinyModel(), 1, UNetRecon.Consistency.OFF, "espirit").reconstruct(cropped, Progress.NONE);
		assertEquals(24, out.width());
		assertEquals(20, out.height());
	}

	@Test
	void dataConsistencyOnFullySampledDataReturnsTheMeasuredImage() {
		// every sample is measured, so consistency replaces all of the network's k-space: the zero-filled image
		final KSpace k = phantomKSpace(1, 32, 32, 2);
		final FloatVolume zf = new ZeroFilledRecon(1).reconstruct(k, Progress.NONE);
		final FloatVolume dc = new UNetRecon(tinyModel(), 1, UNetRecon.Consistency.SINGLE_COIL, "espirit").reconstruct(k, Progress.NONE);
		for (int z = 0; z < 2; z++)
			assertArrayEquals(zf.slice(z), dc.slice(z), 1e-4f * (z + 1));
	}

	@Test
	void multiCoilConsistencyOnFullySampledDataReturnsTheRss() {
		final KSpace k = phantomKSpace(4, 32, 32, 1);
		final FloatVolume zf = new ZeroFilledRecon(1).reconstruct(k, Progress.NONE);
		final FloatVolume dc = new UNetRecon(tinyModel(), 1, UNetRecon.Consistency.ALWAYS, "rss").reconstruct(k,
			Progress.NONE);
		assertArrayEquals(zf.slice(0), dc.slice(0), 1e-4f);
		final FloatVolume singleOnly = new UNetRecon(tinyModel(), 1, UNetRecon.Consistency.SINGLE_COIL, "rss")
			.reconstruct(k, Progress.NONE);
		final FloatVolume off = new UNetRecon(tinyModel(), 1, UNetRecon.Consistency.OFF, "rss").reconstruct(k,
			Progress.NONE);
		assertArrayEquals(off.slice(0), singleOnly.slice(0), 0f);
	}

	@Test
	void consistencyWithAReferenceCropWorksOnTheUncroppedGrid() {
		final KSpace k = phantomKSpace(3, 40, 32, 1);
		final KSpace cropped = new KSpace(k.data(), null, new AcquisitionInfo("t", 24, 20, Map.of(), null, 0, 0));
		final FloatVolume zf = new ZeroFilledRecon(1).reconstruct(cropped, Progress.NONE);
		final FloatVolume dc = new UNetRecon(tinyModel(), 1, UNetRecon.Consistency.MULTI_COIL, "rss").reconstruct(
			cropped, Progress.NONE);
		assertEquals(24, dc.width());
		assertArrayEquals(zf.slice(0), dc.slice(0), 1e-4f);
	}

	@Test
	void slicesWithoutCoilMapsKeepTheNetworkOutput() {
		// every fourth column and no fully sampled centre: ESPIRiT finds no calibration region in any slice
		final boolean[] columns = new boolean[32];
		for (int x = 1; x < 32; x += 4)
			columns[x] = true;
		final KSpace k = phantomKSpace(2, 32, 32, 1).undersample(SamplingMask.ofColumns(columns, 32));
		final String model = tinyModel();
		final java.util.List<String> lines = new java.util.ArrayList<>();
		final Progress recording = new Progress() {

			@Override
			public void status(final String message) {
				lines.add(message);
			}

			@Override
			public void progress(final long done, final long total) {}

			@Override
			public boolean isCancelled() {
				return false;
			}
		};
		final FloatVolume dc = new UNetRecon(model, 1, UNetRecon.Consistency.MULTI_COIL, "espirit").reconstruct(k,
			recording);
		final FloatVolume off = new UNetRecon(model, 1, UNetRecon.Consistency.OFF, "espirit").reconstruct(k,
			Progress.NONE);
		assertArrayEquals(off.slice(0), dc.slice(0), 0f);
		assertTrue(lines.stream().anyMatch(l -> l.startsWith("slice 1: data consistency skipped (")), lines
			.toString());
	}

	@Test
	void aMissingCoilMapFileIsRefusedBeforeAnySlice() {
		final AccelMRException e = assertThrows(AccelMRException.class, () -> new UNetRecon(tinyModel(), 1,
			UNetRecon.Consistency.MULTI_COIL, dir.resolve("absent.npy").toString()));
		assertTrue(e.getMessage().contains("absent.npy does not exist"), e.getMessage());
	}

	@Test
	void missingModelAndTooSmallImagesGiveOneLine() {
		assertEquals("model file " + dir.resolve("none.params") + " not found", assertThrows(AccelMRException.class,
			() -> new UNetRecon(dir.resolve("none").toString(), 1, UNetRecon.Consistency.OFF, "espirit").reconstruct(phantomKSpace(1, 16, 16, 1),
				Progress.NONE)).getMessage());
		final AccelMRException small = assertThrows(AccelMRException.class, () -> new UNetRecon(tinyModel(4), 1, UNetRecon.Consistency.OFF, "espirit")
			.reconstruct(phantomKSpace(1, 12, 8, 1).slice(0), Progress.NONE));
		assertTrue(small.getMessage().equals("image 12x8 is smaller than this U-Net (pools=4) accepts: at least 16x16"), small.getMessage());
	}

	@Test
	void registeredAsMethodUnet() {
		assertTrue(ReconstructionMethods.names().contains("unet"));
		assertEquals("unet", ReconstructionMethods.create(ReconstructionSettings.DEFAULTS.withMethod("unet")).name());
	}
}
