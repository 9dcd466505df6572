package org.accelmr.nn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.accelmr.AccelMRException;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

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
	private static final Gson GSON = new GsonBuilder().setFieldNamingPolicy(
		FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).setPrettyPrinting().disableHtmlEscaping().create();

	public ModelSidecar withParamsSha256(final String sha) {
		return new ModelSidecar(format, formatVersion, architecture, normalisation, mask, training, validation, sha);
	}

	/**
	 * @throws AccelMRException when the validation scores or the mask are not finite numbers: a model with
	 *           such a description is never written
	 */
	public String toJson() {
		if (validation != null && !validation.finite()) throw new AccelMRException(
			"refusing to describe a model with non-finite validation scores (" + validation + "): training diverged");
		return GSON.toJson(this);
	}

	/**
	 * Reads and checks a sidecar: present, JSON, this format, a version this code reads, the normalisation this
	 * code applies, and a valid architecture.
	 *
	 * @throws AccelMRException with one line naming the file and the problem
	 */
	public static ModelSidecar read(final Path file) {
		final String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (final NoSuchFileException e) {
			throw new AccelMRException("model sidecar " + file + " not found (every .params file needs its .json)");
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot read model sidecar " + file + ": " + e.getMessage(), e);
		}
		final ModelSidecar s;
		try {
			s = GSON.fromJson(text, ModelSidecar.class);
		}
		catch (final RuntimeException e) { // gson wraps errors from record constructors too
			if (String.valueOf(e.getMessage()).contains("NaN and infinities")) throw new AccelMRException(
				"model sidecar " + file + " records a NaN or infinite number: the run that wrote it diverged; " +
					"retrain it", e);
			throw new AccelMRException("model sidecar " + file + " is not a valid AccelMR model description: " +
				firstLine(e.getMessage()), e);
		}
		if (s == null || !FORMAT.equals(s.format)) throw new AccelMRException("model sidecar " + file +
			" is not an AccelMR U-Net description (expected format \"" + FORMAT + "\")");
		if (s.formatVersion < 1 || s.formatVersion > FORMAT_VERSION) throw new AccelMRException("model sidecar " +
			file + " has format_version " + s.formatVersion + "; this AccelMR reads 1 to " + FORMAT_VERSION);
		if (s.architecture == null) throw new AccelMRException("model sidecar " + file + " has no architecture");
		if (!NORMALISATION.equals(s.normalisation)) throw new AccelMRException("model sidecar " + file +
			" asks for normalisation \"" + s.normalisation + "\"; this AccelMR applies \"" + NORMALISATION + "\"");
		if (s.paramsSha256 == null) throw new AccelMRException("model sidecar " + file + " has no params_sha256");
		if (s.validation != null && !s.validation.finite()) throw new AccelMRException("model sidecar " + file +
			" records non-finite validation scores (SSIM " + s.validation.ssim + "): the run that wrote it diverged;" +
			" retrain it");
		return s;
	}

	private static String firstLine(final String m) {
		if (m == null) return "unreadable";
		final int nl = m.indexOf('\n');
		return nl < 0 ? m : m.substring(0, nl);
	}
}
