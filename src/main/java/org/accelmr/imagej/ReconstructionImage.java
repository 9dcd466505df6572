package org.accelmr.imagej;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.WrappedImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

import org.accelmr.kspace.FloatVolume;

/**
 * A reconstructed volume as an imglib2 image (x, y, slice; the volume's arrays, not a copy) that remembers its
 * pixel size in mm, so the ImageJ window showing it is calibrated (plain imglib2 images carry no calibration).
 */
public final class ReconstructionImage extends PlanarImg<FloatType, FloatArray> {

	private final PixelSize pixelSize;

	private ReconstructionImage(final List<FloatArray> planes, final long[] dims, final PixelSize pixelSize) {
		super(planes, dims, new Fraction());
		setLinkedType(new FloatType(this));
		this.pixelSize = pixelSize;
	}

	public static ReconstructionImage of(final FloatVolume volume, final PixelSize pixelSize) {
		final List<FloatArray> planes = new ArrayList<>(volume.depth());
		for (int i = 0; i < volume.depth(); i++)
			planes.add(new FloatArray(volume.slice(i)));
		return new ReconstructionImage(planes, new long[] { volume.width(), volume.height(), volume.depth() },
			pixelSize);
	}

	public PixelSize pixelSize() {
		return pixelSize;
	}

	/**
	 * The pixel size of an image made by AccelMR (a reconstruction or coil maps), looking through wrappers;
	 * {@link PixelSize#UNKNOWN} for any other image.
	 */
	public static PixelSize pixelSizeOf(final Object image) {
		Object current = image;
		for (int depth = 0; depth < 8 && current != null; depth++) {
			if (current instanceof ReconstructionImage r) return r.pixelSize;
			if (current instanceof CoilMapImage m) return m.pixelSize();
			current = current instanceof WrappedImg<?> w ? w.getImg() : null;
		}
		return PixelSize.UNKNOWN;
	}

}
