package org.accelmr.imagej;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.imglib2.img.WrappedImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;

/**
 * k-space as users see it, a log-magnitude imglib2 image (x, y, plane = slice * coils + coil, see
 * {@link LogMagnitude}), that keeps the complex data, mask and metadata it was made from. The next command
 * (Undersample, Reconstruct) takes the image and finds the k-space with {@link #find}; no phase is lost by
 * displaying it.
 */
public final class KSpaceImage extends PlanarImg<FloatType, FloatArray> {

	private final KSpace kspace;

	private KSpaceImage(final List<FloatArray> planes, final long[] dims, final KSpace kspace) {
		super(planes, dims, new Fraction());
		setLinkedType(new FloatType(this));
		this.kspace = kspace;
	}

	public static KSpaceImage of(final KSpace kspace) {
		final FloatVolume picture = LogMagnitude.of(kspace.data());
		final List<FloatArray> planes = new ArrayList<>(picture.depth());
		for (int i = 0; i < picture.depth(); i++)
			planes.add(new FloatArray(picture.slice(i)));
		return new KSpaceImage(planes, new long[] { picture.width(), picture.height(), picture.depth() }, kspace);
	}

	/** The k-space this image shows. */
	public KSpace kspace() {
		return kspace;
	}

	/**
	 * The k-space behind an image, looking through wrappers (an ImageJ2 {@code ImgPlus} wraps the image a
	 * command produced); empty for an ordinary image.
	 */
	public static Optional<KSpace> find(final Object image) {
		Object current = image;
		for (int depth = 0; depth < 8 && current != null; depth++) {
			if (current instanceof KSpaceImage k) return Optional.of(k.kspace);
			current = current instanceof WrappedImg<?> w ? w.getImg() : null;
		}
		return Optional.empty();
	}
}
