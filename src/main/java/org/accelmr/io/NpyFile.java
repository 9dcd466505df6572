package org.accelmr.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.accelmr.AccelMRException;

/**
 * NumPy's {@code .npy} format (versions 1 to 3): the magic {@code \x93NUMPY}, a version, a little-endian header
 * length (2 bytes in v1, 4 in v2/v3), a Python dict literal {@code {'descr': '<c8', 'fortran_order': False,
 * 'shape': (2, 8, 6), }} padded with spaces to a multiple of 64 bytes and ended by a newline, then the raw data.
 * <p>
 * Reads {@code f4 f8 c8 c16} (either byte order), {@code b1 u1 i1} (masks), C or Fortran order, into float
 * precision; writes {@code <c8} or {@code <f4} in C order, version 1.
 */
final class NpyFile {

	private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
	private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([A-Za-z?])(\\d*)'");
	private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([\\d\\s,]*)\\)");
	private static final int CHUNK = 1 << 20;

	private NpyFile() {}

	static NdArray read(final Path file) {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			final ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
			ch.read(head);
			head.flip();
			for (final byte b : MAGIC)
				if (head.remaining() == 0 || head.get() != b) throw new AccelMRException(file +
					": not a NumPy .npy file (no \\x93NUMPY magic)");
			if (head.remaining() < 4) throw new AccelMRException(file + ": truncated .npy header");
			final int major = head.get() & 0xff;
			head.get();
			if (major < 1 || major > 3) throw new AccelMRException(file + ": unsupported .npy version " + major);
			if (major > 1 && head.remaining() < 4) throw new AccelMRException(file + ": truncated .npy header");
			final long headerLength = major == 1 ? head.getShort() & 0xffff : head.getInt() & 0xffffffffL;
			final long dataStart = (major == 1 ? 10 : 12) + headerLength;
			if (headerLength > 1 << 20) throw new AccelMRException(file + ": .npy header length " + headerLength +
				" bytes; expected a header of at most 1 MB (a plain array's is under 200 bytes)");
			if (dataStart > ch.size()) throw new AccelMRException(file + ": truncated .npy header");
			final ByteBuffer text = ByteBuffer.allocate((int) headerLength);
			ch.read(text, major == 1 ? 10 : 12);
			final String header = new String(text.array(), StandardCharsets.ISO_8859_1);
			final Header h = parse(file, header);
			// Fortran order holds the samples and their C-order copy at once
			final long needed = (long) NdArray.checkedElements(file, h.shape, h.kind == 'c', h.fortran ? 2 : 1) *
				h.itemSize;
			// exactly: numpy writes nothing after the data, so more means the header describes another array
			if (ch.size() - dataStart != needed) throw new AccelMRException(file + ": " + (ch.size() - dataStart <
				needed ? "truncated .npy data" : ".npy data longer than its header says") + ": shape " + Arrays.toString(
					h.shape) + " of " + h.descr + " needs " + needed + " bytes after the header, found " + (ch.size() -
						dataStart));
			final float[] values = decode(ch, dataStart, h);
			final boolean complex = h.kind == 'c';
			final float[] c = h.fortran ? fortranToC(values, h.shape, complex ? 2 : 1) : values;
			return new NdArray(h.shape, complex, c);
		}
		catch (final NoSuchFileException e) {
			throw new AccelMRException(file + ": file not found");
		}
		catch (final IOException e) {
			throw new AccelMRException(file + ": cannot read (" + e.getMessage() + ")", e);
		}
	}

	/** Writes {@code <c8} or {@code <f4}, C order, atomically. */
	static void write(final NdArray array, final Path file) {
		final StringBuilder shape = new StringBuilder();
		for (final int d : array.shape())
			shape.append(d).append(", ");
		if (array.shape().length > 1) shape.setLength(shape.length() - 2);
		else if (array.shape().length == 1) shape.setLength(shape.length() - 1);
		final StringBuilder dict = new StringBuilder("{'descr': '" + (array.complex() ? "<c8" : "<f4") +
			"', 'fortran_order': False, 'shape': (" + shape + "), }");
		while ((10 + dict.length() + 1) % 64 != 0)
			dict.append(' ');
		dict.append('\n');
		final byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
		AtomicFile.write(file, temp -> {
			try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				final ByteBuffer head = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
				head.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text).flip();
				while (head.hasRemaining())
					ch.write(head);
				FloatChannels.write(ch, array.data(), ByteOrder.LITTLE_ENDIAN);
			}
		});
	}

	private record Header(String descr, char kind, int itemSize, ByteOrder order, boolean fortran, int[] shape) {}

	private static Header parse(final Path file, final String header) {
		final Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), s = SHAPE.matcher(header);
		if (!d.find() || !f.find() || !s.find()) throw new AccelMRException(file +
			": .npy header is not a plain array header: " + header.trim());
		final char kind = d.group(2).charAt(0);
		final int size = d.group(3).isEmpty() || d.group(3).length() > 2 ? 0 : Integer.parseInt(d.group(3));
		final boolean ok = switch (kind) {
			case 'f' -> size == 4 || size == 8;
			case 'c' -> size == 8 || size == 16;
			case 'b', 'u', 'i' -> size == 1;
			default -> false;
		};
		if (!ok) throw new AccelMRException(file + ": unsupported .npy dtype " + d.group(1) + d.group(2) + d.group(3) +
			", expected float32/64, complex64/128, or bool/uint8/int8 for masks");
		final String[] parts = s.group(1).split(",");
		final int[] shape;
		try {
			shape = Arrays.stream(parts).map(String::trim).filter(p -> !p.isEmpty()).mapToInt(Integer::parseInt)
				.toArray();
		}
		catch (final NumberFormatException e) {
			throw new AccelMRException(file + ": .npy shape (" + s.group(1).trim() + ") has an axis larger than " +
				Integer.MAX_VALUE);
		}
		if (shape.length == 0) throw new AccelMRException(file + ": .npy holds a single number (shape ()); " +
			"expected an array");
		final ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		return new Header(d.group(1) + d.group(2) + d.group(3), kind, size, order, f.group(1).equals("True"), shape);
	}

	/** All elements as floats; complex as interleaved re/im. */
	private static float[] decode(final FileChannel ch, final long start, final Header h) throws IOException {
		final int n = NdArray.elements(h.shape);
		if (h.kind == 'f' && h.itemSize == 4 || h.kind == 'c' && h.itemSize == 8) return FloatChannels.read(ch,
			start, h.kind == 'c' ? 2 * n : n, h.order);
		final int components = h.kind == 'c' ? 2 : 1;
		final float[] out = new float[n * components];
		final ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(h.order);
		final int scalar = h.itemSize / components;
		long pos = start;
		int i = 0;
		while (i < out.length) {
			buf.clear();
			buf.limit((int) Math.min(CHUNK, (long) (out.length - i) * scalar));
			while (buf.hasRemaining())
				if (ch.read(buf, pos + buf.position()) < 0) throw new IOException("unexpected end of file");
			pos += buf.limit();
			buf.flip();
			while (buf.hasRemaining())
				out[i++] = scalar == 8 ? (float) buf.getDouble() : h.kind == 'i' ? buf.get() : buf.get() & 0xff;
		}
		return out;
	}

	/** Reorders column-major elements (first axis fastest) into row-major (last axis fastest). */
	static float[] fortranToC(final float[] f, final int[] shape, final int components) {
		final int rank = shape.length;
		final float[] out = new float[f.length];
		final int[] idx = new int[rank];
		final long[] stride = new long[rank]; // Fortran strides in elements
		long st = 1;
		for (int a = 0; a < rank; a++) {
			stride[a] = st;
			st *= shape[a];
		}
		final int n = f.length / components;
		for (int c = 0; c < n; c++) {
			long src = 0;
			for (int a = 0; a < rank; a++)
				src += idx[a] * stride[a];
			for (int k = 0; k < components; k++)
				out[c * components + k] = f[(int) src * components + k];
			for (int a = rank - 1; a >= 0; a--) { // C-order odometer: last axis fastest
				if (++idx[a] < shape[a]) break;
				idx[a] = 0;
			}
		}
		return out;
	}
}
