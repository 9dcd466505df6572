package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFileTest {

	@TempDir
	Path tmp;

	@Test
	void complex64COrderFromNumpy() {
		final NdArray a = NpyFile.read(Fixtures.path("ksp_c8_C.npy"));
		assertArrayEquals(new int[] { 2, 2, 8, 6 }, a.shape());
		assertTrue(a.complex());
		Fixtures.assertFormula(a.toComplexStack(Path.of("x")), 0, null);
	}

	@Test
	void complex128FortranOrderFromNumpyIsCoils() {
		final ComplexStack k = NpyFile.read(Fixtures.path("ksp_c16_F.npy")).toComplexStack(Path.of("x"));
		assertEquals(1, k.slices());
		assertEquals(2, k.coils());
		Fixtures.assertFormula(k, 0, null);
	}

	@Test
	void float64FortranVolumeAndFloat32Image() {
		final FloatVolume v = NpyFile.read(Fixtures.path("vol_f8_F.npy")).toFloatVolume(Path.of("x"));
		assertEquals(2, v.depth());
		assertEquals(8, v.height());
		assertEquals(6, v.width());
		assertEquals(Fixtures.value(1, 0, 7, 5), v.slice(1)[7 * 6 + 5], 0f);
		assertEquals(Fixtures.value(0, 0, 2, 1), v.slice(0)[2 * 6 + 1], 0f);
		final FloatVolume img = NpyFile.read(Fixtures.path("img_f4_C.npy")).toFloatVolume(Path.of("x"));
		assertEquals(1, img.depth());
		assertEquals(Fixtures.value(0, 0, 3, 4), img.slice(0)[3 * 6 + 4], 0f);
	}

	@Test
	void roundTripComplexAndRealBothOrders() {
		final ComplexStack k = new ComplexStack(5, 3, 2, 2); // odd sizes
		for (int i = 0; i < k.planeCount(); i++)
			for (int j = 0; j < k.plane(i).length; j++)
				k.plane(i)[j] = i * 100 + j - 7.5f;
		final Path p = tmp.resolve("k.npy");
		NpyFile.write(NdArray.of(k), p);
		final ComplexStack back = NpyFile.read(p).toComplexStack(p);
		for (int i = 0; i < k.planeCount(); i++)
			assertArrayEquals(k.plane(i), back.plane(i));
		// header padded so data starts on a 64-byte boundary, as numpy writes it
		final byte[] bytes = assertDoesNotThrowRead(p);
		final int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
		assertEquals(0, (10 + headerLength) % 64);
		assertEquals(10 + headerLength + 2 * 2 * 3 * 5 * 8, bytes.length);
		// Fortran reordering on its own: F-order (2,3) [a00 a10 a01 a11 a02 a12] -> C [a00 a01 a02 a10 a11 a12]
		assertArrayEquals(new float[] { 0, 2, 4, 1, 3, 5 }, NpyFile.fortranToC(new float[] { 0, 1, 2, 3, 4, 5 },
			new int[] { 2, 3 }, 1));
	}

	private static byte[] assertDoesNotThrowRead(final Path p) {
		try {
			return Files.readAllBytes(p);
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
	}

	@Test
	void badInputsNameTheFile() throws IOException {
		final Path text = Files.writeString(tmp.resolve("t.npy"), "hello");
		assertBad(text, "not a NumPy .npy file");
		final byte[] good = Files.readAllBytes(Fixtures.path("ksp_c8_C.npy"));
		final Path cut = Files.write(tmp.resolve("cut.npy"), Arrays.copyOf(good, good.length - 8));
		assertBad(cut, "truncated .npy data");
		final Path strings = Files.write(tmp.resolve("s.npy"), npy("{'descr': '<U3', 'fortran_order': False, " +
			"'shape': (2,), }"));
		assertBad(strings, "unsupported .npy dtype");
		assertBad(tmp.resolve("none.npy"), "file not found");
		final Path real = Fixtures.path("img_f4_C.npy");
		final AccelMRException e = assertThrows(AccelMRException.class, () -> NpyFile.read(real).toComplexStack(
			real));
		assertTrue(e.getMessage().contains("expected complex k-space"), e.getMessage());
	}

	@Test
	void headersThatCannotBeTrustedAreRefusedWithOneLine() throws IOException {
		final byte[] good = Files.readAllBytes(Fixtures.path("ksp_c8_C.npy"));
		final byte[] longer = Arrays.copyOf(good, good.length + 8);
		assertBad(Files.write(tmp.resolve("longer.npy"), longer), ".npy data longer than its header says: shape " +
			"[2, 2, 8, 6] of <c8 needs 1536 bytes after the header, found 1544");
		assertBad(header("zero", "'<f4'", "(0, 4)"), "every axis must have size 1 or more");
		assertBad(header("beyond-int", "'<f4'", "(4, 4294967296)"), "has an axis larger than 2147483647");
		assertBad(header("overflow", "'<c8'", "(2000000000,)"), "the most AccelMR reads from one file");
		assertBad(header("product", "'<f4'", "(100000, 100000, 100000)"), "the most AccelMR reads from one file");
		assumeTrue(Runtime.getRuntime().maxMemory() < 4L * 2000000000, "a heap over 8 GB");
		assertBad(header("heap", "'<f4'", "(40000, 50000)"), "needs 7630 MB to read, more than Java's");
		assertBad(header("scalar", "'<f4'", "()"), "single number");
		assertBad(header("structured", "[('re', '<f4'), ('im', '<f4')]", "(4,)"), "not a plain array header");
		assertBad(header("long-double", "'<f16'", "(4,)"), "unsupported .npy dtype <f16");
		assertBad(header("huge-itemsize", "'<f99999999999'", "(4,)"), "unsupported .npy dtype");
		assertBad(Files.write(tmp.resolve("magic-only.npy"), new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2 }),
			"truncated .npy header");
		final byte[] bigHeader = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0, 0, 0, 0x7f, 0, 0 };
		assertBad(Files.write(tmp.resolve("big-header.npy"), bigHeader), "header length 2130706432 bytes; expected");
	}

	private Path header(final String name, final String descr, final String shape) throws IOException {
		return Files.write(tmp.resolve(name + ".npy"), npy("{'descr': " + descr + ", 'fortran_order': False, " +
			"'shape': " + shape + ", }"));
	}

	private static byte[] npy(final String dict) {
		final byte[] d = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
		final byte[] out = new byte[10 + d.length + 24];
		System.arraycopy(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) d.length, 0 }, 0, out, 0, 10);
		System.arraycopy(d, 0, out, 10, d.length);
		return out;
	}

	private static void assertBad(final Path p, final String part) {
		final AccelMRException e = assertThrows(AccelMRException.class, () -> NpyFile.read(p));
		assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
		assertTrue(e.getMessage().contains(part), e.getMessage());
		assertFalse(e.getMessage().contains("\n"));
	}
}
