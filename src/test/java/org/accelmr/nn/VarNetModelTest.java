package org.accelmr.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VarNetModelTest {

	private static final VarNetArchitecture TINY = VarNetTest.TINY;

	@TempDir
	Path dir;

	static VarNetSidecar description(final VarNetArchitecture arch) {
		return new VarNetSidecar(VarNetSidecar.FORMAT, VarNetSidecar.FORMAT_VERSION, arch,
			VarNetSidecar.NORMALISATION, new ModelSidecar.MaskFamily("random", 4, 0.08, 0.08),
			new ModelSidecar.TrainingSummary("test", 1, 2, 1, "none", "", 0, 0, 0, 0, ""), null, null, "");
	}

	private ModelFiles saved(final VarNetArchitecture arch, final String name) {
		final ModelFiles files = ModelFiles.of(dir.resolve(name));
		try (VarNetModel m = VarNetModel.create(arch, 5, 1)) {
			m.save(files, description(arch));
		}
		return files;
	}

	private static float[][] inputs(final int coils, final int h, final int w) {
		final float[] mask = VarNetTest.columnMask(w, h);
		final float[] k = VarNetTest.masked(TorchFFTTest.gaussian(2 * coils * h * w, 21), mask);
		final float[] maps = TorchFFTTest.gaussian(k.length, 22);
		return new float[][] { k, mask, maps };
	}

	@Test
	void saveThenLoadGivesTheSameOutput() {
		final ModelFiles files = ModelFiles.of(dir.resolve("tiny.params"));
		final float[][] in = inputs(3, 12, 16);
		final float[] before;
		try (VarNetModel m = VarNetModel.create(TINY, 7, 1)) {
			VarNetTest.perturb(m, 2);
			before = m.predict(in[0], in[1], in[2], null, 1, 3, 12, 16);
			m.save(files, description(TINY));
		}
		try (VarNetModel m = VarNetModel.load(ModelFiles.of(dir.resolve("tiny")), 1)) {
			assertArrayEquals(before, m.predict(in[0], in[1], in[2], null, 1, 3, 12, 16), 0f);
			assertEquals(TINY, m.sidecar().architecture());
		}
		assertFalse(Files.exists(dir.resolve("tiny.params.tmp")));
	}

	/**
	 * A model loads in a thread where PyTorch records gradients (its default in a thread it has not seen, such as
	 * a Fiji command's worker): zeroing the fresh network's output layers in place used to fail there with "a leaf
	 * Variable that requires grad is being used in an in-place operation".
	 */
	@Test
	void aModelLoadsInAThreadThatRecordsGradients() throws Exception {
		final ModelFiles files = ModelFiles.of(dir.resolve("g.params"));
		try (VarNetModel m = VarNetModel.create(TINY, 7, 1)) {
			m.save(files, description(TINY));
		}
		final Throwable[] failure = new Throwable[1];
		final Thread t = new Thread(() -> {
			ai.djl.pytorch.jni.JniUtils.setGradMode(true);
			try (VarNetModel m = VarNetModel.load(files, 1)) {
				assertEquals(TINY, m.sidecar().architecture());
			}
			catch (final Throwable e) {
				failure[0] = e;
			}
		});
		t.start();
		t.join();
		if (failure[0] != null) throw new AssertionError("loading failed: " + failure[0], failure[0]);
	}

	@Test
	void aUNetModelIsRefusedWithOneLineAndAVarNetModelByTheUNet() {
		final ModelFiles unet = ModelFiles.of(dir.resolve("unet"));
		try (UNetModel m = UNetModel.create(new UNetArchitecture(4, 2, 2, false), 1, 1)) {
			m.save(unet, UNetModelTest.description(new UNetArchitecture(4, 2, 2, false)));
		}
		final AccelMRException e = assertThrows(AccelMRException.class, () -> VarNetModel.load(unet, 1));
		assertTrue(e.getMessage().contains("is a U-Net") && e.getMessage().contains("unet.json"), e.getMessage());
		assertFalse(e.getMessage().contains("\n"));
		final ModelFiles varnet = saved(TINY, "vn");
		final AccelMRException f = assertThrows(AccelMRException.class, () -> UNetModel.load(varnet, 1));
		assertTrue(f.getMessage().contains("vn.json") && f.getMessage().contains("accelmr-unet"), f.getMessage());
	}

	@Test
	void corruptParametersAndMismatchedSidecarsAreRefused() throws IOException {
		final ModelFiles files = saved(TINY, "vn");
		final byte[] bytes = Files.readAllBytes(files.params());
		bytes[bytes.length / 2] ^= 1;
		Files.write(files.params(), bytes);
		final AccelMRException corrupt = assertThrows(AccelMRException.class, () -> VarNetModel.load(files, 1));
		assertTrue(corrupt.getMessage().contains("SHA-256"), corrupt.getMessage());

		// a sidecar describing 3 cascades beside the parameters of 2, hash correct: the shapes give it away
		final ModelFiles two = saved(TINY, "two");
		final String json = Files.readString(two.sidecar(), StandardCharsets.UTF_8).replace("\"cascades\": 2",
			"\"cascades\": 3");
		Files.writeString(two.sidecar(), json, StandardCharsets.UTF_8);
		final AccelMRException shapes = assertThrows(AccelMRException.class, () -> VarNetModel.load(two, 1));
		assertTrue(shapes.getMessage().contains("does not hold a VarNet with 3 cascades"), shapes.getMessage());

		Files.writeString(two.sidecar(), "{\"format\": \"accelmr-varnet\", \"format_version\": 9}");
		assertTrue(assertThrows(AccelMRException.class, () -> VarNetModel.load(two, 1)).getMessage().contains(
			"format_version 9"));
		Files.writeString(two.sidecar(), "not json");
		assertTrue(assertThrows(AccelMRException.class, () -> VarNetModel.load(two, 1)).getMessage().contains(
			"not an AccelMR VarNet description"));
	}

	/**
	 * The background floor is read back as written; a sidecar without one (written before it existed) has none,
	 * and one outside [0, 1) is refused with one line.
	 */
	@Test
	void theBackgroundLevelIsReadBackAndCheckedAndAbsentMeansNone() throws IOException {
		final ModelFiles files = ModelFiles.of(dir.resolve("floor"));
		final VarNetSidecar d = description(TINY);
		try (VarNetModel m = VarNetModel.create(TINY, 3, 1)) {
			m.save(files, new VarNetSidecar(d.format(), d.formatVersion(), TINY, d.normalisation(), d.mask(), d
				.training(), null, 0.006, ""));
		}
		final String json = Files.readString(files.sidecar(), StandardCharsets.UTF_8);
		assertTrue(json.contains("\"background_floor\": 0.006"), json);
		try (VarNetModel m = VarNetModel.load(files, 1)) {
			assertEquals(0.006, m.backgroundFloor());
		}
		Files.writeString(files.sidecar(), json.replace("\"background_floor\": 0.006,", ""));
		try (VarNetModel m = VarNetModel.load(files, 1)) {
			assertEquals(0, m.backgroundFloor());
		}
		Files.writeString(files.sidecar(), json.replace("0.006", "2.0"));
		final AccelMRException e = assertThrows(AccelMRException.class, () -> VarNetModel.load(files, 1));
		assertTrue(e.getMessage().contains("floor.json") && e.getMessage().contains("background_floor 2.0"), e
			.getMessage());
	}

	@Test
	void tooManyCoilsAndTooSmallImagesAreRefusedWithOneLine() {
		try (VarNetModel m = VarNetModel.create(TINY, 1, 1)) {
			final float[][] in = inputs(9, 12, 12);
			final AccelMRException coils = assertThrows(AccelMRException.class, () -> m.predict(in[0], in[1], in[2], null, 1,
				9, 12, 12));
			assertEquals("k-space has 9 coils; this VarNet model accepts at most 8 (max_coils of its sidecar)", coils
				.getMessage());
			final float[][] small = inputs(1, 3, 12);
			final AccelMRException size = assertThrows(AccelMRException.class, () -> m.predict(small[0], small[1],
				small[2], null, 1, 1, 3, 12));
			assertTrue(size.getMessage().startsWith("image 12x3 is smaller than this VarNet"), size.getMessage());
		}
	}
}
