package org.accelmr.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.accelmr.AccelMRException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UNetModelTest {

	private static final UNetArchitecture TINY = new UNetArchitecture(4, 2, 2, false);

	@TempDir
	Path dir;

	static ModelSidecar description(final UNetArchitecture arch) {
		return new ModelSidecar(ModelSidecar.FORMAT, ModelSidecar.FORMAT_VERSION, arch, ModelSidecar.NORMALISATION,
			new ModelSidecar.MaskFamily("random", 4, 0.08, 0.16), new ModelSidecar.TrainingSummary("test", 1, 2, 1,
				"none", "", 0, 0, 0, 0, ""), null, "");
	}

	private static float[] image(final int n, final long seed) {
		final Random r = new Random(seed);
		final float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = (float) r.nextGaussian();
		return v;
	}

	private ModelFiles saved(final UNetArchitecture arch, final long seed) {
		final ModelFiles files = ModelFiles.of(dir.resolve("tiny"));
		try (UNetModel m = UNetModel.create(arch, seed, 1)) {
			m.save(files, description(arch));
		}
		return files;
	}

	@Test
	void saveThenLoadGivesTheSameOutput() {
		final ModelFiles files = ModelFiles.of(dir.resolve("tiny.params"));
		final float[] x = image(2 * 20 * 24, 1);
		final float[] before;
		try (UNetModel m = UNetModel.create(TINY, 7, 1)) {
			before = m.predict(x, 2, 20, 24);
			m.save(files, description(TINY));
		}
		assertTrue(Files.isRegularFile(dir.resolve("tiny.params")));
		assertTrue(Files.isRegularFile(dir.resolve("tiny.json")));
		try (UNetModel m = UNetModel.load(ModelFiles.of(dir.resolve("tiny")), 1)) {
			assertArrayEquals(before, m.predict(x, 2, 20, 24), 0f);
			assertEquals(TINY, m.sidecar().architecture());
			assertEquals(64, m.sidecar().paramsSha256().length());
		}
		try (UNetModel other = UNetModel.create(TINY, 8, 1)) {
			assertFalse(java.util.Arrays.equals(before, other.predict(x, 2, 20, 24)), "a different seed differs");
		}
	}

	@Test
	void nonFiniteWeightsAreNeverWrittenNorLoaded() throws IOException {
		final ModelFiles files = ModelFiles.of(dir.resolve("nan"));
		try (UNetModel m = UNetModel.create(TINY, 3, 1)) {
			m.net().getParameters().get(0).getValue().getArray().muli(Float.NaN);
			final String name = m.net().getParameters().get(0).getKey();
			assertEquals(name, m.firstNonFiniteParameter());
			final AccelMRException refused = assertThrows(AccelMRException.class, () -> m.save(files,
				description(TINY)));
			assertEquals("not writing model " + files.params() + ": parameter " + name + " holds NaN or infinite " +
				"values (training diverged)", refused.getMessage());
			try (var listing = Files.list(dir)) {
				assertEquals(0, listing.count(), "nothing written, not even a temporary file");
			}
			// a file that holds such weights anyway (written by an older version) passes its checksum...
			try (var out = new java.io.DataOutputStream(Files.newOutputStream(files.params()))) {
				m.net().saveParameters(out);
			}
		}
		Files.writeString(files.sidecar(), description(TINY).withParamsSha256(UNetModel.sha256(files.params()))
			.toJson());
		// ...and is refused on loading, with one line naming the file
		final String message = assertThrows(AccelMRException.class, () -> UNetModel.load(files, 1)).getMessage();
		assertTrue(message.startsWith("model file " + files.params() + " holds NaN or infinite weights (in "),
			message);
		assertFalse(message.contains("\n"));
	}

	@Test
	void nonFiniteValidationScoresAreNeverWrittenNorLoaded() throws IOException {
		final ModelSidecar nan = new ModelSidecar(ModelSidecar.FORMAT, ModelSidecar.FORMAT_VERSION, TINY,
			ModelSidecar.NORMALISATION, new ModelSidecar.MaskFamily("random", 4, 0.08, 0.16),
			description(TINY).training(), new ModelSidecar.ValidationMetrics(1, 2, Double.NaN, 20, 0.5, 23), "");
		final ModelFiles files = ModelFiles.of(dir.resolve("nan"));
		try (UNetModel m = UNetModel.create(TINY, 3, 1)) {
			assertThrows(AccelMRException.class, () -> m.save(files, nan));
		}
		assertFalse(Files.exists(files.params()) || Files.exists(files.sidecar()));
		// a sidecar that says "ssim": NaN (as one written by an older version did) is refused with one line
		final ModelFiles good = saved(TINY, 5);
		final String json = Files.readString(good.sidecar()).replace("\"validation\": null", "") .replace(
			"\"params_sha256\"", "\"validation\": {\"epoch\": 1, \"slices\": 2, \"ssim\": NaN, \"psnr\": 20, " +
				"\"zero_filled_ssim\": 0.5, \"zero_filled_psnr\": 23},\n  \"params_sha256\"");
		Files.writeString(good.sidecar(), json);
		final String message = assertThrows(AccelMRException.class, () -> UNetModel.load(good, 1)).getMessage();
		assertTrue(message.startsWith("model sidecar " + good.sidecar() + " records "), message);
		assertTrue(message.contains("diverged"), message);
		assertFalse(message.contains("\n"));
	}

	@Test
	void missingFilesAreNamed() {
		final ModelFiles files = saved(TINY, 1);
		final AccelMRException noParams = assertThrows(AccelMRException.class, () -> UNetModel.load(ModelFiles.of(dir
			.resolve("absent")), 1));
		assertEquals("model file " + dir.resolve("absent.params") + " not found", noParams.getMessage());
		try {
			Files.delete(files.sidecar());
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		final AccelMRException noJson = assertThrows(AccelMRException.class, () -> UNetModel.load(files, 1));
		assertTrue(noJson.getMessage().startsWith("model sidecar " + files.sidecar() + " not found"), noJson
			.getMessage());
	}

	@Test
	void corruptParametersFailTheChecksum() throws IOException {
		final ModelFiles files = saved(TINY, 1);
		final byte[] bytes = Files.readAllBytes(files.params());
		bytes[bytes.length / 2] ^= 0x55;
		Files.write(files.params(), bytes);
		final AccelMRException e = assertThrows(AccelMRException.class, () -> UNetModel.load(files, 1));
		assertTrue(e.getMessage().contains("does not match its sidecar"), e.getMessage());
		assertFalse(e.getMessage().contains("\n"));
	}

	@Test
	void sidecarArchitectureMismatchIsReported() throws IOException {
		final ModelFiles files = saved(TINY, 1);
		Files.writeString(files.sidecar(), Files.readString(files.sidecar()).replace("\"chans\": 4",
			"\"chans\": 8"));
		final AccelMRException e = assertThrows(AccelMRException.class, () -> UNetModel.load(files, 1));
		assertTrue(e.getMessage().startsWith("model file " + files.params() +
			" does not hold a U-Net with chans=8, pools=2"), e.getMessage());
	}

	@Test
	void badSidecarsAreRejectedWithOneLine() throws IOException {
		final ModelFiles files = saved(TINY, 1);
		final String good = Files.readString(files.sidecar());
		Files.writeString(files.sidecar(), "{ not json");
		assertTrue(assertThrows(AccelMRException.class, () -> UNetModel.load(files, 1)).getMessage().contains(
			"is not a valid AccelMR model description"));
		Files.writeString(files.sidecar(), good.replace("\"format_version\": 1", "\"format_version\": 9"));
		assertTrue(assertThrows(AccelMRException.class, () -> UNetModel.load(files, 1)).getMessage().contains(
			"has format_version 9; this AccelMR reads 1 to 1"));
		Files.writeString(files.sidecar(), good.replace("accelmr-unet", "other"));
		assertTrue(assertThrows(AccelMRException.class, () -> UNetModel.load(files, 1)).getMessage().contains(
			"is not an AccelMR U-Net description"));
		Files.writeString(files.sidecar(), good.replace("clamp +-6", "clamp +-3"));
		assertTrue(assertThrows(AccelMRException.class, () -> UNetModel.load(files, 1)).getMessage().contains(
			"asks for normalisation"));
	}

	@Test
	void imagesSmallerThanTheNetworkAreRejected() {
		try (UNetModel m = UNetModel.create(TINY, 1, 1)) {
			final AccelMRException e = assertThrows(AccelMRException.class, () -> m.predict(new float[3 * 20], 1, 3,
				20));
			assertEquals("image 20x3 is smaller than this U-Net (pools=2) accepts: at least 4x4", e.getMessage());
		}
	}

	@Test
	void inferenceRestoresTheImageScale() {
		// a residual network with its output layer zeroed is the identity: the round trip through instance
		// normalisation (clamped at +-6) must give back the image
		final UNetArchitecture arch = new UNetArchitecture(4, 2, 2, true);
		try (UNetModel m = UNetModel.create(arch, 1, 1)) {
			m.net().getParameters().forEach(p -> {
				if (p.getKey().contains("out")) p.getValue().getArray().subi(p.getValue().getArray());
			});
			final float[] img = new float[16 * 12];
			for (int i = 0; i < img.length; i++)
				img[i] = 100 + 10 * (float) Math.sin(i);
			final float[][] out = UNetInference.apply(m, new float[][] { img, img }, 12, 16, 1,
				org.accelmr.progress.Progress.NONE);
			assertArrayEquals(img, out[1], 1e-3f);
		}
	}
}
