package org.accelmr.imagej;

import java.nio.file.Files;
import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.plugin.LutLoader;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.FloatVolume;

/**
 * ImageJ 1.x {@link ImagePlus} to and from AccelMR volumes and imglib2 images. A float ImagePlus's pixels are
 * wrapped, not copied. An ImagePlus made from an imglib2 image remembers that image (property
 * {@value #SOURCE_PROPERTY}) so a k-space image's complex data is found again when a macro passes it on.
 */
public final class ImagePlusVolumes {

	/** ImagePlus property holding the imglib2 image it shows. */
	public static final String SOURCE_PROPERTY = "org.accelmr.img";

	private ImagePlusVolumes() {}

	/** Every slice as 32-bit float (RGB is converted to luminance). */
	public static FloatVolume toVolume(final ImagePlus imp) {
		final ImageStack stack = imp.getStack();
		final float[][] slices = new float[stack.getSize()][];
		for (int i = 0; i < slices.length; i++)
			slices[i] = (float[]) stack.getProcessor(i + 1).convertToFloat().getPixels();
		return new FloatVolume(imp.getWidth(), imp.getHeight(), slices);
	}

	/** A float image sharing the volume's arrays, with a display range over all slices. */
	public static ImagePlus toImagePlus(final String title, final FloatVolume volume) {
		final ImageStack stack = new ImageStack(volume.width(), volume.height());
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < volume.depth(); i++) {
			stack.addSlice(null, new FloatProcessor(volume.width(), volume.height(), volume.slice(i)));
			for (final float v : volume.slice(i)) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
		}
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDisplayRange(min, max > min ? max : min + 1);
		return imp;
	}

	/** k-space shown as log magnitude with the "fire" LUT, remembering its complex data. */
	public static ImagePlus toImagePlus(final String title, final KSpaceImage kspace) {
		final ImagePlus imp = toImagePlus(title, ImgVolumes.toVolume(kspace, title));
		final java.awt.image.IndexColorModel fire = LutLoader.getLut("fire");
		if (fire != null) imp.setLut(new LUT(fire, 0, LogMagnitude.DECADES));
		imp.setDisplayRange(0, LogMagnitude.DECADES);
		imp.setProperty(SOURCE_PROPERTY, kspace);
		return imp;
	}

	/**
	 * The imglib2 image behind an ImagePlus: the one it was made from when known, else its pixels as float
	 * (wrapped without copying when they already are float and the image has one slice).
	 */
	public static Img<?> toImg(final ImagePlus imp) {
		if (imp.getProperty(SOURCE_PROPERTY) instanceof Img<?> source) return source;
		final ImageProcessor ip = imp.getProcessor();
		if (imp.getStackSize() == 1 && ip instanceof FloatProcessor) return ArrayImgs.floats((float[]) ip.getPixels(),
			imp.getWidth(), imp.getHeight());
		final Img<FloatType> img = toVolume(imp).asImg();
		return img;
	}

	/**
	 * Any image ImageJ reads (TIFF, PNG, JPEG, DICOM, ...) as magnitude volume.
	 *
	 * @throws AccelMRException naming the file when it is missing or ImageJ cannot read it
	 */
	public static FloatVolume openMagnitude(final Path path) {
		if (!Files.isRegularFile(path)) throw new AccelMRException(path + ": no such file");
		final ImagePlus imp = IJ.openImage(path.toString());
		if (imp == null) throw new AccelMRException(path + ": not an image ImageJ can open (TIFF, PNG, DICOM, ...)");
		return toVolume(imp);
	}
}
