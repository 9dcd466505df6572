package org.accelmr.io;

import java.util.Optional;

import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;
import org.accelmr.progress.Progress;

/**
 * A volume of k-space that can be read in chunks of consecutive slices, so a reconstruction never needs more
 * than a chunk in memory: a fastMRI file ({@link FastMriFile}, read by hyperslab), or k-space already in memory
 * ({@link #of(KSpace)}: .npy, .cfl, a Fiji image). Shape and metadata are known before any sample is read.
 */
public interface KSpaceSource extends AutoCloseable {

	int slices();

	int coils();

	/** Columns (kx, numpy's last axis). */
	int width();

	/** Rows (ky). */
	int height();

	/** The volume's own sampling mask (an undersampled acquisition), or null when fully sampled. */
	SamplingMask mask();

	AcquisitionInfo info();

	/**
	 * Slices {@code first .. first + count - 1}; polls {@code progress} for cancellation.
	 *
	 * @throws org.accelmr.AccelMRException naming the source for unreadable or non-finite data
	 */
	KSpace read(int first, int count, Progress progress);

	/** Slices {@code first .. first + count - 1} of a reference reconstruction the source carries, if any. */
	default Optional<FloatVolume> reference(final int first, final int count) {
		return Optional.empty();
	}

	/** Bytes of one slice of k-space in memory (complex64 samples of every coil). */
	default long sliceBytes() {
		return 8L * coils() * width() * height();
	}

	@Override
	default void close() {}

	/** K-space already in memory, shared, not copied. */
	static KSpaceSource of(final KSpace kspace) {
		return new KSpaceSource() {

			@Override
			public int slices() {
				return kspace.data().slices();
			}

			@Override
			public int coils() {
				return kspace.data().coils();
			}

			@Override
			public int width() {
				return kspace.data().width();
			}

			@Override
			public int height() {
				return kspace.data().height();
			}

			@Override
			public SamplingMask mask() {
				return kspace.mask();
			}

			@Override
			public AcquisitionInfo info() {
				return kspace.info();
			}

			@Override
			public KSpace read(final int first, final int count, final Progress progress) {
				progress.checkCancelled();
				if (first == 0 && count == slices()) return kspace;
				return kspace.slices(first, count);
			}
		};
	}
}
