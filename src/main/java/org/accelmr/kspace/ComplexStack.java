package org.accelmr.kspace;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import net.imglib2.util.Fraction;

/**
 * A stack of complex 2-D planes, slices x coils x height x width (numpy order), stored one {@code float[]} per
 * (slice, coil) plane with re/im interleaved and rows contiguous: the layout JTransforms' {@code complexForward}
 * works on in place. As an imglib2 image ({@link #asImg()}, no copy) dimension 0 is the column (kx, numpy's
 * last axis), 1 the row (ky), 2 the coil and 3 the slice.
 */
public final class ComplexStack {

	private final int width;
	private final int height;
	private final int coils;
	private final int slices;
	private final float[][] planes;

	/** A zero-filled stack. */
	public ComplexStack(final int width, final int height, final int coils, final int slices) {
		this(width, height, coils, slices, newPlanes(width, height, coils * slices));
	}

	private ComplexStack(final int width, final int height, final int coils, final int slices,
		final float[][] planes)
	{
		if (width < 1 || height < 1 || coils < 1 || slices < 1) throw new IllegalArgumentException(
			"dimensions must be positive: " + slices + "x" + coils + "x" + height + "x" + width);
		this.width = width;
		this.height = height;
		this.coils = coils;
		this.slices = slices;
		this.planes = planes;
	}

	/**
	 * Wraps existing planes without copying; plane {@code s * coils + c} holds slice s, coil c, each of length
	 * {@code 2 * width * height}.
	 */
	public static ComplexStack wrap(final float[][] planes, final int width, final int height, final int coils,
		final int slices)
	{
		if (planes.length != coils * slices) throw new IllegalArgumentException("expected " + coils * slices +
			" planes, got " + planes.length);
		for (final float[] p : planes)
			if (p.length != 2 * width * height) throw new IllegalArgumentException("expected planes of " + 2 *
				width * height + " floats, got " + p.length);
		return new ComplexStack(width, height, coils, slices, planes);
	}

	private static float[][] newPlanes(final int width, final int height, final int n) {
		final float[][] p = new float[n][];
		for (int i = 0; i < n; i++)
			p[i] = new float[2 * width * height];
		return p;
	}

	// -- Dimensions --

	/** Columns (kx, readout in fastMRI files, numpy's last axis). */
	public int width() {
		return width;
	}

	/** Rows (ky). */
	public int height() {
		return height;
	}

	public int coils() {
		return coils;
	}

	public int slices() {
		return slices;
	}

	public int planeCount() {
		return planes.length;
	}

	// -- Data --

	/** The live interleaved plane of one slice and coil. */
	public float[] plane(final int slice, final int coil) {
		return planes[slice * coils + coil];
	}

	/** The live plane by flat index {@code slice * coils + coil}. */
	public float[] plane(final int index) {
		return planes[index];
	}

	/** One slice, all coils, sharing this stack's planes. */
	public ComplexStack slice(final int slice) {
		final float[][] p = new float[coils][];
		for (int c = 0; c < coils; c++)
			p[c] = plane(slice, c);
		return new ComplexStack(width, height, coils, 1, p);
	}

	/** Slices {@code first .. first + count - 1}, all coils, sharing this stack's planes. */
	public ComplexStack slices(final int first, final int count) {
		if (first < 0 || count < 1 || first + count > slices) throw new IllegalArgumentException("slices " + first +
			".." + (first + count - 1) + " are outside 0.." + (slices - 1));
		final float[][] p = new float[count * coils][];
		System.arraycopy(planes, first * coils, p, 0, count * coils);
		return new ComplexStack(width, height, coils, count, p);
	}

	/** A deep copy. */
	public ComplexStack copy() {
		final float[][] p = new float[planes.length][];
		for (int i = 0; i < p.length; i++)
			p[i] = planes[i].clone();
		return new ComplexStack(width, height, coils, slices, p);
	}

	/** The first non-finite value's position as "slice s, coil c, row y, column x", or null if all are finite. */
	public String firstNonFinite() {
		for (int i = 0; i < planes.length; i++) {
			final float[] p = planes[i];
			for (int j = 0; j < p.length; j++)
				if (!Float.isFinite(p[j])) {
					final int pixel = j / 2;
					return "slice " + i / coils + ", coil " + i % coils + ", row " + pixel / width + ", column " +
						pixel % width;
				}
		}
		return null;
	}

	/** A 4-D imglib2 view (x, y, coil, slice) on the same arrays. */
	public PlanarImg<ComplexFloatType, FloatArray> asImg() {
		final List<FloatArray> arrays = new ArrayList<>(planes.length);
		for (final float[] p : planes)
			arrays.add(new FloatArray(p));
		final PlanarImg<ComplexFloatType, FloatArray> img = new PlanarImg<>(arrays, new long[] { width, height,
			coils, slices }, new Fraction(2, 1));
		img.setLinkedType(new ComplexFloatType(img));
		return img;
	}
}
