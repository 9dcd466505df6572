package org.accelmr.recon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

import org.accelmr.cs.IterationMonitor;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.progress.Jobs;
import org.accelmr.progress.Progress;

/** Steps shared by every reconstruction method. */
public final class Reconstructions {

	private Reconstructions() {}

	/**
	 * Centre-crops to the file's reference reconstruction size when that is known and smaller (fastMRI knee:
	 * 640x368 k-space, 320x320 targets); otherwise returns the volume as it is.
	 */
	public static FloatVolume cropToReference(final FloatVolume image, final AcquisitionInfo info) {
		final int w = info.reconstructionWidth(), h = info.reconstructionHeight();
		if (w <= 0 || h <= 0 || w > image.width() || h > image.height()) return image;
		return image.centerCrop(w, h);
	}

	/** See {@link Jobs#daemonThreads}. */
	static ThreadFactory daemonThreads(final String what) {
		return Jobs.daemonThreads(what);
	}

	/** See {@link Jobs#runAll}. */
	static void runAll(final List<Runnable> jobs, final ExecutorService pool) {
		Jobs.runAll(jobs, pool);
	}

	/**
	 * One monitor for each of {@code count} slices planning {@code planned} iterations each, all counting into one
	 * progress over the slices together.
	 */
	static List<IterationMonitor> countingMonitors(final Progress progress, final int count, final int planned) {
		final AtomicLong done = new AtomicLong();
		final List<IterationMonitor> monitors = new ArrayList<>(count);
		for (int s = 0; s < count; s++)
			monitors.add(new IterationMonitor(counting(progress, done, (long) count * planned), planned));
		return monitors;
	}

	/** A per-slice progress whose iterations add up into one count over all slices. */
	static Progress counting(final Progress parent, final AtomicLong done, final long total) {
		return new Progress() {

			@Override
			public void status(final String message) {
				parent.status(message);
			}

			@Override
			public void progress(final long iteration, final long planned) {
				parent.progress(Math.min(done.incrementAndGet(), total), total); // a choice of λ may take more
			}

			@Override
			public boolean isCancelled() {
				return parent.isCancelled();
			}
		};
	}
}
