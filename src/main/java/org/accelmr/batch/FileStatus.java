package org.accelmr.batch;

import java.util.Locale;

/** What became of one input file of a batch; {@link #label()} is the word in {@code metrics.csv}. */
public enum FileStatus {
	/** Reconstructed and written in this run. */
	OK,
	/** Its output already existed (a finished earlier run); left as it is. */
	SKIPPED,
	/** Unreadable or unusable input, or the reconstruction failed; no output was written. */
	FAILED;

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** @return the status with this label, or null when there is none */
	public static FileStatus ofLabel(final String label) {
		for (final FileStatus s : values())
			if (s.label().equals(label)) return s;
		return null;
	}
}
