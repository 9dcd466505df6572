package org.accelmr.cs;

import org.accelmr.AccelMRException;
import org.accelmr.mask.SamplingMask;

/**
 * The fully sampled rectangle at the k-space centre used for coil calibration (the ACS region). Centred like
 * the FFT: columns {@code [W/2 - w/2, W/2 - w/2 + w)}, rows likewise.
 *
 * @param width columns
 * @param height rows
 */
public record CalibrationRegion(int width, int height) {

	/**
	 * The largest centred fully sampled rectangle of at most {@code maxSize x maxSize}, grown one column or row
	 * at a time (like BART's {@code ecalib}, which shrinks the calibration region to what was acquired).
	 *
	 * @throws AccelMRException when it is narrower than {@code minSize} in either direction
	 */
	public static CalibrationRegion largest(final SamplingMask mask, final int maxSize, final int minSize) {
		int w = 0, h = 0;
		boolean grew = true;
		while (grew) {
			grew = false;
			if (w < Math.min(maxSize, mask.width()) && fullySampled(mask, w + 1, Math.max(h, 1))) {
				w++;
				grew = true;
			}
			if (h < Math.min(maxSize, mask.height()) && fullySampled(mask, Math.max(w, 1), h + 1)) {
				h++;
				grew = true;
			}
		}
		if (w < minSize || h < minSize) throw new AccelMRException("the fully sampled k-space centre is only " + h +
			"x" + w + "; coil calibration needs at least " + minSize + "x" + minSize);
		return new CalibrationRegion(w, h);
	}

	/**
	 * Exactly {@code size x size} (capped at the image size).
	 *
	 * @throws AccelMRException when that region is not fully sampled
	 */
	public static CalibrationRegion exactly(final SamplingMask mask, final int size) {
		final int w = Math.min(size, mask.width()), h = Math.min(size, mask.height());
		if (!fullySampled(mask, w, h)) {
			final CalibrationRegion acquired = largest(mask, size, 0);
			throw new AccelMRException("calibration region " + h + "x" + w + " is larger than the fully sampled " +
				"k-space centre (" + acquired.height + "x" + acquired.width + ")");
		}
		return new CalibrationRegion(w, h);
	}

	/** First column of the region in a k-space {@code fullWidth} wide. */
	public int firstColumn(final int fullWidth) {
		return fullWidth / 2 - width / 2;
	}

	/** First row of the region in a k-space {@code fullHeight} high. */
	public int firstRow(final int fullHeight) {
		return fullHeight / 2 - height / 2;
	}

	private static boolean fullySampled(final SamplingMask mask, final int w, final int h) {
		final int x0 = mask.width() / 2 - w / 2, y0 = mask.height() / 2 - h / 2;
		for (int y = y0; y < y0 + h; y++)
			for (int x = x0; x < x0 + w; x++)
				if (!mask.isSampled(y, x)) return false;
		return true;
	}
}
