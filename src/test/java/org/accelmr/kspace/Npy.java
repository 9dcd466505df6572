package org.accelmr.kspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * Reads the small C-order little-endian {@code .npy} reference files that {@code make_reference_values.py}
 * writes ({@code <f4} real, {@code <c8} complex) from the test class path.
 */
public final class Npy {

	private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
	private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

	/** The shape as stored (numpy order). */
	public final int[] shape;
	/** The values: for complex, interleaved re/im. */
	public final float[] values;
	public final boolean complex;

	private Npy(final int[] shape, final float[] values, final boolean complex) {
		this.shape = shape;
		this.values = values;
		this.complex = complex;
	}

	public static Npy read(final String resource) {
		try (InputStream in = Npy.class.getResourceAsStream(resource)) {
			if (in == null) throw new IllegalArgumentException("no test resource " + resource);
			final ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
			final int major = b.get(6);
			final int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
			final int start = major == 1 ? 10 : 12;
			final String header = new String(b.array(), start, headerLength, StandardCharsets.ISO_8859_1);
			if (header.contains("'fortran_order': True")) throw new IllegalArgumentException(resource +
				" is Fortran order");
			final Matcher d = DESCR.matcher(header), s = SHAPE.matcher(header);
			if (!d.find() || !s.find()) throw new IllegalArgumentException(resource + ": bad header " + header);
			final int[] shape = Arrays.stream(s.group(1).split(",")).map(String::trim).filter(t -> !t.isEmpty())
				.mapToInt(Integer::parseInt).toArray();
			final boolean complex = d.group(1).equals("<c8");
			if (!complex && !d.group(1).equals("<f4")) throw new IllegalArgumentException(resource +
				": unsupported dtype " + d.group(1));
			final int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y) * (complex ? 2 : 1);
			final float[] v = new float[n];
			b.position(start + headerLength);
			b.asFloatBuffer().get(v);
			return new Npy(shape, v, complex);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A complex array of shape [..., H, W] as a stack; leading axes are slices then coils (missing = 1). */
	public ComplexStack toStack() {
		final int n = shape.length;
		final int h = shape[n - 2], w = shape[n - 1];
		final int coils = n >= 3 ? shape[n - 3] : 1, slices = n >= 4 ? shape[n - 4] : 1;
		final float[][] planes = new float[coils * slices][];
		for (int i = 0; i < planes.length; i++)
			planes[i] = Arrays.copyOfRange(values, i * 2 * w * h, (i + 1) * 2 * w * h);
		return ComplexStack.wrap(planes, w, h, coils, slices);
	}

	/** A real array of shape [S, H, W] or [H, W] as a volume. */
	public FloatVolume toVolume() {
		final int n = shape.length;
		final int h = shape[n - 2], w = shape[n - 1], slices = n >= 3 ? shape[0] : 1;
		final float[][] s = new float[slices][];
		for (int i = 0; i < slices; i++)
			s[i] = Arrays.copyOfRange(values, i * w * h, (i + 1) * w * h);
		return new FloatVolume(w, h, s);
	}
}
