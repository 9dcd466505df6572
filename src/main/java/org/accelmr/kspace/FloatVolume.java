package org.accelmr.kspace;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

/**
 * Real images, slices x height x width (fastMRI's reconstruction layout), one row-major {@code float[]} per
 * slice. As an imglib2 image dimension 0 is the column, 1 the row, 2 the slice.
 */
public final class FloatVolume {

	private final int width;
	private final int height;
	private final float[][] slices;

	public FloatVolume(final int width, final int height, final int slices) {
		this(width, height, new float[slices][width * height]);
	}

	/** Wraps the arrays without copying; each must hold {@code width * height} values. */
	public FloatVolume(final int width, final int height, final float[][] slices) {
		if (width < 1 || height < 1 || slices.length < 1) throw new IllegalArgumentException(
			"dimensions must be positive: " + slices.length + "x" + height + "x" + width);
		for (final float[] s : slices)
			if (s.length != width * height) throw new IllegalArgumentException("expected slices of " + width *
				height + " values, got " + s.length);
		this.width = width;
		this.height = height;
		this.slices = slices;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public int depth() {
		return slices.length;
	}

	/** The live pixels of one slice. */
	public float[] slice(final int index) {
		return slices[index];
	}

	/** The largest value over all slices (fastMRI's data range for PSNR and SSIM). */
	public double max() {
		double m = Double.NEGATIVE_INFINITY;
		for (final float[] s : slices)
			for (final float v : s)
				if (v > m) m = v;
		return m;
	}

	/**
	 * The centred {@code cropWidth x cropHeight} region, as fastMRI's {@code center_crop}: the crop starts at
	 * {@code (size - crop) / 2} rounded down. Returns this volume when the size already matches.
	 */
	public FloatVolume centerCrop(final int cropWidth, final int cropHeight) {
		if (cropWidth == width && cropHeight == height) return this;
		if (cropWidth > width || cropHeight > height || cropWidth < 1 || cropHeight < 1)
			throw new IllegalArgumentException("cannot crop " + height + "x" + width + " to " + cropHeight + "x" +
				cropWidth);
		final int x0 = (width - cropWidth) / 2;
		final int y0 = (height - cropHeight) / 2;
		final float[][] out = new float[slices.length][cropWidth * cropHeight];
		for (int s = 0; s < slices.length; s++)
			for (int y = 0; y < cropHeight; y++)
				System.arraycopy(slices[s], (y + y0) * width + x0, out[s], y * cropWidth, cropWidth);
		return new FloatVolume(cropWidth, cropHeight, out);
	}

	/** A 3-D imglib2 view (x, y, slice) on the same arrays. */
	public PlanarImg<FloatType, FloatArray> asImg() {
		final List<FloatArray> arrays = new ArrayList<>(slices.length);
		for (final float[] s : slices)
			arrays.add(new FloatArray(s));
		final PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(arrays, new long[] { width, height,
			slices.length }, new Fraction());
		img.setLinkedType(new FloatType(img));
		return img;
	}
}
