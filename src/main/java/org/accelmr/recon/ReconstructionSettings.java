package org.accelmr.recon;

import org.accelmr.AccelMRException;
import org.accelmr.cs.SolverSettings;

/**
 * Every setting a reconstruction method reads; methods ignore the ones they do not use. Key names equal the
 * macro and launcher keys ({@code method}, {@code lambda}, {@code iterations}, {@code coil_maps},
 * {@code model}, {@code threads}, {@code data_consistency}).
 *
 * @param method zero-filled, tv, wavelet or unet
 * @param lambda regularisation weight for compressed sensing, relative to the data scale (>= 0), or
 *        {@link SolverSettings#AUTO_LAMBDA} (NaN) to choose one for the volume from the data
 * @param iterations the most solver iterations (>= 1)
 * @param coilMaps {@code espirit}, {@code rss} or a path to maps in .cfl/.npy
 * @param model path of a U-Net model, or empty for the shipped default
 * @param threads worker threads (>= 1)
 * @param dataConsistency when unet re-imposes the measured samples: off, single-coil, multi-coil or always
 *        ({@link UNetRecon.Consistency#key()})
 * @param tolerance compressed sensing stops when its relative change per iteration falls below this, in [0, 1)
 * @param adapt varnet: Adam steps that fine-tune the model on each slice's own measured samples before it is
 *        reconstructed ({@link org.accelmr.train.ScanAdaptation}); 0 uses the model as it is
 */
public record ReconstructionSettings(String method, double lambda, int iterations, String coilMaps, String model,
	int threads, String dataConsistency, double tolerance, int adapt)
{

	/** Off by default: on the benchmarks it gained PSNR on multi-coil data but SSIM was mixed (docs/neural.md). */
	public static final String NO_DATA_CONSISTENCY = UNetRecon.Consistency.OFF.key();

	public static final ReconstructionSettings DEFAULTS = new ReconstructionSettings(ZeroFilledRecon.NAME,
		SolverSettings.AUTO_LAMBDA, 200, "espirit", "", Runtime.getRuntime().availableProcessors(),
		NO_DATA_CONSISTENCY, SolverSettings.DEFAULT_TOLERANCE, 0);

	public ReconstructionSettings {
		if (!(lambda >= 0 || Double.isNaN(lambda)) || Double.isInfinite(lambda)) throw new AccelMRException(
			"lambda must be auto or a finite number >= 0, got " + lambda);
		if (!(tolerance >= 0 && tolerance < 1)) throw new AccelMRException("tolerance must be in [0, 1), got " +
			tolerance);
		if (iterations < 1) throw new AccelMRException("iterations must be at least 1, got " + iterations);
		if (threads < 1) throw new AccelMRException("threads must be at least 1, got " + threads);
		if (adapt < 0) throw new AccelMRException("adapt must be >= 0, got " + adapt);
		UNetRecon.Consistency.named(dataConsistency);
	}

	/** Settings without data consistency (off). */
	public ReconstructionSettings(final String method, final double lambda, final int iterations,
		final String coilMaps, final String model, final int threads)
	{
		this(method, lambda, iterations, coilMaps, model, threads, NO_DATA_CONSISTENCY);
	}

	/** Settings with the default tolerance. */
	public ReconstructionSettings(final String method, final double lambda, final int iterations,
		final String coilMaps, final String model, final int threads, final String dataConsistency)
	{
		this(method, lambda, iterations, coilMaps, model, threads, dataConsistency, SolverSettings.DEFAULT_TOLERANCE);
	}

	/** Settings without adaptation to the scan. */
	public ReconstructionSettings(final String method, final double lambda, final int iterations,
		final String coilMaps, final String model, final int threads, final String dataConsistency,
		final double tolerance)
	{
		this(method, lambda, iterations, coilMaps, model, threads, dataConsistency, tolerance, 0);
	}

	/** True when λ is chosen from the data. */
	public boolean isAutoLambda() {
		return Double.isNaN(lambda);
	}

	/** {@link #dataConsistency} as the U-Net's enum. */
	public UNetRecon.Consistency consistency() {
		return UNetRecon.Consistency.named(dataConsistency);
	}

	public ReconstructionSettings withMethod(final String m) {
		return new ReconstructionSettings(m, lambda, iterations, coilMaps, model, threads, dataConsistency, tolerance, adapt);
	}

	public ReconstructionSettings withAdapt(final int steps) {
		return new ReconstructionSettings(method, lambda, iterations, coilMaps, model, threads, dataConsistency,
			tolerance, steps);
	}

	public ReconstructionSettings withThreads(final int n) {
		return new ReconstructionSettings(method, lambda, iterations, coilMaps, model, n, dataConsistency, tolerance, adapt);
	}

	public ReconstructionSettings withDataConsistency(final String value) {
		return new ReconstructionSettings(method, lambda, iterations, coilMaps, model, threads, value, tolerance, adapt);
	}
}
