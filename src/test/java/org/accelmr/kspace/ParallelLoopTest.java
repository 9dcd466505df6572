package org.accelmr.kspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.accelmr.AccelMRException;
import org.junit.jupiter.api.Test;

class ParallelLoopTest {

	@Test
	void everyStepRunsOnceAndOneThreadMeansTheCallersThread() {
		for (final int threads : new int[] { 1, 2, 3 }) {
			final AtomicIntegerArray runs = new AtomicIntegerArray(37);
			final Set<Thread> used = ConcurrentHashMap.newKeySet();
			ParallelLoop.forEach(runs.length(), threads, i -> {
				runs.incrementAndGet(i);
				used.add(Thread.currentThread());
			});
			for (int i = 0; i < runs.length(); i++)
				assertEquals(1, runs.get(i), "step " + i + " at threads=" + threads);
			assertTrue(used.size() <= threads, used.size() + " threads for threads=" + threads);
			if (threads == 1) assertEquals(Set.of(Thread.currentThread()), used);
		}
	}

	@Test
	void aStepsFailureIsRethrownAsItWasThrown() {
		final AccelMRException refused = new AccelMRException("slice 3 refused");
		final AccelMRException thrown = assertThrows(AccelMRException.class, () -> ParallelLoop.forEach(8, 2, i -> {
			if (i == 3) throw refused;
		}));
		assertSame(refused, thrown);
	}
}
