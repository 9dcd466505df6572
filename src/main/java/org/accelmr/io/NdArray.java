package org.accelmr.io;

import java.nio.file.Path;
import java.util.Arrays;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.mask.SamplingMask;

/**
 * An n-dimensional array as the .npy and .cfl formats hold it, in numpy axis order and C (row-major) layout:
 * the last axis is the column (width), the one before it the row (height). Complex arrays interleave re/im.
 * This is the meeting point between files and AccelMR's types; the conversions name the source file in errors.
 *
 * @param shape numpy shape, outermost axis first
 * @param complex whether each element is a re/im pair
 * @param data {@code product(shape)} values, twice that when complex
 */
record NdArray(int[] shape, boolean complex, float[] data) {

	NdArray {
		if ((long) elements(shape) * (complex ? 2 : 1) != data.length) throw new IllegalArgumentException("shape " +
			Arrays.toString(shape) + " does not match " + data.length + " values");
	}

	static int elements(final int[] shape) {
		long n = 1;
		for (final int d : shape)
			n *= d;
		if (n > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("array " + Arrays.toString(shape) +
			" is too large to hold in memory");
		return (int) n;
	}

	/** The most values one Java array holds (a few below Integer.MAX_VALUE on every JVM). */
	static final int MAX_ARRAY_VALUES = Integer.MAX_VALUE - 8;

	/**
	 * The element count of an array of {@code shape} that a file header announces, checked before anything is
	 * allocated: every size at least 1, and the values ({@code copies} float arrays of them, twice as many when
	 * complex) fit one Java array and the heap. A header is the file's claim, not a fact: a corrupt or hostile
	 * one must end with one line naming the file, not an overflow or an OutOfMemoryError.
	 *
	 * @param copies how many float arrays of this size the reader holds at once (a reordering copy doubles it)
	 */
	static int checkedElements(final Path source, final int[] shape, final boolean complex, final int copies) {
		long n = 1;
		for (final int d : shape) {
			if (d < 1) throw new AccelMRException(source + ": header gives shape " + Arrays.toString(shape) +
				"; every axis must have size 1 or more");
			n = n > Long.MAX_VALUE / d ? Long.MAX_VALUE : n * d;
		}
		final int components = complex ? 2 : 1;
		if (n > MAX_ARRAY_VALUES / components) throw new AccelMRException(source + ": header gives shape " + Arrays
			.toString(shape) + ", more than " + MAX_ARRAY_VALUES / components + " elements, the most AccelMR reads " +
			"from one file; split it (e.g. per slice)");
		final long bytes = 4L * n * components * copies, max = Runtime.getRuntime().maxMemory();
		if (bytes > max) throw new AccelMRException(source + ": shape " + Arrays.toString(shape) + " needs " +
			megabytes(bytes) + " MB to read, more than Java's " + megabytes(max) + " MB heap; give Java more memory " +
			"(launcher: ACCELMR_XMX=16g) or split the file");
		return (int) n;
	}

	private static long megabytes(final long bytes) {
		return (bytes + (1 << 20) - 1) >> 20;
	}

	// -- From AccelMR types --

	/** k-space as {@code (slices, coils, H, W)} complex. */
	static NdArray of(final ComplexStack k) {
		final int plane = 2 * k.width() * k.height();
		final float[] d = new float[plane * k.planeCount()];
		for (int i = 0; i < k.planeCount(); i++)
			System.arraycopy(k.plane(i), 0, d, i * plane, plane);
		return new NdArray(new int[] { k.slices(), k.coils(), k.height(), k.width() }, true, d);
	}

	/** A volume as {@code (slices, H, W)} real. */
	static NdArray of(final FloatVolume v) {
		final int plane = v.width() * v.height();
		final float[] d = new float[plane * v.depth()];
		for (int s = 0; s < v.depth(); s++)
			System.arraycopy(v.slice(s), 0, d, s * plane, plane);
		return new NdArray(new int[] { v.depth(), v.height(), v.width() }, false, d);
	}

	/** A mask as 0/1 reals: {@code (W)} for a column mask, else {@code (H, W)}. */
	static NdArray of(final SamplingMask m) {
		if (m.isColumnMask()) {
			final boolean[] c = m.columns();
			final float[] d = new float[c.length];
			for (int i = 0; i < c.length; i++)
				d[i] = c[i] ? 1 : 0;
			return new NdArray(new int[] { m.width() }, false, d);
		}
		return new NdArray(new int[] { m.height(), m.width() }, false, m.toFloats());
	}

	// -- To AccelMR types --

	/** {@code (H, W)}, {@code (C, H, W)} or {@code (S, C, H, W)} complex as k-space. */
	ComplexStack toComplexStack(final Path source) {
		if (!complex) throw new AccelMRException(source + ": expected complex k-space, found a real array " +
			Arrays.toString(shape));
		if (shape.length < 2 || shape.length > 4) throw new AccelMRException(source +
			": expected k-space of shape (H,W), (coils,H,W) or (slices,coils,H,W), found " + Arrays.toString(shape));
		final int w = shape[shape.length - 1], h = shape[shape.length - 2];
		final int coils = shape.length >= 3 ? shape[shape.length - 3] : 1;
		final int slices = shape.length == 4 ? shape[0] : 1;
		final int plane = 2 * w * h;
		final float[][] planes = new float[coils * slices][];
		for (int i = 0; i < planes.length; i++)
			planes[i] = Arrays.copyOfRange(data, i * plane, (i + 1) * plane);
		return ComplexStack.wrap(planes, w, h, coils, slices);
	}

	/**
	 * {@code (H, W)} or {@code (S, H, W)} as a volume (also {@code (S, 1, H, W)}). Complex arrays give their
	 * magnitude, or their real part when every imaginary part is zero (so signs survive a real round trip).
	 */
	FloatVolume toFloatVolume(final Path source) {
		int[] s = shape;
		if (s.length == 4 && s[1] == 1) s = new int[] { s[0], s[2], s[3] };
		if (s.length < 2 || s.length > 3) throw new AccelMRException(source +
			": expected an image of shape (H,W) or (slices,H,W), found " + Arrays.toString(shape));
		final int w = s[s.length - 1], h = s[s.length - 2], depth = s.length == 3 ? s[0] : 1;
		final float[] real = complex ? realOrMagnitude() : data;
		final float[][] slices = new float[depth][];
		for (int i = 0; i < depth; i++)
			slices[i] = Arrays.copyOfRange(real, i * w * h, (i + 1) * w * h);
		return new FloatVolume(w, h, slices);
	}

	/**
	 * A mask of 0/1 values for {@code width x height} k-space: {@code (W)} or a single row is a column mask,
	 * {@code (H, W)} a 2-D mask (leading axes of length 1 are ignored).
	 */
	SamplingMask toMask(final Path source, final int width, final int height) {
		final int[] s = Arrays.stream(shape).dropWhile(d -> d == 1).toArray();
		final int w = shape.length == 0 ? 1 : shape[shape.length - 1];
		final int h = s.length >= 2 ? s[s.length - 2] : 1;
		if (s.length > 2 || w != width || (h != 1 && h != height)) throw new AccelMRException(source +
			": mask of shape " + Arrays.toString(shape) + " does not fit k-space of " + height + "x" + width +
			" (expected (" + width + ") or (" + height + "," + width + "))");
		final float[] v = complex ? realOrMagnitude() : data;
		final boolean[] flags = new boolean[v.length];
		for (int i = 0; i < v.length; i++) {
			if (v[i] != 0 && v[i] != 1) throw new AccelMRException(source + ": mask value " + v[i] +
				" at element " + i + " is not 0 or 1");
			flags[i] = v[i] == 1;
		}
		return h == 1 ? SamplingMask.ofColumns(flags, height) : SamplingMask.of2D(flags, width, height);
	}

	/** Whether this is complex with some non-zero imaginary part (k-space, as opposed to a real image stored complex). */
	boolean hasImaginaryPart() {
		if (!complex) return false;
		for (int i = 1; i < data.length; i += 2)
			if (data[i] != 0) return true;
		return false;
	}

	private float[] realOrMagnitude() {
		final float[] out = new float[data.length / 2];
		boolean imaginary = false;
		for (int i = 0; i < out.length; i++)
			if (data[2 * i + 1] != 0) imaginary = true;
		for (int i = 0; i < out.length; i++)
			out[i] = imaginary ? (float) Math.hypot(data[2 * i], data[2 * i + 1]) : data[2 * i];
		return out;
	}
}
