package org.accelmr.io;

import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.KSpace;

/**
 * Reading and writing k-space by file extension: {@code .h5} (fastMRI, read only), {@code .cfl}/{@code .hdr}
 * (BART) and {@code .npy} (NumPy complex, {@code (H,W)}, {@code (coils,H,W)} or {@code (slices,coils,H,W)}).
 * HDF5 is read-only because jhdf cannot write the compound type h5py uses for complex numbers; see
 * {@code docs/file-formats.md} for turning a written .npy into a fastMRI .h5. .cfl and .npy carry no mask:
 * write it beside the k-space with {@link MaskFiles}.
 */
public final class KSpaceFiles {

	private KSpaceFiles() {}

	/**
	 * @throws AccelMRException naming the file for an unknown extension, a bad layout or non-finite samples
	 */
	public static KSpace read(final Path file) {
		final String ext = Extensions.of(file);
		switch (ext) {
			case ".h5", ".hdf5" -> {
				try (FastMriFile f = FastMriFile.open(file)) {
					return f.readAll();
				}
			}
			case ".cfl", ".hdr" -> {
				return checked(file, CflFile.read(file).toComplexStack(file));
			}
			case ".npy" -> {
				return checked(file, NpyFile.read(file).toComplexStack(file));
			}
			default -> throw new AccelMRException(file + ": unknown k-space file type '" + ext +
				"', expected .h5, .cfl/.hdr or .npy");
		}
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
