package org.accelmr.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.FloatVolume;

/**
 * Baseline TIFF (TIFF 6.0, uncompressed, one sample per pixel), which ImageJ and every image program open.
 * Writing: little-endian, one page per slice, 32-bit IEEE float (SampleFormat 3), one strip per page. Reading:
 * either byte order, 8/16/32-bit unsigned or signed integer or 32-bit float pages of equal size, any strip
 * layout; each page becomes one slice. Offsets are 32-bit, so files stay under 4 GB.
 */
final class TiffFile {

	private static final int WIDTH = 256, HEIGHT = 257, BITS = 258, COMPRESSION = 259, PHOTOMETRIC = 262,
		STRIP_OFFSETS = 273, SAMPLES = 277, ROWS_PER_STRIP = 278, STRIP_BYTES = 279, SAMPLE_FORMAT = 339;
	private static final short SHORT = 3, LONG = 4;
	private static final int ENTRIES = 10;

	private TiffFile() {}

	static void write(final FloatVolume v, final Path file) {
		final long pageBytes = 4L * v.width() * v.height();
		final int ifdBytes = 2 + ENTRIES * 12 + 4;
		if (8 + v.depth() * (pageBytes + ifdBytes) > 0xffffffffL) throw new AccelMRException(file +
			": volume too large for a 32-bit TIFF (over 4 GB)");
		AtomicFile.write(file, temp -> {
			try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				final ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
				header.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt((int) (8 + pageBytes)).flip();
				ch.write(header);
				for (int s = 0; s < v.depth(); s++) {
					final long dataAt = ch.position();
					FloatChannels.write(ch, v.slice(s), ByteOrder.LITTLE_ENDIAN);
					final long next = s + 1 < v.depth() ? ch.position() + ifdBytes + pageBytes : 0;
					ch.write(ifd(v.width(), v.height(), dataAt, pageBytes, next));
				}
			}
		});
	}

	/** One image file directory; entries sorted by tag as TIFF requires. */
	private static ByteBuffer ifd(final int w, final int h, final long dataAt, final long bytes, final long next) {
		final ByteBuffer b = ByteBuffer.allocate(2 + ENTRIES * 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
		b.putShort((short) ENTRIES);
		entry(b, WIDTH, LONG, w);
		entry(b, HEIGHT, LONG, h);
		entry(b, BITS, SHORT, 32);
		entry(b, COMPRESSION, SHORT, 1);
		entry(b, PHOTOMETRIC, SHORT, 1); // black is zero
		entry(b, STRIP_OFFSETS, LONG, dataAt);
		entry(b, SAMPLES, SHORT, 1);
		entry(b, ROWS_PER_STRIP, LONG, h);
		entry(b, STRIP_BYTES, LONG, bytes);
		entry(b, SAMPLE_FORMAT, SHORT, 3); // IEEE float
		b.putInt((int) next);
		return b.flip();
	}

	private static void entry(final ByteBuffer b, final int tag, final short type, final long value) {
		b.putShort((short) tag).putShort(type).putInt(1);
		if (type == SHORT) b.putShort((short) value).putShort((short) 0);
		else b.putInt((int) value);
	}

	static FloatVolume read(final Path file) {
		final ByteBuffer buf;
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			if (ch.size() > Integer.MAX_VALUE) throw new AccelMRException(file + ": TIFF over 2 GB is not supported");
			buf = ByteBuffer.allocate((int) ch.size());
			while (buf.hasRemaining())
				if (ch.read(buf) < 0) break;
			buf.flip();
		}
		catch (final NoSuchFileException e) {
			throw new AccelMRException(file + ": file not found");
		}
		catch (final IOException e) {
			throw new AccelMRException(file + ": cannot read (" + e.getMessage() + ")", e);
		}
		try {
			return decode(file, buf);
		}
		catch (final IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
			throw new AccelMRException(file + ": truncated or damaged TIFF", e);
		}
	}

	private static FloatVolume decode(final Path file, final ByteBuffer b) {
		if (b.remaining() < 8) throw new AccelMRException(file + ": not a TIFF file");
		final int order = b.getShort(0);
		if (order == 0x4949) b.order(ByteOrder.LITTLE_ENDIAN);
		else if (order == 0x4d4d) b.order(ByteOrder.BIG_ENDIAN);
		else throw new AccelMRException(file + ": not a TIFF file (no II/MM byte order mark)");
		if (b.getShort(2) != 42) throw new AccelMRException(file + ": not a baseline TIFF (BigTIFF is not supported)");
		final List<float[]> pages = new ArrayList<>();
		int width = -1, height = -1;
		long ifd = b.getInt(4) & 0xffffffffL;
		while (ifd != 0 && pages.size() < 1 << 20) {
			final Page p = Page.parse(b, (int) ifd);
			if (width >= 0 && (p.width != width || p.height != height)) throw new AccelMRException(file + ": page " +
				pages.size() + " is " + p.height + "x" + p.width + ", the first is " + height + "x" + width);
			p.check(file, pages.size());
			width = p.width;
			height = p.height;
			pages.add(p.pixels(b));
			ifd = b.getInt((int) ifd + 2 + 12 * (b.getShort((int) ifd) & 0xffff)) & 0xffffffffL;
		}
		if (pages.isEmpty()) throw new AccelMRException(file + ": TIFF has no images");
		return new FloatVolume(width, height, pages.toArray(new float[0][]));
	}

	/** The fields of one image file directory that matter for a grey-level image. */
	private static final class Page {

		int width, height, bits = 1, compression = 1, samples = 1, format = 1;
		long[] offsets, counts;

		static Page parse(final ByteBuffer b, final int at) {
			final Page p = new Page();
			final int n = b.getShort(at) & 0xffff;
			for (int i = 0; i < n; i++) {
				final int e = at + 2 + 12 * i;
				final int tag = b.getShort(e) & 0xffff;
				final long[] v = values(b, e);
				switch (tag) {
					case WIDTH -> p.width = (int) v[0];
					case HEIGHT -> p.height = (int) v[0];
					case BITS -> p.bits = (int) v[0];
					case COMPRESSION -> p.compression = (int) v[0];
					case SAMPLES -> p.samples = (int) v[0];
					case SAMPLE_FORMAT -> p.format = (int) v[0];
					case STRIP_OFFSETS -> p.offsets = v;
					case STRIP_BYTES -> p.counts = v;
					default -> { /* other tags do not change the pixels */ }
				}
			}
			return p;
		}

		/** SHORT or LONG values of one entry, inline when they fit in 4 bytes. */
		private static long[] values(final ByteBuffer b, final int e) {
			final int type = b.getShort(e + 2) & 0xffff;
			final int count = b.getInt(e + 4);
			final int size = type == SHORT ? 2 : type == LONG ? 4 : 0;
			if (size == 0) return new long[] { 0 };
			final int at = count * size <= 4 ? e + 8 : b.getInt(e + 8);
			final long[] v = new long[count];
			for (int i = 0; i < count; i++)
				v[i] = size == 2 ? b.getShort(at + 2 * i) & 0xffff : b.getInt(at + 4 * i) & 0xffffffffL;
			return v;
		}

		void check(final Path file, final int page) {
			final String where = file + ": page " + page + " ";
			if (compression != 1) throw new AccelMRException(where + "is compressed (" + compression +
				"); only uncompressed TIFF is supported");
			if (samples != 1) throw new AccelMRException(where + "has " + samples +
				" samples per pixel; expected a grey-level image");
			final boolean ok = format == 3 ? bits == 32 : (format == 1 || format == 2) && (bits == 8 || bits == 16 ||
				bits == 32);
			if (!ok) throw new AccelMRException(where + "has " + bits + "-bit samples of format " + format +
				"; expected 8/16/32-bit integer or 32-bit float");
			if (width < 1 || height < 1 || offsets == null || counts == null || offsets.length != counts.length)
				throw new AccelMRException(where + "lacks size or strip tags");
		}

		float[] pixels(final ByteBuffer b) {
			final float[] out = new float[width * height];
			final int bytes = bits / 8;
			int i = 0;
			for (int s = 0; s < offsets.length && i < out.length; s++) {
				final int end = (int) (offsets[s] + counts[s]);
				for (int at = (int) offsets[s]; at + bytes <= end && i < out.length; at += bytes)
					out[i++] = sample(b, at);
			}
			if (i < out.length) throw new IndexOutOfBoundsException("strips hold " + i + " of " + out.length +
				" pixels");
			return out;
		}

		private float sample(final ByteBuffer b, final int at) {
			if (format == 3) return b.getFloat(at);
			final boolean signed = format == 2;
			return switch (bits) {
				case 8 -> signed ? b.get(at) : b.get(at) & 0xff;
				case 16 -> signed ? b.getShort(at) : b.getShort(at) & 0xffff;
				default -> signed ? b.getInt(at) : b.getInt(at) & 0xffffffffL;
			};
		}
	}
}
