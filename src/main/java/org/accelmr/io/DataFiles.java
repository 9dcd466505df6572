package org.accelmr.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;

/**
 * Which files on disk a path given by the user stands for. Most formats are one file, but a BART array is the
 * {@code .cfl}/{@code .hdr} pair whichever of the two is named, so writing {@code x.hdr} replaces the data of an
 * input given as {@code x.cfl}. What "inputs are never overwritten" compares.
 */
public final class DataFiles {

	private DataFiles() {}

	/** The absolute, normalised files that reading or writing {@code path} touches. */
	public static Set<Path> of(final Path path) {
		final Path absolute = path.toAbsolutePath().normalize();
		final Path base = CflFile.base(absolute);
		if (base.equals(absolute)) return Set.of(absolute);
		return Set.of(base.resolveSibling(base.getFileName() + ".cfl"), base.resolveSibling(base.getFileName() +
			".hdr"));
	}

	/** Whether the two paths share a file on disk (by name: the same file, or the two halves of one pair). */
	public static boolean overlap(final Path a, final Path b) {
		return !Collections.disjoint(of(a), of(b));
	}
}
