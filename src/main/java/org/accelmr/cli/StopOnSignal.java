package org.accelmr.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during training: the first asks the run to stop at its next step, so it ends as a
 * cancel does (the last finished epoch's files remain, the same line resumes); a second ends the process at once.
 * Why: a signal's default ends the JVM while libtorch is inside a backward pass, and the JVM's teardown under that
 * native code crashed it (a fatal-error report and an {@code hs_err_pid*.log} file in the working folder).
 */
final class StopOnSignal implements AutoCloseable {

	/** Exit code of a run stopped by a signal (128 + SIGINT's number, as shells report it). */
	static final int STOPPED = 130;

	private final List<Signal> signals = new ArrayList<>();
	private final List<SignalHandler> previous = new ArrayList<>();

	private StopOnSignal() {}

	/** Installs the handlers until {@link #close()}; where a signal cannot be handled, its default stays. */
	static StopOnSignal install(final ConsoleProgress progress, final PrintStream out) {
		final StopOnSignal s = new StopOnSignal();
		final SignalHandler handler = signal -> {
			if (progress.isCancelled()) Runtime.getRuntime().halt(STOPPED);
			progress.cancel();
			out.println("  stopping after the current step (" + signal.getName() + " again to quit at once)");
		};
		for (final String name : List.of("INT", "TERM"))
			try {
				final Signal signal = new Signal(name);
				s.previous.add(Signal.handle(signal, handler));
				s.signals.add(signal);
			}
			catch (final IllegalArgumentException unavailable) {
				// not on this platform, or the JVM reserves it (-Xrs): the default stays
			}
		return s;
	}

	@Override
	public void close() {
		for (int i = 0; i < signals.size(); i++)
			Signal.handle(signals.get(i), previous.get(i));
	}
}
