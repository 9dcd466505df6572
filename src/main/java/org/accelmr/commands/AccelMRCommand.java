package org.accelmr.commands;

import org.accelmr.AccelMRException;
import org.accelmr.progress.CancelledException;
import org.accelmr.progress.Progress;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * What every AccelMR menu command shares: user errors ({@link AccelMRException}) cancel the command with their
 * one-line message (logged, shown by Fiji, read by the macro bridge and tests) instead of a stack trace, and
 * progress goes to the status bar. Subclasses implement {@link #execute()}: validate, build a config, make one
 * core call, publish the outputs.
 */
public abstract class AccelMRCommand extends ContextCommand {

	@Parameter(required = false)
	private StatusService status;

	@Parameter(required = false)
	private LogService log;

	@Override
	public final void run() {
		try {
			execute();
			if (status != null) status.clearStatus();
		}
		catch (final CancelledException e) {
			cancel(e.getMessage());
		}
		catch (final AccelMRException e) {
			if (log != null) log.error(e.getMessage());
			cancel(e.getMessage());
		}
		catch (final RuntimeException e) {
			// a defect, not bad input: the trace goes to the log, the user gets one line
			if (log != null) log.error(e);
			cancel("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage() + " (the log has the details)");
		}
	}

	/** The command's work; throw {@link AccelMRException} for a problem with the user's input. */
	protected abstract void execute();

	/** A line for the log that outlives the status bar (what a method chose, for the user's records). */
	protected void logInfo(final String line) {
		if (log != null) log.info(line);
	}

	/** Progress through the status bar, cancelled with this command. */
	protected Progress progress() {
		return new StatusProgress(status, this);
	}
}
