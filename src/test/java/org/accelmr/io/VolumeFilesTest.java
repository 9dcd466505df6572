package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.FloatVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

class VolumeFilesTest {

	@TempDir
	Path tmp;

	@Test
	void roundTripEveryFormat() {
		final FloatVolume v = ReconstructionFileTest.ramp(7, 4, 3);
		v.slice(2)[5] = -1e-30f; // signs and tiny values survive
		for (final String name : new String[] { "v.h5", "v.npy", "v.cfl", "v.tif", "v.tiff" }) {
			final Path p = tmp.resolve(name);
			VolumeFiles.write(v, p);
			final FloatVolume back = VolumeFiles.read(p);
			assertEquals(7, back.width(), name);
			assertEquals(4, back.height(), name);
			assertEquals(3, back.depth(), name);
			for (int s = 0; s < 3; s++)
				assertArrayEquals(v.slice(s), back.slice(s), name);
		}
	}

	@Test
	void writtenTiffOpensInImageJAsFloatStack() {
		final FloatVolume v = ReconstructionFileTest.ramp(7, 4, 3);
		final Path p = tmp.resolve("stack.tif");
		VolumeFiles.write(v, p);
		final ImagePlus imp = new Opener().openImage(p.toString());
		assertEquals(7, imp.getWidth());
		assertEquals(4, imp.getHeight());
		assertEquals(3, imp.getStackSize());
		assertEquals(ImagePlus.GRAY32, imp.getType());
		for (int s = 0; s < 3; s++)
			assertArrayEquals(v.slice(s), (float[]) imp.getStack().getPixels(s + 1));
	}

	@Test
	void readsTiffWrittenByImageJ() {
		final ImageStack stack = new ImageStack(5, 3);
		final float[] a = new float[15], b = new float[15];
		for (int i = 0; i < 15; i++) {
			a[i] = i * 1.5f;
			b[i] = -i;
		}
		stack.addSlice(new FloatProcessor(5, 3, a));
		stack.addSlice(new FloatProcessor(5, 3, b));
		final Path p = tmp.resolve("ij.tif");
		new FileSaver(new ImagePlus("s", stack)).saveAsTiffStack(p.toString());
		final FloatVolume v = VolumeFiles.read(p);
		assertArrayEquals(a, v.slice(0));
		assertArrayEquals(b, v.slice(1));
		final short[] u16 = new short[15];
		for (int i = 0; i < 15; i++)
			u16[i] = (short) (60000 + i);
		final Path q = tmp.resolve("u16.tif");
		new FileSaver(new ImagePlus("u", new ShortProcessor(5, 3, u16, null))).saveAsTiff(q.toString());
		assertEquals(60014f, VolumeFiles.read(q).slice(0)[14], 0f);
	}

	@Test
	void complexInputsReadAsMagnitude() {
		final Path p = tmp.resolve("single.cfl"); // single-coil k-space (2, 1, 8, 6) as complex slices
		KSpaceFiles.write(KSpaceFiles.read(Fixtures.path("singlecoil.h5")), p);
		final FloatVolume mag = VolumeFiles.read(p);
		assertEquals(2, mag.depth());
		final float re = Fixtures.value(1, 0, 2, 3);
		assertEquals((float) Math.hypot(re, re / 2), mag.slice(1)[2 * 6 + 3], 1e-3f);
		// several coils are not one image per slice
		final Path coils = Fixtures.path("ksp_bart.cfl");
		assertTrue(assertThrows(AccelMRException.class, () -> VolumeFiles.read(coils)).getMessage().contains(
			"found [1, 2, 8, 6]"));
	}

	@Test
	void badInputsNameTheFile() throws IOException {
		final Path ext = tmp.resolve("v.png");
		assertTrue(assertThrows(AccelMRException.class, () -> VolumeFiles.read(ext)).getMessage().contains(
			"unknown image file type '.png'"));
		final Path k4 = Fixtures.path("ksp_c8_C.npy"); // (2, 2, 8, 6): not an image
		assertTrue(assertThrows(AccelMRException.class, () -> VolumeFiles.read(k4)).getMessage().contains(
			"expected an image of shape"));
		final Path notTiff = Files.writeString(tmp.resolve("x.tif"), "plain text, not a tiff");
		assertTrue(assertThrows(AccelMRException.class, () -> VolumeFiles.read(notTiff)).getMessage().contains(
			"x.tif: not a TIFF file"));
		final Path good = tmp.resolve("good.tif");
		VolumeFiles.write(ReconstructionFileTest.ramp(7, 4, 3), good);
		final byte[] all = Files.readAllBytes(good);
		final Path cut = Files.write(tmp.resolve("cut.tif"), Arrays.copyOf(all, all.length - 200));
		assertTrue(assertThrows(AccelMRException.class, () -> VolumeFiles.read(cut)).getMessage().contains(
			"cut.tif: truncated or damaged TIFF"));
	}
}
