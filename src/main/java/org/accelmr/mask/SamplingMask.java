package org.accelmr.mask;

import java.util.Arrays;

import org.accelmr.kspace.ComplexStack;

/**
 * Which k-space samples were acquired, on a {@code height x width} grid (rows ky, columns kx). A column mask
 * (fastMRI's 1-D masks, one flag per kx column, the same for every row) is the usual case for Cartesian
 * scans; a 2-D mask (Poisson disc, challenge files with an {@code (H, W)} mask) flags each sample.
 */
public final class SamplingMask {

	private final int width;
	private final int height;
	private final boolean[] sampled; // row-major height x width
	private final boolean columnMask;

	private SamplingMask(final int width, final int height, final boolean[] sampled, final boolean columnMask) {
		this.width = width;
		this.height = height;
		this.sampled = sampled;
		this.columnMask = columnMask;
	}

	/** A mask that keeps whole columns: {@code columns[x]} says whether column x was acquired. */
	public static SamplingMask ofColumns(final boolean[] columns, final int height) {
		final int width = columns.length;
		final boolean[] s = new boolean[width * height];
		for (int y = 0; y < height; y++)
			System.arraycopy(columns, 0, s, y * width, width);
		return new SamplingMask(width, height, s, true);
	}

	/** A 2-D mask from row-major flags ({@code height x width}). */
	public static SamplingMask of2D(final boolean[] sampled, final int width, final int height) {
		if (sampled.length != width * height) throw new IllegalArgumentException("mask of " + sampled.length +
			" values does not match " + height + "x" + width);
		return new SamplingMask(width, height, sampled.clone(), false);
	}

	/**
	 * The samples that are not zero in any coil of any slice of {@code k}: the mask of undersampled k-space stored
	 * without one (unacquired samples are zero). A column mask when every column is all or nothing.
	 */
	public static SamplingMask acquiredIn(final ComplexStack k) {
		final int w = k.width(), h = k.height();
		final boolean[] sampled = new boolean[w * h];
		for (int p = 0; p < k.planeCount(); p++) {
			final float[] plane = k.plane(p);
			for (int i = 0; i < w * h; i++)
				if (plane[2 * i] != 0 || plane[2 * i + 1] != 0) sampled[i] = true;
		}
		for (int x = 0; x < w; x++)
			for (int y = 1; y < h; y++)
				if (sampled[y * w + x] != sampled[x]) return of2D(sampled, w, h);
		return ofColumns(Arrays.copyOf(sampled, w), h);
	}

	/** Every sample acquired. */
	public static SamplingMask full(final int width, final int height) {
		final boolean[] cols = new boolean[width];
		Arrays.fill(cols, true);
		return ofColumns(cols, height);
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** True when the mask is a set of whole columns (a 1-D mask along kx). */
	public boolean isColumnMask() {
		return columnMask;
	}

	public boolean isSampled(final int row, final int column) {
		return sampled[row * width + column];
	}

	/** The number of acquired samples. */
	public long sampledCount() {
		long n = 0;
		for (final boolean b : sampled)
			if (b) n++;
		return n;
	}

	/** Achieved acceleration: all samples over acquired samples (infinite for an empty mask). */
	public double acceleration() {
		return (double) width * height / sampledCount();
	}

	/** For a column mask, which columns are acquired; for a 2-D mask, columns with any acquired sample. */
	public boolean[] columns() {
		final boolean[] c = new boolean[width];
		for (int i = 0; i < sampled.length; i++)
			if (sampled[i]) c[i % width] = true;
		return c;
	}

	/** A copy of the row-major flags. */
	public boolean[] toArray() {
		return sampled.clone();
	}

	/** The mask as 0/1 floats, row-major, for display and writing. */
	public float[] toFloats() {
		final float[] f = new float[sampled.length];
		for (int i = 0; i < f.length; i++)
			f[i] = sampled[i] ? 1f : 0f;
		return f;
	}

	/**
	 * Zeroes every unacquired sample of every plane, in place.
	 *
	 * @throws IllegalArgumentException when the sizes differ
	 */
	public void applyTo(final ComplexStack kspace) {
		if (kspace.width() != width || kspace.height() != height) throw new IllegalArgumentException("mask " +
			height + "x" + width + " does not match k-space " + kspace.height() + "x" + kspace.width());
		for (int i = 0; i < kspace.planeCount(); i++)
			applyTo(kspace.plane(i));
	}

	/** Zeroes the unsampled entries of one interleaved complex plane of this mask's size, in place. */
	public void applyTo(final float[] plane) {
		if (plane.length != 2 * sampled.length) throw new IllegalArgumentException("mask " + height + "x" + width +
			" does not match a plane of " + plane.length + " floats");
		for (int j = 0; j < sampled.length; j++)
			if (!sampled[j]) {
				plane[2 * j] = 0;
				plane[2 * j + 1] = 0;
			}
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof SamplingMask m && m.width == width && m.height == height &&
			m.columnMask == columnMask && Arrays.equals(m.sampled, sampled);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(sampled) * 31 + width;
	}
}
