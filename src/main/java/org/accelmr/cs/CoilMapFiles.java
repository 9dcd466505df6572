package org.accelmr.cs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.accelmr.AccelMRException;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.KSpace;

/**
 * Coil maps read from a .cfl/.hdr or .npy file, laid out as k-space is ({@link KSpaceFiles}): numpy
 * {@code (coils, rows, columns)} or {@code (slices, coils, rows, columns)}; BART {@code (rows, columns, 1, coils)}
 * as {@code ecalib -m1} writes them, slices on axis 13. A single-slice file serves every slice. The maps are used
 * as they are (not renormalised), as BART's {@code pics} does. Single-coil data ignores the file and uses a map of ones,
 * as every {@link CoilMapSource} does.
 */
final class CoilMapFiles extends CoilMapSource {

	private final Path file;
	private volatile ComplexStack maps; // read once, shared by the slice threads

	private CoilMapFiles(final Path file) {
		this.file = file;
	}

	/** @throws AccelMRException when the path does not name an existing .cfl/.hdr/.npy file */
	static CoilMapSource source(final String path) {
		final Path file = Path.of(path);
		final String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (!(name.endsWith(".cfl") || name.endsWith(".hdr") || name.endsWith(".npy"))) throw new AccelMRException(
			"coil_maps must be espirit, rss or a .cfl/.npy file; got '" + path + "'");
		if (!Files.isRegularFile(file)) throw new AccelMRException("coil_maps file " + path + " does not exist");
		return new CoilMapFiles(file);
	}

	@Override
	public void check(final int slices, final int coils, final int height, final int width) {
		if (coils == 1) return;
		final ComplexStack m = maps();
		if (m.coils() == coils && m.height() == height && m.width() == width && (m.slices() == 1 || m
			.slices() == slices)) return;
		final String perSlice = slices + "x" + coils + "x" + height + "x" + width;
		final String expected = slices == 1 ? perSlice : perSlice + " (one map set per slice) or 1x" + coils + "x" +
			height + "x" + width + " (one for every slice)";
		throw new AccelMRException("coil maps " + file + " have shape " + shape(m) +
			" (slices x coils x rows x columns); the k-space needs " + expected);
	}

	@Override
	public CoilMaps mapsFor(final KSpace kspace, final int slice) {
		final ComplexStack k = kspace.data();
		if (k.coils() == 1) return CoilMaps.ones(k.width(), k.height());
		final ComplexStack m = maps();
		final int fileSlice = m.slices() == 1 ? 0 : slice;
		return CoilMaps.of(m, fileSlice, k.width(), k.height(), k.coils(), file.toString());
	}

	private ComplexStack maps() {
		ComplexStack m = maps;
		if (m == null) synchronized (this) {
			if (maps == null) maps = readMaps();
			m = maps;
		}
		return m;
	}

	private ComplexStack readMaps() {
		try {
			return KSpaceFiles.read(file).data();
		}
		catch (final AccelMRException e) {
			throw new AccelMRException("coil_maps: " + e.getMessage(), e);
		}
	}

	private static String shape(final ComplexStack s) {
		return s.slices() + "x" + s.coils() + "x" + s.height() + "x" + s.width();
	}
}
