package org.accelmr.recon;

import java.util.ArrayList;
import java.util.List;

import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.progress.Progress;

/**
 * A method made ready for one volume ({@link Reconstructor#prepare}): it holds what is expensive to make (a
 * loaded network, coil maps read from a file, thread pools) and reconstructs the volume chunk by chunk, slices
 * of a chunk in parallel. Chunking never changes the result: a slice is reconstructed the same way whichever
 * chunk it arrives in. A method that decides something for the whole volume from a few of its slices (one λ)
 * names them in {@link #calibrationSlices()} and is given them by {@link #calibrate} before the first chunk. Not
 * for concurrent use by several threads; close it once when the volume is done.
 */
public interface PreparedReconstruction extends AutoCloseable {

	/** The method's name as users type it. */
	String name();

	/**
	 * Reconstructs consecutive slices of the volume.
	 *
	 * @param chunk slices {@code firstSlice .. firstSlice + chunk.slices - 1} of the prepared volume, with the
	 *          mask the volume was described with
	 * @param firstSlice index in the volume of the chunk's first slice (coil maps per slice, seeds)
	 * @return one image per slice, on the scale of the fully sampled RSS and centre-cropped like it
	 */
	FloatVolume reconstruct(KSpace chunk, int firstSlice, Progress progress);

	/**
	 * The slices of the volume (indices, ascending) this method wants to see before the first chunk; none by
	 * default. They depend on the volume's shape only, so the result does not depend on chunking.
	 */
	default int[] calibrationSlices() {
		return new int[0];
	}

	/**
	 * Called once, before the first {@link #reconstruct}, when {@link #calibrationSlices()} is not empty.
	 *
	 * @param slices those slices, in that order, one slice each, undersampled and scaled as chunks will be
	 */
	default void calibrate(final List<KSpace> slices, final Progress progress) {}

	/**
	 * {@link #calibrate} with the calibration slices of {@code volume} (all slices of the prepared volume) and
	 * then {@link #reconstruct} of all of it: for callers that hold the whole volume in memory.
	 */
	default FloatVolume reconstructWhole(final KSpace volume, final Progress progress) {
		final int[] wanted = calibrationSlices();
		if (wanted.length > 0) {
			final List<KSpace> slices = new ArrayList<>();
			for (final int z : wanted)
				slices.add(volume.slice(z));
			calibrate(slices, progress);
		}
		return reconstruct(volume, 0, progress);
	}

	/**
	 * What the solver chose per slice reconstructed so far (λ, iterations), in slice order; empty for methods
	 * that choose nothing per slice.
	 */
	default List<SliceSolve> solves() {
		return List.of();
	}

	/** Frees what {@link Reconstructor#prepare} made (thread pools, native memory). */
	@Override
	void close();
}
