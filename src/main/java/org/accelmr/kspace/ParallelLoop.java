package org.accelmr.kspace;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs the independent steps {@code 0 .. count - 1} of a loop (the planes or slices of a volume) on at most
 * {@code threads} threads, the calling thread being one of them, so {@code threads=1} means one core. Each step
 * writes only its own outputs, so the result never depends on which thread ran which step.
 */
public final class ParallelLoop {

	private static final AtomicInteger HELPERS = new AtomicInteger();

	private ParallelLoop() {}

	/**
	 * Calls {@code step} once for every index in {@code 0 .. count - 1} and returns when all are done. The first
	 * failure of a step (a cancel, a refused input) is rethrown as it was thrown, and no further step starts.
	 */
	public static void forEach(final int count, final int threads, final IntConsumer step) {
		if (threads <= 1 || count <= 1) {
			for (int i = 0; i < count; i++)
				step.accept(i);
			return;
		}
		final AtomicInteger next = new AtomicInteger();
		final AtomicReference<Throwable> failure = new AtomicReference<>();
		final Runnable worker = () -> {
			try {
				for (int i; failure.get() == null && (i = next.getAndIncrement()) < count;)
					step.accept(i);
			}
			catch (final Throwable t) {
				failure.compareAndSet(null, t);
			}
		};
		// plain threads, not a ForkJoinPool: its tasks rethrow a copy of a step's exception, whose message differs
		final Thread[] helpers = new Thread[Math.min(threads, count) - 1];
		for (int h = 0; h < helpers.length; h++) {
			helpers[h] = new Thread(worker, "accelmr-loop-" + HELPERS.incrementAndGet());
			helpers[h].setDaemon(true);
			helpers[h].start();
		}
		worker.run();
		boolean interrupted = false;
		for (final Thread helper : helpers)
			while (helper.isAlive())
				try {
					helper.join();
				}
				catch (final InterruptedException e) {
					interrupted = true;
					failure.compareAndSet(null, new IllegalStateException("interrupted", e));
				}
		if (interrupted) Thread.currentThread().interrupt();
		final Throwable t = failure.get();
		if (t instanceof RuntimeException r) throw r;
		if (t instanceof Error e) throw e;
		if (t != null) throw new IllegalStateException(t);
	}
}
