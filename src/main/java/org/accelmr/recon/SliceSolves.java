package org.accelmr.recon;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The {@link SliceSolve}s of a prepared volume, one per slice, added from any worker thread and read in slice
 * order ({@link PreparedReconstruction#solves()}).
 */
final class SliceSolves {

	private final ConcurrentSkipListMap<Integer, SliceSolve> bySlice = new ConcurrentSkipListMap<>();

	void add(final SliceSolve solve) {
		bySlice.put(solve.slice(), solve);
	}

	/** A copy, in slice order. */
	List<SliceSolve> list() {
		return List.copyOf(bySlice.values());
	}
}
