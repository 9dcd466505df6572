package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

	private static void assertBad(final Path p, final String part) {
		final AccelMRException e = assertThrows(AccelMRException.class, () -> CflFile.read(p));
		assertTrue(e.getMessage().contains(p.getFileName().toString().replaceAll("\\..*", "")), e.getMessage());
		assertTrue(e.getMessage().contains(part), e.getMessage());
	}
}
