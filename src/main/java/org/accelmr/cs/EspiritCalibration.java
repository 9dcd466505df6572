package org.accelmr.cs;

import java.util.concurrent.ExecutorService;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.mask.SamplingMask;

/**
 * ESPIRiT coil sensitivities (Uecker et al. 2014, MRM 71:990) with the semantics of BART's {@code ecalib -m1},
 * made robust for narrow calibration regions and noisy data:
 * <ol>
 * <li>Calibration matrix of all {@code kh x kw} patches (all coils) of the fully sampled centre, at most
 * {@code calibration x calibration} (BART {@code -k 6 -r 24}; the region shrinks to what was acquired). The
 * kernel is {@code k x k} unless the region is shorter than {@code 3k} along a side: there it shrinks to a
 * third of that side, at least 2 ({@link #kernelAlong}).</li>
 * <li>Its right singular vectors with {@code σ_i > threshold σ_max} (BART {@code -t 0.001}), at most half of
 * the {@code C kh kw} (so that G(x) below keeps a gap under its eigenvalue 1), span the signal space; see
 * {@link KernelSpace}.</li>
 * <li>In image space each pixel gets the {@code C x C} matrix
 * {@code G(x) = (1/(kw kh)) Σ_j w_j(x) w_j(x)^H}, {@code w_{j,c}(x) = Σ_p conj(v_j[p,c]) exp(2πi p·x/N)}; the coil
 * sensitivities are its eigenvector for eigenvalue 1 (see {@link EigenMaps}).</li>
 * <li>Pixels whose top eigenvalue is below {@code crop} get zero sensitivity (BART {@code -c 0.8}); others are
 * unit-norm over coils, with the phase fixed relative to the centre pixel's vector.</li>
 * </ol>
 *
 * @param kernelSize k, the kernel side where the calibration region is at least {@code 3k} long
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
		final int minSide = Math.min(kernelSize, MIN_REGION_SIDE);
		final CalibrationRegion region = exactCalibration ? CalibrationRegion.exactly(mask, calibrationSize)
			: CalibrationRegion.largest(mask, calibrationSize, minSide);
		if (region.width() < minSide || region.height() < minSide) throw new AccelMRException("calibration region " +
			region.height() + "x" + region.width() + " is smaller than " + minSide + "x" + minSide +
			", the least ESPIRiT calibrates from");
		final KernelSpace kernels = KernelSpace.of(kspace, region, kernelAlong(region.width()), kernelAlong(region
			.height()), threshold, true);
		return new EigenMaps(kernels, kspace.width(), kspace.height()).maps(crop, executor, workers);
	}

	/**
	 * The kernel's extent along a calibration side of {@code side} samples: {@code k}, or a third of the side (at
	 * least 2, or k if that is smaller) when the side is shorter than {@code 3k}.
	 * <p>
	 * Why: a {@code k}-wide kernel fits only {@code side - k + 1} times along the side, and with few positions the
	 * patches cannot pin down the signal subspace: with fastMRI's default 8 % centre of a 128-column scan (10
	 * columns, 5 positions of a 6-wide kernel) the maps explained the coil images of a real 16-coil scan to -20
	 * dB against -24.7 dB with all 24 columns, and CS fell below zero-filled. Along 10 columns a 3-wide kernel gives
	 * -24.4 dB; measured on that scan for every width from 6 to 24, the quality saturates once the kernel is
	 * at most about a third of the side (see docs/algorithms-cs.md).
	 */
	int kernelAlong(final int side) {
		return Math.min(kernelSize, Math.min(side, Math.max(MIN_KERNEL, side / 3)));
	}

	/** The narrowest kernel a short side gets. */
	private static final int MIN_KERNEL = 2;
	/** The shortest calibration side ESPIRiT accepts (or the kernel size if smaller). */
	private static final int MIN_REGION_SIDE = 4;
}
