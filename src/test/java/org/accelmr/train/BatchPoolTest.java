package org.accelmr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BatchPoolTest {

	/**
	 * Step t trains on a batch of the window [h - window, h), h = window + (t - 1) / reuse; each batch is made once
	 * and used about reuse times; the sequence depends only on the seed (a second pool and a pool resumed at step
	 * 40 agree with the first).
	 */
	@Test
	void stepsDrawFromASlidingWindowAndRepeatExactly() throws Exception {
		final int window = 5, reuse = 3, steps = 90;
		final ExecutorService producer = Executors.newSingleThreadExecutor();
		try {
			final AtomicInteger made = new AtomicInteger();
			final BatchPool<Long> pool = new BatchPool<>(producer, i -> () -> {
				made.incrementAndGet();
				return i;
			}, window, reuse, 11);
			final List<Long> first = new ArrayList<>();
			for (long t = 1; t <= steps; t++) {
				final long batch = pool.forStep(t);
				final long high = window + (t - 1) / reuse;
				assertTrue(batch >= high - window && batch < high, "step " + t + " got batch " + batch);
				first.add(batch);
			}
			final long windows = window + (steps - 1) / reuse;
			assertTrue(made.get() <= windows + 2, "each batch made once: " + made.get());
			final TreeSet<Long> used = new TreeSet<>(first);
			assertTrue(used.size() > 0.7 * windows, "most batches are used: " + used.size() + " of " + windows);
			final BatchPool<Long> again = new BatchPool<>(producer, i -> () -> i, window, reuse, 11);
			final BatchPool<Long> resumed = new BatchPool<>(producer, i -> () -> i, window, reuse, 11);
			for (long t = 1; t <= steps; t++) {
				assertEquals(first.get((int) t - 1), again.forStep(t));
				if (t >= 40) assertEquals(first.get((int) t - 1), resumed.forStep(t));
			}
			final BatchPool<Long> otherSeed = new BatchPool<>(producer, i -> () -> i, window, reuse, 12);
			int differ = 0;
			for (long t = 1; t <= steps; t++)
				if (!first.get((int) t - 1).equals(otherSeed.forStep(t))) differ++;
			assertTrue(differ > steps / 3, "another seed draws other batches: " + differ);
		}
		finally {
			producer.shutdownNow();
		}
	}
}
