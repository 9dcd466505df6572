package org.accelmr.recon;

import java.util.concurrent.atomic.AtomicLong;

import org.accelmr.progress.Progress;

/** Counts its progress calls (from any thread) and reports a cancel once they reach {@code cancelAt}. */
final class CountingProgress implements Progress {

	final AtomicLong calls = new AtomicLong();
	private final long cancelAt;

	/** @param cancelAt 0 to be cancelled from the start */
	CountingProgress(final long cancelAt) {
		this.cancelAt = cancelAt;
	}

	static CountingProgress neverCancelled() {
		return new CountingProgress(Long.MAX_VALUE);
	}

	@Override
	public void status(final String message) {}

	@Override
	public void progress(final long done, final long total) {
		calls.incrementAndGet();
	}

	@Override
	public boolean isCancelled() {
		return calls.get() >= cancelAt;
	}
}
