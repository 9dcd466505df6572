package org.accelmr;

/**
 * A problem with the user's input (a file, a key, a value) whose message is meant to be shown as it is: one
 * line naming the file or parameter and what was expected. Commands show it without a stack trace and the
 * launcher prints it and exits non-zero.
 */
public class AccelMRException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public AccelMRException(final String message) {
		super(message);
	}

	public AccelMRException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
