package org.accelmr.progress;

import org.accelmr.AccelMRException;

/** Thrown out of long work when the user cancelled it; nothing half-done is kept. */
public class CancelledException extends AccelMRException {

	private static final long serialVersionUID = 1L;

	public CancelledException() {
		super("cancelled by the user");
	}
}
