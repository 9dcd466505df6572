package org.accelmr.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.accelmr.AccelMRException;

/**
 * Reads single-file NIfTI-1 images ({@code .nii}, {@code .nii.gz}; layout in {@link NiftiHeader}): a 348-byte
 * header (byte order found from {@code sizeof_hdr == 348}), then voxels from {@code vox_offset}, x fastest.
 * Datatypes uint8 (2), int16 (4), int32 (8), float32 (16), float64 (64), int8 (256), uint16 (512). Stored values
 * v become {@code scl_slope * v + scl_inter} when {@code scl_slope != 0} (the NIfTI rule). Of a 4-D file only the
 * first volume is read.
 */
public final class NiftiReader {

	private NiftiReader() {}

	/** @throws AccelMRException naming the file when it is missing, not NIfTI-1, truncated or of another type */
	public static NiftiImage read(final Path file) {
		final boolean gz = Extensions.of(file).equals(".nii.gz");
		try (InputStream raw = Files.newInputStream(file); InputStream in = gz ? new GZIPInputStream(
			new BufferedInputStream(raw, 1 << 16), 1 << 16) : new BufferedInputStream(raw, 1 << 16))
		{
			return read(file, in);
		}
		catch (final NoSuchFileException e) {
			throw new AccelMRException(file + ": file not found");
		}
		catch (final EOFException e) {
			throw new AccelMRException(file + ": truncated NIfTI file");
		}
		catch (final ZipException e) {
			throw new AccelMRException(file + ": not a gzip file (" + e.getMessage() + ")");
		}
		catch (final IOException e) {
			throw new AccelMRException(file + ": cannot read (" + e.getMessage() + ")", e);
		}
	}

	private static NiftiImage read(final Path file, final InputStream in) throws IOException {
		final ByteBuffer h = ByteBuffer.wrap(readFully(in, NiftiHeader.SIZE));
		h.order(ByteOrder.LITTLE_ENDIAN);
		if (h.getInt(NiftiHeader.SIZEOF_HDR) != NiftiHeader.SIZE) {
			h.order(ByteOrder.BIG_ENDIAN);
			if (h.getInt(NiftiHeader.SIZEOF_HDR) != NiftiHeader.SIZE) throw new AccelMRException(file +
				": not a NIfTI-1 file (sizeof_hdr is not 348)");
		}
		final int m = NiftiHeader.MAGIC_FIELD;
		final String magic = new String(new byte[] { h.get(m), h.get(m + 1), h.get(m + 2) },
			java.nio.charset.StandardCharsets.US_ASCII);
		if (!magic.equals(NiftiHeader.MAGIC)) throw new AccelMRException(file + ": magic '" + magic.trim() +
			"' is not 'n+1' (only single-file .nii NIfTI-1 is supported)");
		final int rank = h.getShort(NiftiHeader.DIM);
		if (rank < 1 || rank > 7) throw new AccelMRException(file + ": dim[0] = " + rank + " is not 1..7");
		final int[] n = new int[3];
		for (int a = 0; a < 3; a++) {
			n[a] = a < rank ? h.getShort(NiftiHeader.DIM + 2 + 2 * a) : 1;
			if (n[a] < 1) throw new AccelMRException(file + ": dim[" + (a + 1) + "] = " + n[a] + " is not positive");
		}
		final int datatype = h.getShort(NiftiHeader.DATATYPE);
		final int bytes = NiftiHeader.bytesPerVoxel(datatype);
		if (bytes == 0) throw new AccelMRException(file + ": NIfTI datatype " + datatype +
			" is not supported (expected uint8, int8, int16, uint16, int32, float32 or float64)");
		final long offset = (long) h.getFloat(NiftiHeader.VOX_OFFSET_FIELD);
		if (offset < NiftiHeader.SIZE) throw new AccelMRException(file + ": vox_offset " + offset +
			" lies inside the header");
		final float slope = h.getFloat(NiftiHeader.SCL_SLOPE), inter = h.getFloat(NiftiHeader.SCL_INTER);
		final int pix = NiftiHeader.PIXDIM;
		final NiftiImage.VoxelSize size = new NiftiImage.VoxelSize(h.getFloat(pix + 4), h.getFloat(pix + 8), h
			.getFloat(pix + 12));
		in.skipNBytes(offset - NiftiHeader.SIZE);
		final long count = (long) n[0] * n[1] * n[2];
		if (count * bytes > Integer.MAX_VALUE) throw new AccelMRException(file + ": image of " + count +
			" voxels is too large");
		final ByteBuffer data = ByteBuffer.wrap(readFully(in, (int) (count * bytes))).order(h.order());
		final float[] v = new float[(int) count];
		final boolean scaled = slope != 0 && Float.isFinite(slope) && (slope != 1 || inter != 0);
		for (int i = 0; i < v.length; i++) {
			final double raw = switch (datatype) {
				case NiftiHeader.DT_UINT8 -> data.get() & 0xff;
				case NiftiHeader.DT_INT8 -> data.get();
				case NiftiHeader.DT_INT16 -> data.getShort();
				case NiftiHeader.DT_UINT16 -> data.getShort() & 0xffff;
				case NiftiHeader.DT_INT32 -> data.getInt();
				case NiftiHeader.DT_FLOAT32 -> data.getFloat();
				default -> data.getDouble();
			};
			v[i] = (float) (scaled ? slope * raw + inter : raw);
		}
		return new NiftiImage(n[0], n[1], n[2], v, size);
	}

	private static byte[] readFully(final InputStream in, final int length) throws IOException {
		final byte[] b = in.readNBytes(length);
		if (b.length < length) throw new EOFException();
		return b;
	}
}
