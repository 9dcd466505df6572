package org.accelmr.progress;

/**
 * Where long work (FFT over many planes, iterative solvers, training, batches) reports how far it is and learns
 * whether the user cancelled. The core sees only this; commands adapt SciJava's StatusService to it.
 * Cancelling only sets a flag: loops poll {@link #checkCancelled()} once per step.
 */
public interface Progress {

	/** A progress that shows nothing and is never cancelled. */
	Progress NONE = new Progress() {

		@Override
		public void status(final String message) {}

		@Override
		public void progress(final long done, final long total) {}

		@Override
		public boolean isCancelled() {
			return false;
		}
	};

	/** A one-line message about the current stage. */
	void status(String message);

	/** {@code done} of {@code total} units finished. */
	void progress(long done, long total);

	boolean isCancelled();

	/** @throws CancelledException when the user cancelled */
	default void checkCancelled() {
		if (isCancelled()) throw new CancelledException();
	}
}
