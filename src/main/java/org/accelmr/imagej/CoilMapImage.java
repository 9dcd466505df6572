package org.accelmr.imagej;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ij.ImagePlus;
import ij.WindowManager;
import net.imglib2.img.WrappedImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

import org.accelmr.kspace.ComplexStack;
import org.scijava.object.ObjectService;

/**
 * Coil sensitivity maps as users see them: the magnitude {@code |s_c(x)|} (0 to 1 for unit-norm ESPIRiT maps), an
 * imglib2 image (x, y, plane = slice * coils + coil, as {@link KSpaceImage}), that keeps the complex maps it shows,
 * so Reconstruct can take them as {@code coil_maps} with their phase.
 */
public final class CoilMapImage extends PlanarImg<FloatType, FloatArray> {

	private final ComplexStack maps;
	private final PixelSize pixelSize;

	private CoilMapImage(final List<FloatArray> planes, final long[] dims, final ComplexStack maps,
		final PixelSize pixelSize)
	{
		super(planes, dims, new Fraction());
		setLinkedType(new FloatType(this));
		this.maps = maps;
		this.pixelSize = pixelSize;
	}

	/** The magnitude picture of {@code maps} (slices x coils x H x W), keeping them. */
	public static CoilMapImage of(final ComplexStack maps, final PixelSize pixelSize) {
		final int n = maps.width() * maps.height();
		final List<FloatArray> planes = new ArrayList<>(maps.planeCount());
		for (int i = 0; i < maps.planeCount(); i++) {
			final float[] complex = maps.plane(i), magnitude = new float[n];
			for (int j = 0; j < n; j++)
				magnitude[j] = (float) Math.hypot(complex[2 * j], complex[2 * j + 1]);
			planes.add(new FloatArray(magnitude));
		}
		return new CoilMapImage(planes, new long[] { maps.width(), maps.height(), maps.planeCount() }, maps,
			pixelSize);
	}

	public PixelSize pixelSize() {
		return pixelSize;
	}

	/** The complex maps, slices x coils x H x W. */
	public ComplexStack maps() {
		return maps;
	}

	/** The maps behind an image, looking through wrappers (ImageJ2's {@code ImgPlus}); empty for other images. */
	public static Optional<CoilMapImage> find(final Object image) {
		Object current = image;
		for (int depth = 0; depth < 8 && current != null; depth++) {
			if (current instanceof CoilMapImage m) return Optional.of(m);
			current = current instanceof WrappedImg<?> w ? w.getImg() : null;
		}
		return Optional.empty();
	}

	/**
	 * Registers maps in SciJava's object index under {@code title}, so Fiji finds them by the title it shows
	 * (Fiji's ImageJ 1.x window of an imglib2 output does not carry the image itself). Maps registered earlier
	 * under the same title are dropped, so repeated runs do not pile up.
	 */
	public static void register(final CoilMapImage image, final String title, final ObjectService objects) {
		for (final CoilMapImage old : objects.getObjects(CoilMapImage.class))
			if (title.equals(objects.getName(old))) objects.removeObject(old);
		objects.addObject(image, title);
	}

	/**
	 * The maps shown under {@code title}: an open ImageJ image of that title made from maps (also after a macro's
	 * {@code rename}), else maps registered under it; empty when neither exists.
	 *
	 * @param objects SciJava's object index, or null
	 */
	public static Optional<CoilMapImage> titled(final String title, final ObjectService objects) {
		final ImagePlus imp = WindowManager.getImage(title);
		if (imp != null) {
			final Optional<CoilMapImage> shown = find(imp.getProperty(ImagePlusVolumes.SOURCE_PROPERTY));
			if (shown.isPresent()) return shown;
		}
		if (objects == null) return Optional.empty();
		return objects.getObjects(CoilMapImage.class).stream().filter(m -> title.equals(objects.getName(m)))
			.reduce((first, last) -> last);
	}
}
