package org.accelmr.kspace;

/**
 * What a scanner raw-data reader returns: the image k-space (unacquired lines zero, the file's own mask), the
 * noise samples for pre-whitening and the parallel-imaging calibration lines that were acquired for calibration
 * only.
 *
 * @param kspace image data, slices x coils x readout x phase encoding
 * @param noise noise-only samples with the k-space's coils, or null when the file has none
 * @param calibration calibration-only lines in the k-space's geometry (their own mask), or null when there are
 *        none; see {@link #withCalibrationLines()}
 */
public record RawScan(KSpace kspace, NoiseSamples noise, KSpace calibration) {

	public RawScan {
		if (kspace == null) throw new IllegalArgumentException("kspace is required");
		if (noise != null && noise.coils() != kspace.data().coils()) throw new IllegalArgumentException("noise of " +
			noise.coils() + " coils does not match k-space of " + kspace.data().coils() + " coils");
	}

	/** A scan that is only k-space (fastMRI, .cfl, .npy). */
	public static RawScan of(final KSpace kspace) {
		return new RawScan(kspace, null, null);
	}

	/** The same scan with other k-space (e.g. whitened or compressed), keeping noise and calibration. */
	public RawScan withKSpace(final KSpace k) {
		return new RawScan(k, noise != null && noise.coils() == k.data().coils() ? noise : null,
			calibration != null && calibration.data().coils() == k.data().coils() ? calibration : null);
	}

	/**
	 * The image k-space with the calibration-only lines filled in where the image has no line: what coil
	 * sensitivities are best estimated from (an integrated-reference scan stores the centre lines between the
	 * accelerated ones only as calibration). The image k-space itself stays as acquired.
	 */
	public KSpace withCalibrationLines() {
		if (calibration == null) return kspace;
		final ComplexStack merged = kspace.data().copy();
		final boolean[] image = kspace.maskOrFull().columns(), calib = calibration.maskOrFull().columns();
		final boolean[] columns = image.clone();
		final int w = merged.width(), h = merged.height();
		for (int x = 0; x < w; x++)
			if (!image[x] && calib[x]) {
				columns[x] = true;
				for (int p = 0; p < merged.planeCount(); p++) {
					final float[] dst = merged.plane(p), src = calibration.data().plane(p);
					for (int y = 0; y < h; y++) {
						dst[2 * (y * w + x)] = src[2 * (y * w + x)];
						dst[2 * (y * w + x) + 1] = src[2 * (y * w + x) + 1];
					}
				}
			}
		boolean all = true;
		for (final boolean c : columns)
			all &= c;
		return new KSpace(merged, all ? null : org.accelmr.mask.SamplingMask.ofColumns(columns, h), kspace.info());
	}
}
