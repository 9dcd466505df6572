package org.accelmr.batch;

import java.util.Locale;

import org.accelmr.progress.Progress;

/**
 * The one status line of a running batch, shared by its worker threads: files finished out of all, and an
 * estimated time left from the slices reconstructed so far,
 * <pre>
 * ETA = elapsed * (slices left / slices done)
 * </pre>
 * over the slices of the files this run reconstructs (skipped files cost nothing; a failed file's unread slices
 * leave the total). Shown as "3/10 files, ETA 1m20s"; the progress bar counts slices.
 */
final class BatchProgress {

	private final Progress progress;
	private final int files;
	private final long start = System.nanoTime();
	private int filesDone;
	private long slicesDone, slicesTotal;

	/**
	 * @param files number of input files, including those already settled (skipped, unreadable)
	 * @param settled how many of them are settled before any work starts
	 * @param slices slices of the files left to reconstruct
	 */
	BatchProgress(final Progress progress, final int files, final int settled, final long slices) {
		this.progress = progress;
		this.files = files;
		this.filesDone = settled;
		this.slicesTotal = slices;
		report();
	}

	/** A view that shares only the cancel flag: readers and reconstructors of parallel files stay silent. */
	Progress cancelOnly() {
		return new Progress() {

			@Override
			public void status(final String message) {}

			@Override
			public void progress(final long done, final long total) {}

			@Override
			public boolean isCancelled() {
				return progress.isCancelled();
			}
		};
	}

	synchronized void slicesFinished(final int count) {
		slicesDone += count;
		report();
	}

	/** One more file settled; {@code slicesNotDone} of its slices were never reconstructed (it failed). */
	synchronized void fileFinished(final long slicesNotDone) {
		filesDone++;
		slicesTotal -= slicesNotDone;
		report();
	}

	private void report() {
		progress.status(statusLine());
		progress.progress(slicesDone, Math.max(slicesTotal, 1));
	}

	synchronized String statusLine() {
		final String head = filesDone + "/" + files + " files";
		if (slicesDone == 0 || slicesDone >= slicesTotal) return head;
		final double elapsed = (System.nanoTime() - start) / 1e9;
		return head + ", ETA " + duration(elapsed * (slicesTotal - slicesDone) / slicesDone);
	}

	/** "45s", "1m20s", "2h03m". */
	static String duration(final double seconds) {
		final long s = Math.round(seconds);
		if (s < 60) return s + "s";
		if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
		return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
	}
}
