package org.accelmr.recon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.FloatVolume;

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

	/** Daemon threads named {@code accelmr-<what>-N}, so a pool left open never keeps the JVM alive. */
	static ThreadFactory daemonThreads(final String what) {
		final AtomicInteger number = new AtomicInteger();
		return r -> {
			final Thread t = new Thread(r, "accelmr-" + what + "-" + number.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
	}

	/**
	 * Runs the jobs on {@code pool} (in the calling thread when it is null) and waits for all of them. The first
	 * failure is rethrown as it was thrown (a cancel stays a cancel); the other jobs are cancelled.
	 */
	static void runAll(final List<Runnable> jobs, final ExecutorService pool) {
		if (pool == null) {
			jobs.forEach(Runnable::run);
			return;
		}
		final List<Future<?>> futures = new ArrayList<>(jobs.size());
		for (final Runnable job : jobs)
			futures.add(pool.submit(job));
		try {
			for (final Future<?> f : futures)
				f.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AccelMRException("reconstruction interrupted", e);
		}
		catch (final ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) throw r;
			if (e.getCause() instanceof Error r) throw r;
			throw new IllegalStateException(e.getCause());
		}
		finally {
			for (final Future<?> f : futures)
				f.cancel(true);
		}
	}
}
