package org.accelmr.io;

import java.nio.file.Files;
import java.nio.file.Path;

import org.accelmr.AccelMRException;

import io.jhdf.HdfFile;

/** Opens a k-space file as a {@link KSpaceSource}: the one place that decides how each format is read. */
public final class KSpaceSources {

	private KSpaceSources() {}

	/**
	 * A fastMRI {@code .h5} is read slice by slice as the pipeline asks for chunks; every other format (and any
	 * other HDF5 layout {@link KSpaceFiles} knows) is read whole.
	 *
	 * @throws AccelMRException naming the file when it is missing, a folder, or unreadable
	 */
	public static KSpaceSource open(final Path file) {
		if (Files.isDirectory(file)) throw new AccelMRException(file + " is a folder, expected a k-space file");
		if (!Files.isRegularFile(file)) throw new AccelMRException(file + ": no such file");
		final String ext = Extensions.of(file);
		if ((ext.equals(".h5") || ext.equals(".hdf5")) && isFastMri(file)) return FastMriFile.open(file);
		return KSpaceSource.of(KSpaceFiles.read(file));
	}

	/**
	 * True unless the file is readable HDF5 without a root {@code kspace} but with something else at the root:
	 * files that are not HDF5 at all go to {@link FastMriFile}, whose messages say what is wrong with them.
	 */
	private static boolean isFastMri(final Path file) {
		try (HdfFile hdf = new HdfFile(file)) {
			return hdf.getChildren().containsKey("kspace") || hdf.getChildren().isEmpty();
		}
		catch (final RuntimeException e) {
			return true;
		}
	}
}
