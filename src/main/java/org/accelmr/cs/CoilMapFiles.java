package org.accelmr.cs;

import org.accelmr.AccelMRException;

/** Coil maps read from a .cfl/.npy file ({@code coils x rows x columns}, or slices x coils x rows x columns). */
final class CoilMapFiles {

	private CoilMapFiles() {}

	static CoilMapSource source(final String path) {
		throw new AccelMRException("coil_maps file " + path + " cannot be read: the file readers are not " +
			"part of this build yet; use coil_maps=espirit or rss");
	}
}
