package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.accelmr.kspace.FloatVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NiftiWriterTest {

	@TempDir
	Path tmp;

	/** 2 slices of 3 columns x 2 rows, value 100 z + 10 y + x. */
	private static FloatVolume volume() {
		final FloatVolume v = new FloatVolume(3, 2, 2);
		for (int z = 0; z < 2; z++)
			for (int y = 0; y < 2; y++)
				for (int x = 0; x < 3; x++)
					v.slice(z)[y * 3 + x] = 100 * z + 10 * y + x + 0.5f;
		return v;
	}

	@Test
	void roundTripsThroughTheReaderWithVoxelSize() {
		for (final String name : new String[] { "r.nii", "r.nii.gz" }) {
			final Path file = tmp.resolve(name);
			VolumeFiles.write(volume(), file, new NiftiImage.VoxelSize(0.5, 0.75, 3));
			final NiftiImage back = NiftiReader.read(file);
			assertEquals(3, back.nx());
			assertEquals(2, back.ny());
			assertEquals(2, back.nz());
			assertEquals(112.5f, back.voxel(2, 1, 1), 0f, "x = column, y = row, z = slice");
			assertEquals(new NiftiImage.VoxelSize(0.5, 0.75, 3), back.voxelSize());
			final FloatVolume v = VolumeFiles.read(file);
			for (int z = 0; z < 2; z++)
				assertArrayEquals(volume().slice(z), v.slice(z), 0f);
		}
	}

	@Test
	void headerIsLittleEndianFloat32WithMillimetreSform() throws Exception {
		final Path file = tmp.resolve("h.nii");
		VolumeFiles.write(volume(), file);
		final ByteBuffer h = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
		assertEquals(352 + 12 * 4, h.capacity());
		assertEquals(348, h.getInt(0));
		assertEquals(16, h.getShort(70), "float32");
		assertEquals(352f, h.getFloat(108), "vox_offset");
		assertEquals(2, h.get(123), "mm");
		assertEquals(2, h.getShort(254), "sform_code");
		assertEquals(1f, h.getFloat(280), "srow_x[0]: unknown voxel size is 1");
		assertEquals('n', h.get(344));
		assertTrue(h.get(346) == '1' && h.get(347) == 0);
	}
}
