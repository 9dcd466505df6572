package org.accelmr.io;

import java.nio.file.Path;
import java.util.Locale;

/** File-name extensions, which choose the format for the {@code *Files} dispatchers. */
final class Extensions {

	private Extensions() {}

	/** The lower-case extension with its dot ({@code ".npy"}, {@code ".nii.gz"}), or "" when there is none. */
	static String of(final Path file) {
		final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".nii.gz")) return ".nii.gz";
		final int dot = name.lastIndexOf('.');
		return dot <= 0 ? "" : name.substring(dot);
	}
}
