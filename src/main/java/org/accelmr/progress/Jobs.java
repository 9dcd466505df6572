package org.accelmr.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.accelmr.AccelMRException;

/** Running independent pieces of one job (slices of a volume) on a pool, for every package that needs it. */
public final class Jobs {

	private Jobs() {}

	/** Daemon threads named {@code accelmr-<what>-N}, so a pool left open never keeps the JVM alive. */
	public static ThreadFactory daemonThreads(final String what) {
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
	public static void runAll(final List<Runnable> jobs, final ExecutorService pool) {
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
