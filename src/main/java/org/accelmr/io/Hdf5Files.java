package org.accelmr.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

import org.accelmr.AccelMRException;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * Opening HDF5 files (fastMRI, ISMRMRD) with one-line failures: a missing file, a file that is not HDF5, one cut
 * off, or one jhdf cannot read all name the file; jhdf's exceptions and stack traces never reach the user.
 */
final class Hdf5Files {

	private static final byte[] SIGNATURE = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };

	/** The kinds of k-space HDF5 files, told apart by content. */
	enum Kind {
		/** a {@code kspace} dataset at the root */
		FASTMRI,
		/** a group holding {@code data} and {@code xml} ({@code /dataset} by default) */
		ISMRMRD,
		UNKNOWN
	}

	private Hdf5Files() {}

	/** Opens and checks the file is complete; the caller closes it. */
	static HdfFile open(final Path file) {
		if (!Files.isRegularFile(file)) throw new AccelMRException(file + ": file not found");
		final HdfFile hdf;
		try {
			hdf = new HdfFile(file);
		}
		catch (final RuntimeException e) {
			throw failure(file, e);
		}
		try {
			checkComplete(file, hdf);
			return hdf;
		}
		catch (final RuntimeException e) {
			hdf.close();
			throw failure(file, e);
		}
	}

	static Kind kind(final HdfFile hdf) {
		if (hdf.getChild("kspace") instanceof Dataset) return Kind.FASTMRI;
		return ismrmrdGroup(hdf) != null ? Kind.ISMRMRD : Kind.UNKNOWN;
	}

	/** The kind of an HDF5 file on disk, or UNKNOWN when it is not HDF5. */
	static Kind kind(final Path file) {
		if (!isHdf5(file)) return Kind.UNKNOWN;
		try (HdfFile hdf = open(file)) {
			return kind(hdf);
		}
	}

	/** {@code /dataset} when it holds {@code data}, else the first root group that holds {@code data} and {@code xml}. */
	static Group ismrmrdGroup(final HdfFile hdf) {
		if (hdf.getChild("dataset") instanceof Group g && g.getChild("data") instanceof Dataset) return g;
		for (final Node n : hdf.getChildren().values())
			if (n instanceof Group g && g.getChild("data") instanceof Dataset && g.getChild("xml") instanceof Dataset)
				return g;
		return null;
	}

	/** Runs a jhdf access, turning its failures into one line naming the file. */
	static Object read(final Path file, final Supplier<Object> access) {
		try {
			return access.get();
		}
		catch (final RuntimeException e) {
			throw failure(file, e);
		}
	}

	/**
	 * The superblock records where the file ends; a shorter file was cut off (an interrupted download or copy),
	 * as the HDF5 library itself reports. Checked up front because the cut may hit data read only later.
	 */
	private static void checkComplete(final Path file, final HdfFile hdf) {
		final long expected = hdf.getUserBlockSize() + hdf.getHdfBackingStorage().getSuperblock()
			.getEndOfFileAddress();
		final long actual;
		try {
			actual = Files.size(file);
		}
		catch (final IOException e) {
			throw new AccelMRException(file + ": cannot read (" + e.getMessage() + ")", e);
		}
		if (actual < expected) throw new AccelMRException(file + ": truncated HDF5 file, " + actual + " of " +
			expected + " bytes");
	}

	static AccelMRException failure(final Path file, final RuntimeException e) {
		if (e instanceof AccelMRException a) return a;
		final String what = isHdf5(file) ? "damaged or truncated HDF5 file" : "not an HDF5 file";
		return new AccelMRException(file + ": " + what + " (" + e.getClass().getSimpleName() + (e.getMessage() ==
			null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")", e);
	}

	static boolean isHdf5(final Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return Arrays.equals(in.readNBytes(SIGNATURE.length), SIGNATURE);
		}
		catch (final IOException e) {
			return false;
		}
	}
}
