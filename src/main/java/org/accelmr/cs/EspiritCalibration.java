package org.accelmr.cs;

import java.util.concurrent.ExecutorService;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.mask.SamplingMask;

/**
 * ESPIRiT coil sensitivities (Uecker et al. 2014, MRM 71:990) with the semantics of BART's {@code ecalib -m1}:
 * <ol>
 * <li>Calibration matrix of all {@code k x k} patches (all coils) of the fully sampled centre, at most
 * {@code calibration x calibration} (BART {@code -k 6 -r 24}; the region shrinks to what was acquired).</li>
 * <li>Its right singular vectors with {@code σ_i > threshold σ_max} span the signal space (BART {@code -t 0.001});
 * see {@link KernelSpace}.</li>
 * <li>In image space each pixel gets the {@code C x C} matrix
 * {@code G(x) = (1/k²) Σ_j w_j(x) w_j(x)^H}, {@code w_{j,c}(x) = Σ_p conj(v_j[p,c]) exp(2πi p·x/N)}; the coil
 * sensitivities are its eigenvector for eigenvalue 1 (see {@link EigenMaps}).</li>
 * <li>Pixels whose top eigenvalue is below {@code crop} get zero sensitivity (BART {@code -c 0.8}); others are
 * unit-norm over coils, with the phase fixed relative to the centre pixel's vector.</li>
 * </ol>
 *
 * @param kernelSize k
 * @param calibrationSize the largest calibration region side
 * @param threshold relative singular-value threshold
 * @param crop eigenvalue crop; 0 keeps maps everywhere
 * @param exactCalibration true to demand the full {@code calibrationSize} region instead of shrinking
 */
public record EspiritCalibration(int kernelSize, int calibrationSize, double threshold, double crop,
	boolean exactCalibration)
{

	/** BART {@code ecalib -m1} defaults. */
	public static final EspiritCalibration DEFAULTS = new EspiritCalibration(6, 24, 0.001, 0.8, false);

	public EspiritCalibration {
		if (kernelSize < 1) throw new AccelMRException("ESPIRiT kernel size must be >= 1, got " + kernelSize);
		if (calibrationSize < kernelSize) throw new AccelMRException("ESPIRiT calibration size " +
			calibrationSize + " must be at least the kernel size " + kernelSize);
		if (!(threshold >= 0 && threshold < 1)) throw new AccelMRException(
			"ESPIRiT threshold must be in [0, 1), got " + threshold);
		if (!(crop >= 0 && crop < 1)) throw new AccelMRException("ESPIRiT crop must be in [0, 1), got " + crop);
	}

	public EspiritCalibration withCalibration(final int size, final boolean exact) {
		return new EspiritCalibration(kernelSize, size, threshold, crop, exact);
	}

	public EspiritCalibration withCrop(final double c) {
		return new EspiritCalibration(kernelSize, calibrationSize, threshold, c, exactCalibration);
	}

	/**
	 * Maps for one slice.
	 *
	 * @param kspace one slice, all coils
	 * @throws AccelMRException when the calibration region is larger than the sampled centre (exact mode) or
	 *           smaller than the kernel
	 */
	public CoilMaps estimate(final ComplexStack kspace, final SamplingMask mask) {
		return estimate(kspace, mask, null, 1);
	}

	/**
	 * As {@link #estimate(ComplexStack, SamplingMask)}, the per-pixel step split into {@code workers} bands of rows
	 * on {@code executor} (null: the calling thread only).
	 */
	public CoilMaps estimate(final ComplexStack kspace, final SamplingMask mask, final ExecutorService executor,
		final int workers)
	{
		final CalibrationRegion region = exactCalibration ? CalibrationRegion.exactly(mask, calibrationSize)
			: CalibrationRegion.largest(mask, calibrationSize, kernelSize);
		if (region.width() < kernelSize || region.height() < kernelSize) throw new AccelMRException(
			"calibration region " + region.height() + "x" + region.width() + " is smaller than the ESPIRiT kernel " +
				kernelSize + "x" + kernelSize);
		final KernelSpace kernels = KernelSpace.of(kspace, region, kernelSize, threshold);
		return new EigenMaps(kernels, kspace.width(), kspace.height()).maps(crop, executor, workers);
	}
}
