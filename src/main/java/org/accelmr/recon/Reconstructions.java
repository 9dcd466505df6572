package org.accelmr.recon;

import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.FloatVolume;

/** Steps shared by every reconstruction method. */
public final class Reconstructions {

	private Reconstructions() {}

	/**
	 * Centre-crops to the file's reference reconstruction size when that is known and smaller (fastMRI knee:
	 * 640x368 k-space, 320x320 targets); otherwise returns the volume as it is.
	 */
	public static FloatVolume cropToReference(final FloatVolume image, final AcquisitionInfo info) {
		final int w = info.reconstructionWidth(), h = info.reconstructionHeight();
		if (w <= 0 || h <= 0 || w > image.width() || h > image.height()) return image;
		return image.centerCrop(w, h);
	}
}
