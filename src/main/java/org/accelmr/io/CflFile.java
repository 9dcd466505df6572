package org.accelmr.io;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.ComplexStack;

/**
 * BART's array format: a text header {@code name.hdr} ({@code # Dimensions} then the sizes of up to 16 axes) and
 * the samples in {@code name.cfl} as little-endian complex64, column-major (first axis fastest).
 * <p>
 * Axis convention (BART's own and numpy's {@code readcfl}): cfl axis 0 is the row (H, readout, numpy axis -2),
 * axis 1 the column (W, phase encode, the mask's axis), axis 3 ({@code COIL_DIM}) the coil and axis 13
 * ({@code SLICE_DIM}) the slice. So numpy {@code (coil, H, W)} is cfl {@code (H, W, 1, coil)}. Other axes must
 * have size 1.
 */
final class CflFile {

	static final int ROW_DIM = 0, COLUMN_DIM = 1, COIL_DIM = 3, SLICE_DIM = 13;
	private static final int DIMS = 16;

	private CflFile() {}

	/** The .hdr/.cfl pair's common base: {@code a/b.cfl} and {@code a/b.hdr} both give {@code a/b}. */
	static Path base(final Path file) {
		final String name = file.getFileName().toString();
		final int dot = name.lastIndexOf('.');
		final String ext = dot < 0 ? "" : name.substring(dot).toLowerCase();
		return ext.equals(".cfl") || ext.equals(".hdr") ? file.resolveSibling(name.substring(0, dot)) : file;
	}

	/** Reads the pair as {@code (slices, coils, H, W)} complex, C order. */
	static NdArray read(final Path file) {
		final Path base = base(file);
		final Path hdr = sibling(base, ".hdr"), cfl = sibling(base, ".cfl");
		final int[] dims = readDims(hdr);
		for (int a = 0; a < dims.length; a++)
			if (dims[a] != 1 && a != ROW_DIM && a != COLUMN_DIM && a != COIL_DIM && a != SLICE_DIM)
				throw new AccelMRException(hdr + ": dimension " + a + " has size " + dims[a] +
					"; only 0 (rows), 1 (columns), 3 (coils) and 13 (slices) may exceed 1");
		final int h = dims[ROW_DIM], w = dims[COLUMN_DIM], coils = dims[COIL_DIM], slices = dims[SLICE_DIM];
		// two float arrays at once: the column-major samples and their row-major copy
		final int n = NdArray.checkedElements(hdr, new int[] { slices, coils, h, w }, true, 2);
		final int planeValues = 2 * w * h;
		try (FileChannel ch = FileChannel.open(cfl, StandardOpenOption.READ)) {
			// exactly: BART writes nothing else, so more data means the header describes another array
			if (ch.size() != 8L * n) throw new AccelMRException(cfl + ": holds " + ch.size() + " bytes but " + hdr
				.getFileName() + " gives dimensions " + dimsText(dims) + ", which need exactly " + 8L * n + " bytes" +
				(ch.size() < 8L * n ? " (truncated?)" : ""));
			final float[] colMajor = FloatChannels.read(ch, 0, 2 * n, ByteOrder.LITTLE_ENDIAN);
			final float[] out = new float[colMajor.length];
			for (int p = 0; p < slices * coils; p++) // planes: coil fastest, then slice, in both layouts
				for (int x = 0; x < w; x++)
					for (int y = 0; y < h; y++) {
						final int src = p * planeValues + 2 * (x * h + y), dst = p * planeValues + 2 * (y * w + x);
						out[dst] = colMajor[src];
						out[dst + 1] = colMajor[src + 1];
					}
			return new NdArray(new int[] { slices, coils, h, w }, true, out);
		}
		catch (final NoSuchFileException e) {
			throw new AccelMRException(cfl + ": file not found (a .cfl needs its .hdr and data file side by side)");
		}
		catch (final IOException e) {
			throw new AccelMRException(cfl + ": cannot read (" + e.getMessage() + ")", e);
		}
	}

	/** Writes the stack as cfl {@code (H, W, 1, coils, 1, ..., slices)}: data first, then header, each atomic. */
	static void write(final ComplexStack k, final Path file) {
		final Path base = base(file);
		final int[] dims = new int[DIMS];
		Arrays.fill(dims, 1);
		dims[ROW_DIM] = k.height();
		dims[COLUMN_DIM] = k.width();
		dims[COIL_DIM] = k.coils();
		dims[SLICE_DIM] = k.slices();
		final int w = k.width(), h = k.height();
		final float[] colMajor = new float[2 * w * h * k.planeCount()];
		for (int p = 0; p < k.planeCount(); p++) {
			final float[] plane = k.plane(p);
			final int off = p * 2 * w * h;
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					colMajor[off + 2 * (x * h + y)] = plane[2 * (y * w + x)];
					colMajor[off + 2 * (x * h + y) + 1] = plane[2 * (y * w + x) + 1];
				}
		}
		AtomicFile.write(sibling(base, ".cfl"), temp -> {
			try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				FloatChannels.write(ch, colMajor, ByteOrder.LITTLE_ENDIAN);
			}
		});
		final StringBuilder text = new StringBuilder("# Dimensions\n");
		for (final int d : dims)
			text.append(d).append(' ');
		text.setCharAt(text.length() - 1, '\n');
		AtomicFile.write(sibling(base, ".hdr"), temp -> Files.writeString(temp, text, StandardCharsets.US_ASCII));
	}

	private static int[] readDims(final Path hdr) {
		final List<String> lines;
		try {
			lines = Files.readAllLines(hdr, StandardCharsets.ISO_8859_1);
		}
		catch (final NoSuchFileException e) {
			throw new AccelMRException(hdr + ": file not found (a .cfl needs its .hdr and data file side by side)");
		}
		catch (final IOException e) {
			throw new AccelMRException(hdr + ": cannot read (" + e.getMessage() + ")", e);
		}
		final String dimsLine = lines.stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
			.findFirst().orElseThrow(() -> new AccelMRException(hdr + ": no dimensions line in BART header"));
		final int[] dims = new int[DIMS];
		Arrays.fill(dims, 1);
		final String[] parts = dimsLine.split("\\s+");
		if (parts.length > DIMS) throw new AccelMRException(hdr + ": more than " + DIMS + " dimensions");
		for (int a = 0; a < parts.length; a++) {
			if (!parts[a].matches("-?\\d+")) throw new AccelMRException(hdr +
				": dimensions line is not whole numbers: " + dimsLine);
			try {
				dims[a] = Integer.parseInt(parts[a]);
			}
			catch (final NumberFormatException e) {
				throw new AccelMRException(hdr + ": dimension " + a + " of size " + parts[a] +
					" is too large; expected at most " + Integer.MAX_VALUE);
			}
			if (dims[a] < 1) throw new AccelMRException(hdr + ": dimension " + a + " has size " + dims[a] +
				"; expected 1 or more");
		}
		return dims;
	}

	private static String dimsText(final int[] dims) {
		return Arrays.stream(dims).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(" "));
	}

	private static Path sibling(final Path base, final String ext) {
		return base.resolveSibling(base.getFileName() + ext);
	}
}
