package org.accelmr.train;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Training batches that are expensive to simulate (a compressed-sensing solve per sample for a VarNet that starts
 * from one), each used for about {@code reuse} steps: batch {@code i} is made from the seed and {@code i} alone,
 * step {@code t} (from 1) draws one of the {@code window} batches {@code [h - window, h)} with
 * {@code h = window + (t - 1) / reuse}, so a new batch enters the window every {@code reuse} steps. Which batch a
 * step gets depends only on the seed and the step, never on thread timing, so runs repeat and resume exactly.
 * Batches are made in order on {@code producer}, a couple ahead of need.
 *
 * @param <B> the batch type
 */
final class BatchPool<B> {

	private static final int AHEAD = 2;

	private final ExecutorService producer;
	private final LongFunction<Callable<B>> maker;
	private final int window;
	private final int reuse;
	private final long seed;
	private final Map<Long, Future<B>> made = new HashMap<>();
	private long nextToMake;

	BatchPool(final ExecutorService producer, final LongFunction<Callable<B>> maker, final int window,
		final int reuse, final long seed)
	{
		if (window < 1 || reuse < 1) throw new IllegalArgumentException("window and reuse must be >= 1");
		this.producer = producer;
		this.maker = maker;
		this.window = window;
		this.reuse = reuse;
		this.seed = seed;
	}

	/** Index of the batch step {@code step} (from 1) trains on. */
	long indexFor(final long step) {
		final long high = window + (step - 1) / reuse;
		return high - window + new SplittableRandom(seed * 0x2545F4914F6CDD1DL + step).nextInt(window);
	}

	/** The batch of step {@code step}, waiting for it if it is still being made. */
	B forStep(final long step) {
		final long high = window + (step - 1) / reuse;
		made.keySet().removeIf(i -> {
			if (i >= high - window) return false;
			made.get(i).cancel(true);
			return true;
		});
		nextToMake = Math.max(nextToMake, high - window);
		for (; nextToMake < high + AHEAD; nextToMake++)
			made.put(nextToMake, producer.submit(maker.apply(nextToMake)));
		return UNetTrainer.await(made.get(indexFor(step)));
	}
}
