package org.accelmr.io;

import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.mask.MaskSampler;
import org.accelmr.mask.SamplingMask;

/**
 * Sampling masks as {@code .npy} (bool, uint8 or float 0/1; {@code (W)} for a column mask, {@code (H, W)} for a
 * 2-D mask, fastMRI's layouts) or BART {@code .cfl} (0/1 complex; {@code (1, W)} broadcasts over rows as BART
 * does, or {@code (H, W)}).
 */
public final class MaskFiles {

	private MaskFiles() {}

	/** Writes float32 0/1 .npy ({@code (W)} or {@code (H, W)}) or a .cfl, atomically. */
	public static void write(final SamplingMask mask, final Path file) {
		final NdArray a = NdArray.of(mask);
		switch (Extensions.of(file)) {
			case ".npy" -> NpyFile.write(a, file);
			case ".cfl", ".hdr" -> {
				final int rows = mask.isColumnMask() ? 1 : mask.height();
				final float[] plane = new float[2 * rows * mask.width()];
				for (int i = 0; i < a.data().length; i++)
					plane[2 * i] = a.data()[i];
				CflFile.write(ComplexStack.wrap(new float[][] { plane }, mask.width(), rows, 1, 1), file);
			}
			default -> throw new AccelMRException(file + ": unknown mask file type '" + Extensions.of(file) +
				"', expected .npy or .cfl");
		}
	}

	/**
	 * A sampler that reads the mask from {@code file} for whatever k-space asks, ignoring the seed: a mask file
	 * where a mask name could stand. Its requested acceleration is unknown (NaN) until a mask is read.
	 */
	public static MaskSampler sampler(final Path file) {
		return new MaskSampler() {

			@Override
			public SamplingMask sample(final int width, final int height, final long seed) {
				return read(file, width, height);
			}

			@Override
			public double acceleration() {
				return Double.NaN;
			}
		};
	}

	/**
	 * Reads a mask for k-space of {@code width x height}.
	 *
	 * @throws AccelMRException naming the file when its shape does not fit or a value is not 0 or 1
	 */
	public static SamplingMask read(final Path file, final int width, final int height) {
		return switch (Extensions.of(file)) {
			case ".npy" -> NpyFile.read(file).toMask(file, width, height);
			case ".cfl", ".hdr" -> CflFile.read(file).toMask(file, width, height);
			default -> throw new AccelMRException(file + ": unknown mask file type '" + Extensions.of(file) +
				"', expected .npy or .cfl");
		};
	}
}
