package org.accelmr.imagej;

import ij.ImagePlus;
import ij.measure.Calibration;

import org.accelmr.kspace.AcquisitionInfo;

/**
 * In-plane pixel size of an image-domain result, in mm, from the file's ISMRMRD header
 * ({@code reconSpace fieldOfView_mm / matrixSize}, see {@link AcquisitionInfo}); 0 when the file does not say.
 *
 * @param width along x (columns), mm
 * @param height along y (rows), mm
 */
public record PixelSize(double width, double height) {

	/** Unknown size: images stay in pixels. */
	public static final PixelSize UNKNOWN = new PixelSize(0, 0);

	public static PixelSize of(final AcquisitionInfo info) {
		return info.pixelWidth() > 0 && info.pixelHeight() > 0 ? new PixelSize(info.pixelWidth(), info.pixelHeight())
			: UNKNOWN;
	}

	public boolean isKnown() {
		return width > 0 && height > 0;
	}

	/** Sets ImageJ's spatial calibration (mm) when the size is known; otherwise leaves the image in pixels. */
	public void applyTo(final ImagePlus imp) {
		if (!isKnown()) return;
		final Calibration c = imp.getCalibration();
		c.pixelWidth = width;
		c.pixelHeight = height;
		c.setUnit("mm");
		imp.setCalibration(c);
	}
}
