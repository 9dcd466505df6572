package org.accelmr.cli;

import java.io.PrintStream;

import org.accelmr.progress.Progress;

/**
 * Progress for the launcher: status lines on the console, a changed line at most every
 * {@value #INTERVAL_MS} ms so long runs show life without flooding a log. Cancelled only by {@link #cancel()}
 * (training's Ctrl-C, {@link StopOnSignal}); elsewhere Ctrl-C ends the JVM, and outputs are written atomically, so
 * nothing half-written remains.
 */
final class ConsoleProgress implements Progress {

	static final long INTERVAL_MS = 2000;

	private final PrintStream out;
	private final long intervalMs;
	private long lastPrinted;
	private String lastMessage = "";
	private volatile boolean cancelled;

	ConsoleProgress(final PrintStream out) {
		this(out, INTERVAL_MS);
	}

	/** @param intervalMs least time between two printed lines; 0 prints every new line */
	ConsoleProgress(final PrintStream out, final long intervalMs) {
		this.out = out;
		this.intervalMs = intervalMs;
	}

	@Override
	public synchronized void status(final String message) {
		final long now = System.currentTimeMillis();
		if (message.equals(lastMessage) || now - lastPrinted < intervalMs) return;
		out.println("  " + message);
		lastMessage = message;
		lastPrinted = now;
	}

	@Override
	public void progress(final long done, final long total) {}

	@Override
	public boolean isCancelled() {
		return cancelled;
	}

	/** The work polling this progress stops at its next check ({@link Progress#checkCancelled()}). */
	void cancel() {
		cancelled = true;
	}
}
