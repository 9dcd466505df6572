package org.accelmr.nn;

import java.nio.file.Path;

import org.accelmr.AccelMRException;


/**
 * The JSON file beside a model's parameters: what the network is, how its input is normalised, what it was
 * trained for and on, how well it did on held-out data, and the SHA-256 of the parameter file it describes.
 * Keys are snake_case ({@code format_version}, {@code params_sha256}, ...).
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion {@link #FORMAT_VERSION} when written; readers accept up to their own version
 * @param architecture the network layout the parameters fit
 * @param normalisation always {@link #NORMALISATION}
 * @param mask the undersampling the model was trained for
 * @param training a summary of the data and run
 * @param validation metrics on held-out slices, or null before the first validation
 * @param paramsSha256 hex SHA-256 of the parameter file
 */
public record ModelSidecar(String format, int formatVersion, UNetArchitecture architecture, String normalisation,
	MaskFamily mask, TrainingSummary training, ValidationMetrics validation, String paramsSha256)
{

	public static final String FORMAT = "accelmr-unet";
	public static final int FORMAT_VERSION = 1;
	public static final String NORMALISATION = "instance mean/std of the zero-filled magnitude, clamp +-6";

	/**
	 * @param family mask generator name ({@code random}: fastMRI random columns)
	 * @param acceleration R
	 * @param centerFractionMin smallest fully sampled centre fraction seen in training
	 * @param centerFractionMax largest
	 */
	public record MaskFamily(String family, double acceleration, double centerFractionMin,
		double centerFractionMax)
	{}

	/**
	 * @param data the data folder or file name (without its folder: a model description names no path of the
	 *          machine that trained it)
	 * @param volumes volumes read
	 * @param trainingSlices distinct slices training drew from
	 * @param validationSlices held-out slices
	 * @param augmentation what the simulation varied
	 * @param init the model training started from, or empty
	 * @param epochs epochs run
	 * @param steps optimiser steps run
	 * @param seconds wall time
	 * @param slicesPerSecond training throughput
	 * @param command the key=value arguments of the run
	 */
	public record TrainingSummary(String data, int volumes, int trainingSlices, int validationSlices,
		String augmentation, String init, int epochs, long steps, double seconds, double slicesPerSecond,
		String command)
	{}

	/**
	 * Means over the held-out slices, each with its own fixed mask; zero-filled values on the same masks.
	 *
	 * @param epoch the epoch these come from (1-based)
	 */
	public record ValidationMetrics(int epoch, int slices, double ssim, double psnr, double zeroFilledSsim,
		double zeroFilledPsnr)
	{

		/** Whether every score is a finite number (a diverged network scores NaN). */
		public boolean finite() {
			return Double.isFinite(ssim) && Double.isFinite(psnr) && Double.isFinite(zeroFilledSsim) && Double
				.isFinite(zeroFilledPsnr);
		}
	}

	// no serializeSpecialFloatingPointValues: a NaN or Inf score is refused before writing (see toJson), and a
	// file that holds one anyway is refused on reading
	public ModelSidecar withParamsSha256(final String sha) {
		return new ModelSidecar(format, formatVersion, architecture, normalisation, mask, training, validation, sha);
	}

	/**
	 * @throws AccelMRException when the validation scores or the mask are not finite numbers: a model with
	 *           such a description is never written
	 */
	public String toJson() {
		return SidecarJson.write(this, validation);
	}

	/**
	 * Reads and checks a sidecar: present, JSON, this format, a version this code reads, the normalisation this
	 * code applies, and a valid architecture.
	 *
	 * @throws AccelMRException with one line naming the file and the problem
	 */
	public static ModelSidecar read(final Path file) {
		final ModelSidecar s = SidecarJson.parse(SidecarJson.text(file), ModelSidecar.class, file, "model");
		if (s == null || !FORMAT.equals(s.format)) throw new AccelMRException("model sidecar " + file +
			" is not an AccelMR U-Net description (expected format \"" + FORMAT + "\")");
		if (s.formatVersion < 1 || s.formatVersion > FORMAT_VERSION) throw new AccelMRException("model sidecar " +
			file + " has format_version " + s.formatVersion + "; this AccelMR reads 1 to " + FORMAT_VERSION);
		if (s.architecture == null) throw new AccelMRException("model sidecar " + file + " has no architecture");
		if (!NORMALISATION.equals(s.normalisation)) throw new AccelMRException("model sidecar " + file +
			" asks for normalisation \"" + s.normalisation + "\"; this AccelMR applies \"" + NORMALISATION + "\"");
		if (s.paramsSha256 == null) throw new AccelMRException("model sidecar " + file + " has no params_sha256");
		SidecarJson.checkFinite(s.validation, file);
		return s;
	}
}
