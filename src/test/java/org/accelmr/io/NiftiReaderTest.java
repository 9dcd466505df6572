package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.FloatVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

class NiftiReaderTest {

	private static final Path CH2 = Path.of("/usr/share/mricron/templates/ch2.nii.gz");
	private static final int NX = 3, NY = 4, NZ = 2;

	@TempDir
	Path tmp;

	/** Stored value at a voxel: distinct per position, negative for some, so a swapped axis is caught. */
	private static int stored(final int x, final int y, final int z) {
		return x + 10 * y + 100 * z - 50;
	}

	/** A NIfTI-1 single file with the formula's values, written the way the spec lays it out. */
	private static byte[] nifti(final ByteOrder order, final int datatype, final float slope, final float inter,
		final String magic)
	{
		final int bytes = switch (datatype) {
			case 2 -> 1;
			case 4 -> 2;
			case 8, 16 -> 4;
			default -> 8;
		};
		final ByteBuffer b = ByteBuffer.allocate(352 + NX * NY * NZ * bytes).order(order);
		b.putInt(0, 348);
		b.putShort(40, (short) 3).putShort(42, (short) NX).putShort(44, (short) NY).putShort(46, (short) NZ);
		b.putShort(48, (short) 1);
		b.putShort(70, (short) datatype).putShort(72, (short) (8 * bytes));
		b.putFloat(76, 1).putFloat(80, 0.5f).putFloat(84, 0.75f).putFloat(88, 2.5f);
		b.putFloat(108, 352).putFloat(112, slope).putFloat(116, inter);
		b.put(344, (byte) magic.charAt(0)).put(345, (byte) magic.charAt(1)).put(346, (byte) magic.charAt(2));
		b.position(352);
		for (int z = 0; z < NZ; z++)
			for (int y = 0; y < NY; y++)
				for (int x = 0; x < NX; x++) {
					final int v = stored(x, y, z) + (datatype == 2 ? 100 : 0); // uint8 stays positive
					switch (datatype) {
						case 2 -> b.put((byte) v);
						case 4 -> b.putShort((short) v);
						case 8 -> b.putInt(v);
						case 16 -> b.putFloat(v);
						default -> b.putDouble(v);
					}
				}
		return b.array();
	}

