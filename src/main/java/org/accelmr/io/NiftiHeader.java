package org.accelmr.io;

/**
 * The NIfTI-1 single-file header layout shared by {@link NiftiReader} and {@link NiftiWriter}: a 348-byte header
 * ({@code sizeof_hdr = 348}, byte order found from it), magic {@code "n+1"} at 344, voxels from
 * {@code vox_offset} (352 for files without extensions), x fastest.
 */
final class NiftiHeader {

	static final int SIZE = 348;
	/** Header, then 4 bytes of "no extension" flags. */
	static final int VOX_OFFSET = 352;
	static final String MAGIC = "n+1";

	// byte offsets of the fields AccelMR reads or writes
	static final int SIZEOF_HDR = 0, DIM = 40, DATATYPE = 70, BITPIX = 72, PIXDIM = 76, VOX_OFFSET_FIELD = 108,
		SCL_SLOPE = 112, SCL_INTER = 116, XYZT_UNITS = 123, QFORM_CODE = 252, SFORM_CODE = 254, SROW_X = 280,
		MAGIC_FIELD = 344;

	static final short DT_UINT8 = 2, DT_INT16 = 4, DT_INT32 = 8, DT_FLOAT32 = 16, DT_FLOAT64 = 64, DT_INT8 = 256,
		DT_UINT16 = 512;
	/** {@code xyzt_units}: millimetres. */
	static final byte UNITS_MM = 2;
	/** {@code sform_code}: aligned to some anatomical reference (here: the scanner's pixel grid, no rotation). */
	static final short SFORM_ALIGNED = 2;

	private NiftiHeader() {}

	/** Bytes per voxel of a supported datatype, or 0 for any other. */
	static int bytesPerVoxel(final int datatype) {
		return switch (datatype) {
			case DT_UINT8, DT_INT8 -> 1;
			case DT_INT16, DT_UINT16 -> 2;
			case DT_INT32, DT_FLOAT32 -> 4;
			case DT_FLOAT64 -> 8;
			default -> 0;
		};
	}
}
