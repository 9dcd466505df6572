package org.accelmr.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Bulk float32 transfer between a file channel and a {@code float[]} through a fixed 1 MB buffer, so large
 * arrays never need a second full-size byte copy in memory.
 */
final class FloatChannels {

	private static final int CHUNK_FLOATS = 1 << 18;

	private FloatChannels() {}

	/** Reads {@code count} floats starting at byte {@code start}. */
	static float[] read(final FileChannel ch, final long start, final int count, final ByteOrder order)
		throws IOException
	{
		final float[] out = new float[count];
		final ByteBuffer buf = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(order);
		long pos = start;
		for (int i = 0; i < count; i += CHUNK_FLOATS) {
			final int n = Math.min(CHUNK_FLOATS, count - i);
			buf.clear().limit(4 * n);
			while (buf.hasRemaining())
				if (ch.read(buf, pos + buf.position()) < 0) throw new IOException("unexpected end of file");
			pos += 4L * n;
			buf.flip();
			buf.asFloatBuffer().get(out, i, n);
		}
		return out;
	}

	/** Writes all floats at the channel's current position. */
	static void write(final FileChannel ch, final float[] values, final ByteOrder order) throws IOException {
		final ByteBuffer buf = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(order);
		for (int i = 0; i < values.length; i += CHUNK_FLOATS) {
			final int n = Math.min(CHUNK_FLOATS, values.length - i);
			buf.clear();
			buf.asFloatBuffer().put(values, i, n);
			buf.limit(4 * n);
			while (buf.hasRemaining())
				ch.write(buf);
		}
	}
}
