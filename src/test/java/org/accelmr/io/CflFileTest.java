package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.ComplexStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CflFileTest {

	@TempDir
	Path tmp;

	@Test
	void readsNumpyWrittenBartArrayWithCoilsOnDim3() {
		// generator: numpy (coil, H, W) -> cfl (H, W, 1, coil), column-major
		for (final String name : new String[] { "ksp_bart.cfl", "ksp_bart.hdr" }) {
			final NdArray a = CflFile.read(Fixtures.path(name));
			assertArrayEquals(new int[] { 1, 2, 8, 6 }, a.shape());
			Fixtures.assertFormula(a.toComplexStack(Path.of("x")), 0, null);
		}
	}

	@Test
	void roundTripSlicesOnDim13AndHeaderText() throws IOException {
		final ComplexStack k = new ComplexStack(3, 5, 2, 3);
		for (int i = 0; i < k.planeCount(); i++)
			for (int j = 0; j < k.plane(i).length; j++)
				k.plane(i)[j] = i * 1000 + j + 0.5f;
		CflFile.write(k, tmp.resolve("out.cfl"));
		assertEquals("# Dimensions\n5 3 1 2 1 1 1 1 1 1 1 1 1 3 1 1\n", Files.readString(tmp.resolve("out.hdr")));
		assertEquals(8L * 3 * 5 * 2 * 3, Files.size(tmp.resolve("out.cfl")));
		final ComplexStack back = CflFile.read(tmp.resolve("out.hdr")).toComplexStack(tmp);
		assertEquals(3, back.slices());
		assertEquals(2, back.coils());
		for (int i = 0; i < k.planeCount(); i++)
			assertArrayEquals(k.plane(i), back.plane(i));
		// column-major on disk: the second complex sample is row 1, column 0
		final byte[] raw = Files.readAllBytes(tmp.resolve("out.cfl"));
		final float second = java.nio.ByteBuffer.wrap(raw, 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat();
		assertEquals(k.plane(0)[2 * 3], second, 0f);
	}

	@Test
	void badInputsNameTheFile() throws IOException {
		Files.writeString(tmp.resolve("odd.hdr"), "# Dimensions\n4 4 1 1 2\n");
		Files.write(tmp.resolve("odd.cfl"), new byte[8 * 32]);
		assertBad(tmp.resolve("odd.cfl"), "dimension 4 has size 2");
		Files.writeString(tmp.resolve("short.hdr"), "# Dimensions\n4 4\n");
		Files.write(tmp.resolve("short.cfl"), new byte[8 * 15]);
		assertBad(tmp.resolve("short.cfl"), "truncated");
		Files.writeString(tmp.resolve("alone.hdr"), "# Dimensions\n4 4\n");
		assertBad(tmp.resolve("alone.hdr"), "file not found");
		Files.writeString(tmp.resolve("words.hdr"), "# Dimensions\nfour 4\n");
		assertBad(tmp.resolve("words.hdr"), "not whole numbers");
	}

	@Test
	void aHeaderThatDisagreesWithTheDataIsRefusedNotCropped() throws IOException {
		// 4x4 claimed, 4x8 present: reading 16 samples of 32 would silently crop the array
		pair("long", "4 4", 8 * 32);
		assertBad(tmp.resolve("long.cfl"), "holds 256 bytes but long.hdr gives dimensions 4 4 1 1 1 1 1 1 1 1 1 1 1 1 " +
			"1 1, which need exactly 128 bytes");
		pair("shorter", "4 8", 8 * 16);
		assertBad(tmp.resolve("shorter.hdr"), "need exactly 256 bytes (truncated?)");
	}

	@Test
	void zeroNegativeAndHugeDimensionsAreRefusedBeforeAnythingIsAllocated() throws IOException {
		pair("zero", "4 0", 0);
		assertBad(tmp.resolve("zero.cfl"), "dimension 1 has size 0; expected 1 or more");
		pair("negative", "-4 4", 8 * 16);
		assertBad(tmp.resolve("negative.cfl"), "dimension 0 has size -4; expected 1 or more");
		pair("beyond-int", "4 99999999999", 8);
		assertBad(tmp.resolve("beyond-int.cfl"), "dimension 1 of size 99999999999 is too large");
		// each axis fits an int but the product overflows both int and long
		pair("overflow", "2000000000 2000000000 1 2000000000", 8);
		assertBad(tmp.resolve("overflow.cfl"), "the most AccelMR reads from one file");
		// 30000 x 30000 complex samples fit one Java array (1.8e9 floats) but not the test JVM's heap twice over
		assumeTrue(Runtime.getRuntime().maxMemory() < 2 * 4L * 2 * 30000 * 30000, "a heap over 14 GB");
		pair("heap", "30000 30000", 8);
		assertBad(tmp.resolve("heap.cfl"), "needs 13733 MB to read, more than Java's");
	}

	private void pair(final String base, final String dims, final int cflBytes) throws IOException {
		Files.writeString(tmp.resolve(base + ".hdr"), "# Dimensions\n" + dims + "\n");
		Files.write(tmp.resolve(base + ".cfl"), new byte[cflBytes]);
	}

	private static void assertBad(final Path p, final String part) {
		final AccelMRException e = assertThrows(AccelMRException.class, () -> CflFile.read(p));
		assertTrue(e.getMessage().contains(p.getFileName().toString().replaceAll("\\..*", "")), e.getMessage());
		assertTrue(e.getMessage().contains(part), e.getMessage());
		assertFalse(e.getMessage().contains("\n"), "one line");
	}
}
