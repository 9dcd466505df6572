package org.accelmr.io;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.accelmr.kspace.FloatVolume;

/**
 * Writes a reconstruction as a single-file NIfTI-1 image ({@code .nii}, or gzip-compressed {@code .nii.gz}),
 * float32, little-endian: x along the image columns (AccelMR's phase encoding), y along the rows (readout), z
 * along the slices, so {@code NiftiReader} and {@code NiftiImage.slices(Z)} give the same volume back. The voxel
 * size goes to {@code pixdim} (mm) and to a diagonal {@code sform} ({@code sform_code} 2, no rotation: the scan's
 * orientation in the scanner is not carried).
 */
public final class NiftiWriter {

	private NiftiWriter() {}

	/** With unknown voxel size (1 x 1 x 1). */
	public static void write(final FloatVolume volume, final Path file) {
		write(volume, file, new NiftiImage.VoxelSize(1, 1, 1));
	}

	/**
	 * Writes atomically; a {@code .nii.gz} name gets gzip compression.
	 *
	 * @param voxelSize mm per voxel along x (columns), y (rows) and z (slices); non-positive values become 1
	 */
	public static void write(final FloatVolume volume, final Path file, final NiftiImage.VoxelSize voxelSize) {
		final boolean gz = Extensions.of(file).equals(".nii.gz");
		final ByteBuffer header = header(volume, voxelSize);
		AtomicFile.write(file, temp -> {
			try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
				OutputStream out = gz ? new GZIPOutputStream(raw, 1 << 16) : raw)
			{
				out.write(header.array());
				final ByteBuffer slice = ByteBuffer.allocate(4 * volume.width() * volume.height()).order(
					ByteOrder.LITTLE_ENDIAN);
				for (int z = 0; z < volume.depth(); z++) {
					slice.clear();
					slice.asFloatBuffer().put(volume.slice(z));
					out.write(slice.array());
				}
			}
		});
	}

	private static ByteBuffer header(final FloatVolume v, final NiftiImage.VoxelSize size) {
		final ByteBuffer h = ByteBuffer.allocate(NiftiHeader.VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
		h.putInt(NiftiHeader.SIZEOF_HDR, NiftiHeader.SIZE);
		final int[] dims = { 3, v.width(), v.height(), v.depth(), 1, 1, 1, 1 };
		for (int i = 0; i < dims.length; i++)
			h.putShort(NiftiHeader.DIM + 2 * i, (short) dims[i]);
		h.putShort(NiftiHeader.DATATYPE, NiftiHeader.DT_FLOAT32);
		h.putShort(NiftiHeader.BITPIX, (short) 32);
		final float[] pix = { positive(size.x()), positive(size.y()), positive(size.z()) };
		h.putFloat(NiftiHeader.PIXDIM, 1f); // qfac
		for (int i = 0; i < 3; i++)
			h.putFloat(NiftiHeader.PIXDIM + 4 * (i + 1), pix[i]);
		h.putFloat(NiftiHeader.VOX_OFFSET_FIELD, NiftiHeader.VOX_OFFSET);
		h.putFloat(NiftiHeader.SCL_SLOPE, 1f);
		h.put(NiftiHeader.XYZT_UNITS, NiftiHeader.UNITS_MM);
		h.putShort(NiftiHeader.SFORM_CODE, NiftiHeader.SFORM_ALIGNED);
		for (int row = 0; row < 3; row++)
			h.putFloat(NiftiHeader.SROW_X + 16 * row + 4 * row, pix[row]);
		h.put(NiftiHeader.MAGIC_FIELD, (NiftiHeader.MAGIC + "\0").getBytes(StandardCharsets.US_ASCII));
		return h;
	}

	private static float positive(final double v) {
		return v > 0 && Double.isFinite(v) ? (float) v : 1f;
	}
}
