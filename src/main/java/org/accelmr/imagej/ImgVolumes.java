package org.accelmr.imagej;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.FloatVolume;

/** imglib2 images to and from {@link FloatVolume}s (dimension 0 = column, 1 = row, 2 = slice). */
public final class ImgVolumes {

	private ImgVolumes() {}

	/**
	 * Copies a 2-D or 3-D real image into a volume (any pixel type; extra dimensions such as channels are
	 * rejected so that nothing is silently dropped).
	 */
	public static FloatVolume toVolume(final RandomAccessibleInterval<? extends RealType<?>> image,
		final String name)
	{
		final int n = image.numDimensions();
		if (n < 2 || n > 3) throw new AccelMRException(name + ": expected a 2-D image or a stack of slices, got " +
			n + " dimensions");
		final int width = (int) image.dimension(0), height = (int) image.dimension(1);
		final int depth = n == 3 ? (int) image.dimension(2) : 1;
		final float[][] slices = new float[depth][width * height];
		final Cursor<? extends RealType<?>> cursor = Views.flatIterable(image).localizingCursor();
		while (cursor.hasNext()) {
			final float v = cursor.next().getRealFloat();
			final int x = (int) (cursor.getLongPosition(0) - image.min(0));
			final int y = (int) (cursor.getLongPosition(1) - image.min(1));
			final int z = n == 3 ? (int) (cursor.getLongPosition(2) - image.min(2)) : 0;
			slices[z][y * width + x] = v;
		}
		return new FloatVolume(width, height, slices);
	}
}
