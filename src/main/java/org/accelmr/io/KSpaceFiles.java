package org.accelmr.io;

import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.KSpace;
import org.accelmr.kspace.RawScan;

/**
 * Reading and writing k-space by file extension: {@code .h5} (fastMRI or ISMRMRD, read only), {@code .mrd}
 * (ISMRMRD, read only), {@code .dat} (Siemens twix, read only), {@code .cfl}/{@code .hdr} (BART) and {@code .npy}
 * (NumPy complex, {@code (H,W)}, {@code (coils,H,W)} or {@code (slices,coils,H,W)}).
 * HDF5 is read-only because jhdf cannot write the compound type h5py uses for complex numbers; see
 * {@code docs/file-formats.md} for turning a written .npy into a fastMRI .h5. .cfl and .npy carry no mask:
 * write it beside the k-space with {@link MaskFiles}.
 */
public final class KSpaceFiles {

	/** The k-space file types {@link #read} knows, for messages and help. */
	public static final String READABLE =
		".h5 (fastMRI or ISMRMRD), .mrd (ISMRMRD), .dat (Siemens twix), .cfl/.hdr or .npy";

	private KSpaceFiles() {}

	/**
	 * The k-space of any file AccelMR reads (for scanner raw data the first repetition and contrast, without its
	 * noise and calibration-only lines: see {@link #readRaw}).
	 *
	 * @throws AccelMRException naming the file for an unknown extension, a bad layout or non-finite samples
	 */
	public static KSpace read(final Path file) {
		return readRaw(file).kspace();
	}

	/**
	 * The k-space with what scanner raw data carry besides: noise samples (for pre-whitening) and
	 * calibration-only lines. By extension: {@code .h5}/{@code .hdf5} by content (fastMRI has a {@code kspace}
	 * dataset, ISMRMRD {@code /dataset/data} and {@code /dataset/xml}), {@code .mrd} ISMRMRD, {@code .dat}
	 * Siemens twix, {@code .cfl}/{@code .hdr} BART, {@code .npy} NumPy.
	 */
	public static RawScan readRaw(final Path file) {
		return readRaw(file, -1, -1);
	}

	/**
	 * As {@link #readRaw(Path)}, choosing the repetition and contrast of scanner raw data (-1: the first); other
	 * formats have neither and refuse a choice other than -1 or 0.
	 */
	public static RawScan readRaw(final Path file, final int repetition, final int contrast) {
		final String ext = Extensions.of(file);
		final boolean raw = ext.equals(".mrd") || ext.equals(".dat") || (ext.equals(".h5") || ext.equals(".hdf5")) &&
			Hdf5Files.kind(file) == Hdf5Files.Kind.ISMRMRD;
		if (!raw && (repetition > 0 || contrast > 0)) throw new AccelMRException(file + ": " + ext +
			" k-space has no repetitions or contrasts to choose from");
		switch (ext) {
			case ".h5", ".hdf5" -> {
				if (raw) return IsmrmrdFile.read(file, repetition, contrast);
				try (FastMriFile f = FastMriFile.open(file)) {
					return RawScan.of(f.readAll());
				}
			}
			case ".mrd" -> {
				return IsmrmrdFile.read(file, repetition, contrast);
			}
			case ".dat" -> {
				return TwixFile.read(file, repetition, contrast);
			}
			case ".cfl", ".hdr" -> {
				return RawScan.of(checked(file, CflFile.read(file).toComplexStack(file)));
			}
			case ".npy" -> {
				return RawScan.of(checked(file, NpyFile.read(file).toComplexStack(file)));
			}
			default -> throw new AccelMRException(file + ": unknown k-space file type '" + ext +
				"', expected " + READABLE);
		}
	}

	/**
	 * True when the file is a fastMRI HDF5 file (a {@code .h5}/{@code .hdf5} with a {@code kspace} dataset), which
	 * {@link FastMriFile} can read slice by slice; an ISMRMRD {@code .h5} is not.
	 */
	public static boolean isFastMri(final Path file) {
		final String ext = Extensions.of(file);
		return (ext.equals(".h5") || ext.equals(".hdf5")) && Hdf5Files.kind(file) != Hdf5Files.Kind.ISMRMRD;
	}

	/**
	 * Writes the samples (not the mask) atomically as {@code .npy} complex64 {@code (slices, coils, H, W)} or as
	 * BART {@code .cfl}/{@code .hdr} {@code (H, W, 1, coils, ..., slices)}.
	 */
	public static void write(final KSpace kspace, final Path file) {
		final String ext = Extensions.of(file);
		switch (ext) {
			case ".cfl", ".hdr" -> CflFile.write(kspace.data(), file);
			case ".npy" -> NpyFile.write(NdArray.of(kspace.data()), file);
			case ".h5", ".hdf5" -> throw new AccelMRException(file + ": k-space cannot be written as HDF5 " +
				"(complex compound types are not supported by the HDF5 writer); write .npy or .cfl instead");
			default -> throw new AccelMRException(file + ": unknown k-space file type '" + ext +
				"', expected .cfl or .npy");
		}
	}

	static KSpace checked(final Path file, final ComplexStack data) {
		final String bad = data.firstNonFinite();
		if (bad != null) throw new AccelMRException(file + ": k-space holds NaN or Inf at " + bad);
		return new KSpace(data, null, AcquisitionInfo.of(file.getFileName().toString()));
	}
}
