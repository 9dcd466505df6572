package org.accelmr.recon;

import org.accelmr.AccelMRException;

/**
 * Every setting a reconstruction method reads; methods ignore the ones they do not use. Key names equal the
 * macro and launcher keys ({@code method}, {@code lambda}, {@code iterations}, {@code coil_maps},
 * {@code model}, {@code threads}).
 *
 * @param method zero-filled, tv, wavelet or unet
 * @param lambda regularisation weight for compressed sensing, relative to the data scale (>= 0)
 * @param iterations solver iterations (>= 1)
 * @param coilMaps {@code espirit}, {@code rss} or a path to maps in .cfl/.npy
 * @param model path of a U-Net model, or empty for the shipped default
 * @param threads worker threads (>= 1)
 */
public record ReconstructionSettings(String method, double lambda, int iterations, String coilMaps, String model,
	int threads)
{

	public static final ReconstructionSettings DEFAULTS = new ReconstructionSettings(ZeroFilledRecon.NAME, 0.005,
		200, "espirit", "", Runtime.getRuntime().availableProcessors());

	public ReconstructionSettings {
		if (!(lambda >= 0) || Double.isInfinite(lambda)) throw new AccelMRException("lambda must be a finite number >= 0, got " +
			lambda);
		if (iterations < 1) throw new AccelMRException("iterations must be at least 1, got " + iterations);
		if (threads < 1) throw new AccelMRException("threads must be at least 1, got " + threads);
	}

	public ReconstructionSettings withMethod(final String m) {
		return new ReconstructionSettings(m, lambda, iterations, coilMaps, model, threads);
	}

	public ReconstructionSettings withThreads(final int n) {
		return new ReconstructionSettings(method, lambda, iterations, coilMaps, model, n);
	}
}
