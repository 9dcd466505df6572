package org.accelmr.io;

import java.lang.reflect.Array;

/**
 * Flattening of the nested Java arrays jhdf returns for n-dimensional datasets ({@code float[s][c][y][x]}) into
 * one row-major array, the layout the rest of AccelMR uses.
 */
final class NestedArrays {

	private NestedArrays() {}

	/** Row-major floats from nested {@code float} or {@code double} arrays (or a scalar Number). */
	static float[] floats(final Object nested) {
		final float[] out = new float[count(nested)];
		fill(nested, out, 0);
		return out;
	}

	/**
	 * Row-major flags from nested arrays of booleans, numbers (non-zero is true) or strings ({@code "TRUE"} /
	 * {@code "FALSE"}: jhdf's reading of h5py's bool, an HDF5 enum over int8).
	 *
	 * @throws IllegalArgumentException on any other element type or string
	 */
	static boolean[] booleans(final Object nested) {
		final float[] asFloats = new float[count(nested)];
		fill(nested, asFloats, 0);
		final boolean[] out = new boolean[asFloats.length];
		for (int i = 0; i < out.length; i++)
			out[i] = asFloats[i] != 0;
		return out;
	}

	private static int count(final Object nested) {
		if (!nested.getClass().isArray()) return 1;
		final int n = Array.getLength(nested);
		if (!nested.getClass().getComponentType().isArray()) return n;
		int total = 0;
		for (int i = 0; i < n; i++)
			total += count(Array.get(nested, i));
		return total;
	}

	private static int fill(final Object nested, final float[] out, int at) {
		if (nested instanceof float[] f) {
			System.arraycopy(f, 0, out, at, f.length);
			return at + f.length;
		}
		if (!nested.getClass().isArray()) {
			out[at] = element(nested);
			return at + 1;
		}
		final int n = Array.getLength(nested);
		for (int i = 0; i < n; i++)
			at = fill(Array.get(nested, i), out, at);
		return at;
	}

	private static float element(final Object value) {
		if (value instanceof Number n) return n.floatValue();
		if (value instanceof Boolean b) return b ? 1 : 0;
		if (value instanceof String s) {
			if (s.equalsIgnoreCase("TRUE")) return 1;
			if (s.equalsIgnoreCase("FALSE")) return 0;
		}
		throw new IllegalArgumentException("unexpected element " + value);
	}
}