	private Path write(final String name, final byte[] content) throws IOException {
		final Path p = tmp.resolve(name);
		if (name.endsWith(".gz")) try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
			out.write(content);
		}
		else Files.write(p, content);
		return p;
	}

	@Test
	void everyDatatypeBothByteOrdersPlainAndGzip() throws IOException {
		for (final ByteOrder order : new ByteOrder[] { ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN })
			for (final int type : new int[] { 2, 4, 8, 16, 64 })
				for (final String ext : new String[] { ".nii", ".nii.gz" }) {
					final String name = "t" + type + (order == ByteOrder.BIG_ENDIAN ? "be" : "le") + ext;
					final NiftiImage img = NiftiReader.read(write(name, nifti(order, type, 0, 0, "n+1")));
					assertEquals(NX, img.nx(), name);
					assertEquals(NZ, img.nz(), name);
					assertEquals(new NiftiImage.VoxelSize(0.5, 0.75, 2.5), img.voxelSize());
					final int shift = type == 2 ? 100 : 0;
					for (int z = 0; z < NZ; z++)
						for (int y = 0; y < NY; y++)
							for (int x = 0; x < NX; x++)
								assertEquals(stored(x, y, z) + shift, img.voxel(x, y, z), 0f, name);
				}
	}

	@Test
	void slopeAndInterceptApplied() throws IOException {
		final NiftiImage img = NiftiReader.read(write("s.nii", nifti(ByteOrder.LITTLE_ENDIAN, 4, 2, -1, "n+1")));
		assertEquals(2 * stored(2, 3, 1) - 1, img.voxel(2, 3, 1), 0f);
		assertEquals(2 * stored(0, 0, 0) - 1, img.voxels()[0], 0f);
	}

	@Test
	void slicesInThreeOrientations() throws IOException {
		final NiftiImage img = NiftiReader.read(write("o.nii", nifti(ByteOrder.LITTLE_ENDIAN, 16, 0, 0, "n+1")));
		final FloatVolume z = img.slices(NiftiImage.SliceAxis.Z), y = img.slices(NiftiImage.SliceAxis.Y),
			x = img.slices(NiftiImage.SliceAxis.X);
		assertEquals(Arrays.toString(new int[] { NX, NY, NZ }), Arrays.toString(new int[] { z.width(), z.height(), z
			.depth() }));
		assertEquals(Arrays.toString(new int[] { NX, NZ, NY }), Arrays.toString(new int[] { y.width(), y.height(), y
			.depth() }));
		assertEquals(Arrays.toString(new int[] { NY, NZ, NX }), Arrays.toString(new int[] { x.width(), x.height(), x
			.depth() }));
		// voxel (x=2, y=3, z=1) in each view
		assertEquals(stored(2, 3, 1), z.slice(1)[3 * NX + 2], 0f);
		assertEquals(stored(2, 3, 1), y.slice(3)[1 * NX + 2], 0f);
		assertEquals(stored(2, 3, 1), x.slice(2)[1 * NY + 3], 0f);
	}

	@Test
	void badInputsNameTheFile() throws IOException {
		final byte[] good = nifti(ByteOrder.LITTLE_ENDIAN, 4, 0, 0, "n+1");
		assertBad(write("cut.nii", Arrays.copyOf(good, good.length - 3)), "truncated NIfTI file");
		assertBad(write("cut.nii.gz", Arrays.copyOf(good, 200)), "truncated NIfTI file");
		final byte[] notNifti = good.clone();
		notNifti[0] = 1;
		assertBad(write("x.nii", notNifti), "not a NIfTI-1 file");
		assertBad(write("pair.nii", nifti(ByteOrder.LITTLE_ENDIAN, 4, 0, 0, "ni1")), "only single-file");
		final byte[] rgb = good.clone();
		ByteBuffer.wrap(rgb).order(ByteOrder.LITTLE_ENDIAN).putShort(70, (short) 128);
		assertBad(write("rgb.nii", rgb), "datatype 128 is not supported");
		assertBad(Files.write(tmp.resolve("plain.nii.gz"), good), "not a gzip file");
		assertBad(tmp.resolve("none.nii"), "file not found");
	}

	private static void assertBad(final Path p, final String part) {
		final AccelMRException e = assertThrows(AccelMRException.class, () -> NiftiReader.read(p));
		assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
		assertTrue(e.getMessage().contains(part), e.getMessage());
	}

	static boolean ch2Installed() {
		return Files.isReadable(CH2);
	}

	/** Colin27 from Debian's mricron-data; expected numbers read with numpy from the same file. */
	@Test
	@EnabledIf("ch2Installed")
	void readsColin27Template() {
		final NiftiImage img = NiftiReader.read(CH2);
		assertEquals(181, img.nx());
		assertEquals(217, img.ny());
		assertEquals(181, img.nz());
		assertEquals(new NiftiImage.VoxelSize(1, 1, 1), img.voxelSize());
		assertEquals(33f, img.voxel(90, 108, 90), 0f);
		assertEquals(107f, img.voxel(60, 100, 90), 0f);
		double sum = 0, max = 0;
		for (final float v : img.voxels()) {
			sum += v;
			max = Math.max(max, v);
		}
		assertEquals(317151210.0, sum, 0);
		assertEquals(254.0, max, 0);
		final FloatVolume coronal = img.slices(NiftiImage.SliceAxis.Y);
		assertEquals(217, coronal.depth());
		assertEquals(107f, coronal.slice(100)[90 * 181 + 60], 0f);
	}
}
