package org.accelmr.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.accelmr.AccelMRException;
import org.accelmr.imagej.CoilMapImage;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.KSpace;
import org.scijava.object.ObjectService;

/**
 * Reconstruct's {@code coil_maps} as Fiji users give it: {@code espirit}, {@code rss} and files pass through; the
 * title of an image made by Estimate coil sensitivities (ESPIRiT) becomes a temporary {@code .npy} of its complex
 * maps, because reconstructions take coil maps by name or file only. {@link #close()} deletes that file.
 */
final class CoilMapsSetting implements AutoCloseable {

	private final String value;
	private final Path temporary;

	private CoilMapsSetting(final String value, final Path temporary) {
		this.value = value;
		this.temporary = temporary;
	}

	/**
	 * @throws AccelMRException when the value is neither a method name, an existing file nor an open maps image
	 */
	static CoilMapsSetting of(final String coilMaps, final ObjectService objects) {
		final String v = coilMaps == null ? "" : coilMaps.trim();
		final String lower = v.toLowerCase(Locale.ROOT);
		if (lower.equals("espirit") || lower.equals("rss") || isFile(v)) return new CoilMapsSetting(v, null);
		final Optional<CoilMapImage> image = CoilMapImage.titled(v, objects);
		if (image.isEmpty()) {
			if (lower.endsWith(".npy") || lower.endsWith(".cfl") || lower.endsWith(".hdr")) return new CoilMapsSetting(v,
				null); // the reconstruction names the missing file
			throw new AccelMRException("coil_maps: '" + v + "' is not espirit, rss, a .cfl/.npy file or the title " +
				"of an open image made by Estimate coil sensitivities (ESPIRiT)");
		}
		try {
			final Path temp = Files.createTempFile("accelmr-coil-maps-", ".npy");
			try {
				KSpaceFiles.write(new KSpace(image.get().maps(), null, AcquisitionInfo.of(v)), temp);
			}
			catch (final RuntimeException e) {
				Files.deleteIfExists(temp);
				throw e;
			}
			return new CoilMapsSetting(temp.toString(), temp);
		}
		catch (final IOException e) {
			throw new AccelMRException("coil_maps: cannot hand over the maps of '" + v + "' (" + e.getMessage() + ")");
		}
	}

	private static boolean isFile(final String v) {
		try {
			return !v.isEmpty() && Files.isRegularFile(Path.of(v));
		}
		catch (final InvalidPathException e) {
			return false;
		}
	}

	/** What ReconstructionSettings.coilMaps gets. */
	String value() {
		return value;
	}

	@Override
	public void close() {
		if (temporary != null) try {
			Files.deleteIfExists(temporary);
		}
		catch (final IOException ignored) {
			// a leftover file in the temporary folder must not hide the reconstruction's result or error
		}
	}
}
