package org.accelmr.commands;

import org.accelmr.progress.Progress;
import org.scijava.Cancelable;
import org.scijava.app.StatusService;

/**
 * The core's {@link Progress} shown through SciJava's status bar; cancelled when the command is (Fiji's
 * cancel, or a macro abort), so core loops stop at their next poll.
 */
final class StatusProgress implements Progress {

	private final StatusService status;
	private final Cancelable command;

	StatusProgress(final StatusService status, final Cancelable command) {
		this.status = status;
		this.command = command;
	}

	@Override
	public void status(final String message) {
		if (status != null) status.showStatus("AccelMR: " + message);
	}

	@Override
	public void progress(final long done, final long total) {
		if (status != null) status.showProgress((int) Math.min(done, Integer.MAX_VALUE), (int) Math.min(total,
			Integer.MAX_VALUE));
	}

	@Override
	public boolean isCancelled() {
		return command.isCanceled();
	}
}
