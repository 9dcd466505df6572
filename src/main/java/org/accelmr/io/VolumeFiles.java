package org.accelmr.io;

import java.nio.file.Path;

import java.util.Optional;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;

/**
 * Reading and writing real image volumes {@code (slices, H, W)} by file extension: {@code .h5} (fastMRI
 * submission layout, {@link ReconstructionFile}), {@code .npy} (float32), {@code .cfl} (BART, slices on axis 13,
 * imaginary part zero), {@code .tif}/{@code .tiff} (multi-page 32-bit float, {@link TiffFile}) and
 * {@code .nii}/{@code .nii.gz} (NIfTI-1 float32, x = columns, y = rows, z = slices, {@link NiftiWriter}). Complex inputs
 * read as their magnitude, or as their real part when every imaginary part is zero.
 */
public final class VolumeFiles {

	/** The {@code AcquisitionInfo} attribute holding the slice thickness in mm, where a reader knows it. */
	public static final String SLICE_THICKNESS = "slice_thickness_mm";

	private static final String KNOWN = ".h5, .npy, .cfl, .tif/.tiff, .nii/.nii.gz";

	private VolumeFiles() {}

	/** Writes atomically (temporary file in the same folder, then rename); NIfTI gets voxel size 1 x 1 x 1. */
	public static void write(final FloatVolume volume, final Path file) {
		write(volume, file, new NiftiImage.VoxelSize(0, 0, 0));
	}

	/**
	 * As {@link #write(FloatVolume, Path)}, with the voxel size (mm along columns, rows, slices; 0 where unknown)
	 * for formats that carry one (NIfTI).
	 */
	public static void write(final FloatVolume volume, final Path file, final NiftiImage.VoxelSize voxelSize) {
		switch (Extensions.of(file)) {
			case ".nii", ".nii.gz" -> NiftiWriter.write(volume, file, voxelSize);
			case ".h5", ".hdf5" -> ReconstructionFile.write(volume, file);
			case ".npy" -> NpyFile.write(NdArray.of(volume), file);
			case ".cfl", ".hdr" -> CflFile.write(asComplex(volume), file);
			case ".tif", ".tiff" -> TiffFile.write(volume, file);
			default -> throw unknown(file);
		}
	}

	/** @throws AccelMRException naming the file for an unknown extension or a layout that is not an image */
	public static FloatVolume read(final Path file) {
		return switch (Extensions.of(file)) {
			case ".h5", ".hdf5" -> ReconstructionFile.read(file);
			case ".npy" -> NpyFile.read(file).toFloatVolume(file);
			case ".cfl", ".hdr" -> CflFile.read(file).toFloatVolume(file);
			case ".tif", ".tiff" -> TiffFile.read(file);
			case ".nii", ".nii.gz" -> NiftiReader.read(file).slices(NiftiImage.SliceAxis.Z);
			default -> throw unknown(file);
		};
	}

	/**
	 * An image volume from any file AccelMR can make one of, k-space included: what {@code train} reads as data,
	 * {@code simulate} as its input image and {@code evaluate} as its reference.
	 * <ul>
	 * <li>NIfTI ({@code .nii}, {@code .nii.gz}): its axial planes (z, y, x);</li>
	 * <li>fastMRI {@code .h5} k-space: its stored {@code reconstruction_rss}/{@code _esc}, else, when fully
	 * sampled, the root-sum-of-squares of its orthonormal inverse FFT (the zero-filled image of full data);
	 * other {@code .h5} files as the reconstruction layout;</li>
	 * <li>{@code .npy}/{@code .cfl} holding complex values with any non-zero imaginary part: k-space, likewise
	 * (AccelMR writes images real, and as {@code .cfl} with imaginary part zero);</li>
	 * <li>everything else as {@link #read}.</li>
	 * </ul>
	 *
	 * @param threads for the inverse FFT of k-space
	 * @throws AccelMRException naming the file, also for undersampled k-space without a stored reference
	 */
	public static FloatVolume readImage(final Path file, final int threads) {
		switch (Extensions.of(file)) {
			case ".nii", ".nii.gz" -> {
				return NiftiReader.read(file).slices(NiftiImage.SliceAxis.Z);
			}
			case ".h5", ".hdf5" -> {
				final FastMriFile raw;
				try {
					raw = FastMriFile.open(file);
				}
				catch (final AccelMRException notKSpace) {
					return ReconstructionFile.read(file); // whose error names what the file lacks
				}
				try (raw) {
					final Optional<FloatVolume> stored = raw.readReference();
					return stored.isPresent() ? stored.get() : fullySampledImage(file, raw.readAll(), threads);
				}
			}
			case ".npy", ".cfl", ".hdr" -> {
				final NdArray a = Extensions.of(file).equals(".npy") ? NpyFile.read(file) : CflFile.read(file);
				return a.complex() && a.hasImaginaryPart() ? fullySampledImage(file, KSpaceFiles.checked(file, a
					.toComplexStack(file)), threads) : a.toFloatVolume(file);
			}
			default -> {
				return read(file);
			}
		}
	}

	private static FloatVolume fullySampledImage(final Path file, final KSpace k, final int threads) {
		if (k.isUndersampled()) throw new AccelMRException(file + ": undersampled k-space (it carries a mask) " +
			"without a stored reconstruction_rss; an image needs fully sampled k-space");
		return CoilCombination.rssOfKSpace(k.data(), threads);
	}

	/**
	 * The voxel size of reconstructions of k-space with this info, for {@link #write(FloatVolume, Path,
	 * NiftiImage.VoxelSize)}: pixel width (columns) and height (rows) and the slice thickness; 0 where unknown.
	 */
	public static NiftiImage.VoxelSize voxelSize(final AcquisitionInfo info) {
		return new NiftiImage.VoxelSize(info.pixelWidth(), info.pixelHeight(), info.number(SLICE_THICKNESS, 0));
	}

	private static ComplexStack asComplex(final FloatVolume v) {
		final ComplexStack k = new ComplexStack(v.width(), v.height(), 1, v.depth());
		for (int s = 0; s < v.depth(); s++) {
			final float[] src = v.slice(s), dst = k.plane(s, 0);
			for (int i = 0; i < src.length; i++)
				dst[2 * i] = src[i];
		}
		return k;
	}

	private static AccelMRException unknown(final Path file) {
		return new AccelMRException(file + ": unknown image file type '" + Extensions.of(file) + "', expected " +
			KNOWN);
	}
}
