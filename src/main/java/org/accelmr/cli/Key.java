package org.accelmr.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.accelmr.AccelMRException;
import org.accelmr.cs.EspiritCalibration;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.train.TrainingConfig;

/**
 * The one vocabulary of AccelMR: every key a launcher line, a macro option string and a SciJava command
 * {@code @Parameter} may use, with its default, its allowed range and what it means. The launcher's help and
 * validation read this table; command fields carry the same names (a test checks they match), because in Fiji a
 * {@code @Parameter} field name is the macro key.
 */
public enum Key {

	INPUT("input", "", Kind.PATH, Range.ANY,
		"the k-space file to work on (.h5 fastMRI or ISMRMRD, .mrd, .dat Siemens twix, .cfl, .npy); in a macro, an image title (default: the current image)",
		"simulate", "the image to simulate k-space from: any image ImageJ opens (TIFF, PNG, DICOM...), .npy or NIfTI (.nii, .nii.gz); empty: the built-in demo brain",
		"batch", "the folder of .h5 k-space files to reconstruct"),
	OUTPUT("output", "", Kind.PATH, Range.ANY, "output file; its extension picks the format",
		"batch", "the folder the reconstructions, metrics.csv and the log are written to",
		"demo", "the folder the figure and TIFFs are written to",
		"macro", "an existing folder, passed to the macro as getArgument() ending in one separator; needed by macros that call getArgument()",
		"train", "the model's path stem: writes NAME.params and NAME.json"),
	METHOD("method", ReconstructionSettings.DEFAULTS.method(), Kind.TEXT, Range.ANY,
		"reconstruction method (see the list below)",
		"bench", "all: every table; or methods separated by commas: only their rows of the pipeline table (1 and 2 threads)"),
	MASK("mask", "random", Kind.TEXT, Range.ANY,
		"random, equispaced, equispaced-fraction, poisson, or the path of a mask file (.npy/.cfl)"),
	ACCELERATION("acceleration", "4", Kind.REAL, Range.above(1), "undersampling factor R, > 1 and <= the number of columns"),
	CENTER_FRACTION("center_fraction", "0.08", Kind.REAL, Range.open(0, 1),
		"fraction of k-space columns always kept at the centre, in (0, 1)"),
	CALIBRATION("calibration", Integer.toString(EspiritCalibration.DEFAULTS.calibrationSize()), Kind.INTEGER,
		Range.atLeast(0),
		"side of the fully sampled centre square a poisson mask keeps, in samples",
		"espirit", "side of the largest calibration region used, in samples (it shrinks to the fully sampled centre; with mask=poisson, also the centre that mask keeps)"),
	KERNEL("kernel", Integer.toString(EspiritCalibration.DEFAULTS.kernelSize()), Kind.INTEGER, Range.atLeast(1),
		"ESPIRiT kernel side k (k x k patches of the calibration region; along a fully sampled side shorter than 3k it shrinks to a third of that side, at least 2), >= 1 and <= calibration"),
	THRESHOLD("threshold", Double.toString(EspiritCalibration.DEFAULTS.threshold()), Kind.REAL, Range.closedOpen(0, 1),
		"ESPIRiT singular values above threshold x the largest span the signal space, in [0, 1)"),
	// one name, two commands: ESPIRiT's eigenvalue crop and train's patch side (its default there is in its Spec);
	// each command checks its own range (EspiritCalibration: [0, 1); TrainingConfig: a multiple of 2^pools)
	CROP("crop", Double.toString(EspiritCalibration.DEFAULTS.crop()), Kind.REAL, Range.atLeast(0),
		"what a command crops to",
		"espirit", "pixels whose top eigenvalue is below crop get zero sensitivity (outside the object), in [0, 1); 0 keeps all",
		"train", "side of the square training patches in pixels, a multiple of 2^pools"),
	SEED("seed", "42", Kind.INTEGER, Range.ANY, "random seed: the same seed gives the same mask or simulation"),
	MASK_OUTPUT("mask_output", "", Kind.PATH, Range.ANY, "where to write the mask (.npy/.cfl); empty: not written"),
	REFERENCE("reference", "", Kind.PATH, Range.ANY,
		"reference: a fastMRI .h5 (its reconstruction_rss/esc) or a reconstruction file (.h5/.npy/.cfl/.tif)"),
	RECONSTRUCTION("reconstruction", "", Kind.PATH, Range.ANY, "the reconstruction to score (.h5/.npy/.cfl/.tif)"),
	LAMBDA("lambda", "auto", Kind.REAL_OR_AUTO, Range.atLeast(0),
		"regularisation weight of tv and wavelet, relative to the data scale: auto (one λ for the volume, chosen by k-space cross-validation on up to 8 of its slices) or a number >= 0"),
	TOLERANCE("tolerance", Double.toString(ReconstructionSettings.DEFAULTS.tolerance()), Kind.REAL, Range.closedOpen(0,
		1), "tv and wavelet stop when their relative change per iteration falls below this, in [0, 1); 0 runs every iteration"),
	ITERATIONS("iterations", Integer.toString(ReconstructionSettings.DEFAULTS.iterations()), Kind.INTEGER, Range.atLeast(1),
		"the most solver iterations of tv and wavelet (they stop earlier at tolerance), >= 1"),
	COIL_MAPS("coil_maps", ReconstructionSettings.DEFAULTS.coilMaps(), Kind.TEXT, Range.ANY,
		"coil sensitivities for SENSE-type methods: espirit, rss, a maps file (.cfl/.npy, e.g. from ./accelmr espirit) or, in Fiji and macros, the title of an image made by Estimate coil sensitivities (ESPIRiT); train (varnet): the maps a new model is trained with, espirit or rss"),
	MODEL("model", ReconstructionSettings.DEFAULTS.model(), Kind.TEXT, Range.ANY,
		"network model file (.params with its .json) for unet and varnet; empty: the shipped model of the method"),
	DATA_CONSISTENCY("data_consistency", ReconstructionSettings.DEFAULTS.dataConsistency(), Kind.TEXT, Range.ANY,
		"unet: where the measured k-space samples replace the network's: off, single-coil, multi-coil (with coil_maps) or always"),
	ADAPT("adapt", Integer.toString(ReconstructionSettings.DEFAULTS.adapt()), Kind.INTEGER, Range.atLeast(0),
		"varnet: Adam steps fine-tuning the model on each slice's own measured samples before reconstructing it (zero-shot self-supervision), >= 0; 0: the model as it is"),
	THREADS("threads", Integer.toString(ReconstructionSettings.DEFAULTS.threads()), Kind.INTEGER, Range.atLeast(1),
		"worker threads, >= 1, at most the number of processors (default: all of them)",
		"train", "libtorch threads, >= 1, at most the number of processors (1 was the fastest on 2 cores)"),
	ENGINE("engine", "local", Kind.TEXT, Range.ANY,
		"where batch runs: local (this machine's threads) or spark (Apache Spark, see master)"),
	MASTER("master", "local[*]", Kind.TEXT, Range.ANY,
		"Spark master for engine=spark: local[*], local[N], spark://host:7077, yarn, k8s://...; spark-submit's --master wins"),
	SHARD("shard", "", Kind.TEXT, Range.ANY,
		"this job's share i/n of the folder's files (name order, round-robin); empty: SLURM_ARRAY_TASK_ID/COUNT when set, else all"),
	// one name, two meanings: simulate's coil count (SimulationConfig checks 1 to 32) and the virtual coils a scan
	// is compressed to before reconstructing (reconstruct and batch default to 0, off)
	COILS("coils", "8", Kind.INTEGER, Range.closed(0, 64),
		"compress the scan to this many virtual coils before reconstructing (see compression), 0: no compression",
		"simulate", "number of simulated receive coils, 1 to 32"),
	COMPRESSION("compression", "geometric", Kind.TEXT, Range.ANY,
		"how coils=N compresses: geometric (one matrix per readout position, aligned; Zhang 2013) or svd (one matrix for the scan, BART cc -S)"),
	PREWHITEN("prewhiten", "auto", Kind.TEXT, Range.ANY,
		"scanner raw data with noise scans (ISMRMRD, twix): auto whitens the coils with the noise covariance for tv, wavelet and the networks (zero-filled stays as measured), on for every method, off leaves them as measured"),
	REPETITION("repetition", "0", Kind.INTEGER, Range.atLeast(0),
		"scanner raw data (ISMRMRD, twix): which repetition to read (its loop counter; 0: the first)"),
	CONTRAST("contrast", "0", Kind.INTEGER, Range.atLeast(0),
		"scanner raw data (ISMRMRD, twix): which contrast (echo) to read (its loop counter; 0: the first)"),
	PHASE("phase", "true", Kind.BOOLEAN, Range.ANY, "add smooth synthetic phase to the simulated image"),
	NOISE("noise", "0", Kind.REAL, Range.atLeast(0), "complex Gaussian noise, standard deviation as a fraction of max, >= 0"),

	// -- U-Net training (./accelmr train, Train network); defaults are TrainingConfig.DEFAULTS --
	DATA("data", TrainingConfig.DEFAULTS.data(), Kind.PATH, Range.ANY,
		"training data: a folder (or one file) of fully sampled .h5 fastMRI k-space and/or image volumes (.nii, .nii.gz, .tif, .npy)"),
	INIT("init", TrainingConfig.DEFAULTS.init(), Kind.PATH, Range.ANY,
		"model to start from (fine-tuning), e.g. models/unet-colin27; empty: random initialisation"),
	EPOCHS("epochs", number(TrainingConfig.DEFAULTS.epochs()), Kind.INTEGER, Range.atLeast(1), "training epochs at most, >= 1"),
	STEPS_PER_EPOCH("steps_per_epoch", number(TrainingConfig.DEFAULTS.stepsPerEpoch()), Kind.INTEGER, Range.atLeast(1),
		"optimiser steps per epoch, each on freshly simulated slices and masks, >= 1"),
	BATCH_SIZE("batch_size", number(TrainingConfig.DEFAULTS.batchSize()), Kind.INTEGER, Range.atLeast(1), "slices per step, >= 1"),
	LR("lr", number(TrainingConfig.DEFAULTS.lr()), Kind.REAL, Range.open(0, 1),
		"Adam learning rate (2% linear warm-up, then cosine decay to lr/20), in (0, 1)"),
	BETA1("beta1", number(TrainingConfig.DEFAULTS.beta1()), Kind.REAL, Range.closedOpen(0, 1), "Adam beta1, in [0, 1)"),
	BETA2("beta2", number(TrainingConfig.DEFAULTS.beta2()), Kind.REAL, Range.closedOpen(0, 1), "Adam beta2, in [0, 1)"),
	WEIGHT_DECAY("weight_decay", number(TrainingConfig.DEFAULTS.weightDecay()), Kind.REAL, Range.atLeast(0),
		"Adam L2 weight decay, >= 0"),
	LOSS("loss", TrainingConfig.DEFAULTS.loss(), Kind.TEXT, Range.ANY, "training loss: l1 or ssim (1 - SSIM)"),
	VAL_FRACTION("val_fraction", number(TrainingConfig.DEFAULTS.valFraction()), Kind.REAL, Range.open(0, 0.5),
		"fraction of the data held out for validation (whole files, or a slab of a single volume), in (0, 0.5)"),
	VAL_SLICES("val_slices", number(TrainingConfig.DEFAULTS.valSlices()), Kind.INTEGER, Range.atLeast(1),
		"held-out slices scored (SSIM, PSNR) after each epoch, at most, >= 1"),
	CHANS("chans", number(TrainingConfig.DEFAULTS.chans()), Kind.INTEGER, Range.atLeast(1),
		"U-Net channels of the first level (new models only)"),
	POOLS("pools", number(TrainingConfig.DEFAULTS.pools()), Kind.INTEGER, Range.atLeast(1), "U-Net pooling levels (new models only)"),
	NORM_GROUPS("norm_groups", number(TrainingConfig.DEFAULTS.normGroups()), Kind.INTEGER, Range.atLeast(1),
		"GroupNorm groups per layer at most (new models only)"),
	RESIDUAL("residual", Boolean.toString(TrainingConfig.DEFAULTS.residual()), Kind.BOOLEAN, Range.ANY,
		"the network adds its input to its output (new models only)"),
	CENTER_FRACTION_MIN("center_fraction_min", number(TrainingConfig.DEFAULTS.centerFractionMin()), Kind.REAL, Range.open(0, 1),
		"smallest fully sampled centre fraction of the training masks, in (0, 1)"),
	CENTER_FRACTION_MAX("center_fraction_max", number(TrainingConfig.DEFAULTS.centerFractionMax()), Kind.REAL, Range.open(0, 1),
		"largest fully sampled centre fraction of the training masks, in (0, 1)"),
	MAX_COILS("max_coils", number(TrainingConfig.DEFAULTS.maxCoils()), Kind.INTEGER, Range.closed(1, 64),
		"simulated coils are drawn from 1 to this, 1 to 64"),
	MAX_NOISE("max_noise", number(TrainingConfig.DEFAULTS.maxNoise()), Kind.REAL, Range.closedOpen(0, 1),
		"simulated complex noise is drawn from 0 to this fraction of the maximum, in [0, 1)"),
	PATIENCE("patience", number(TrainingConfig.DEFAULTS.patience()), Kind.INTEGER, Range.atLeast(1),
		"stop after this many epochs without a better validation SSIM, >= 1"),
	MAX_MINUTES("max_minutes", number(TrainingConfig.DEFAULTS.maxMinutes()), Kind.REAL, Range.atLeast(0),
		"end this run at a checkpoint once it has trained this long; the same line continues; 0: no limit"),
	RESUME("resume", Boolean.toString(TrainingConfig.DEFAULTS.resume()), Kind.BOOLEAN, Range.ANY,
		"continue from output's checkpoint (output.state.json) when there is one"),
	ARCHITECTURE("architecture", TrainingConfig.DEFAULTS.network(), Kind.TEXT, Range.ANY,
		"network to train: unet (image-domain U-Net) or varnet (unrolled variational network on k-space; crop is then the largest simulated matrix side)"),
	CASCADES("cascades", number(TrainingConfig.DEFAULTS.cascades()), Kind.INTEGER, Range.closed(1, 32),
		"VarNet unrolled cascades, 1 to 32 (new models only)"),
	START("start", TrainingConfig.DEFAULTS.start(), Kind.TEXT, Range.ANY,
		"where a new VarNet's cascades start: zero-filled (the measured samples), tv or wavelet (that method's solution at its defaults, refined by the network), or auto (tv for single-coil data, wavelet for multi-coil)"),
	SUPERVISION("supervision", TrainingConfig.DEFAULTS.supervision(), Kind.TEXT, Range.ANY,
		"full: pairs simulated from fully sampled data; self (varnet): learn from undersampled scans alone (data= a folder of .h5/.npy/.cfl/.mrd/.dat with their masks), scoring held-back samples as SSDU"),
	MASK_TYPE("mask_type", TrainingConfig.DEFAULTS.maskType(), Kind.TEXT, Range.ANY,
		"VarNet training masks: random, equispaced or both (half each) columns"),
	DOUBLE_ACCELERATION("double_acceleration", Boolean.toString(TrainingConfig.DEFAULTS.doubleAcceleration()),
		Kind.BOOLEAN, Range.ANY, "VarNet training: half the samples at twice acceleration (centre fraction halved), as fastMRI's 4x/8x; false: all at acceleration"),
	VAL_DATA("val_data", TrainingConfig.DEFAULTS.valData(), Kind.TEXT, Range.ANY,
		"validation data: a folder or file of another subject whose axial slices choose the checkpoint kept (the held-out part of data= still stays out of training); empty: that held-out part"),
	SELECT("select", TrainingConfig.DEFAULTS.select(), Kind.TEXT, Range.ANY,
		"the validation score that chooses the checkpoint kept and stops a run early (patience): ssim or psnr");

	/** Number text as users type it: no ".0" on whole numbers. */
	static String number(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	/** How a value is parsed and checked. */
	public enum Kind {
			TEXT, PATH, REAL, INTEGER, BOOLEAN,
			/** a number in the range, or the word {@code auto} (read as NaN: chosen from the data) */
			REAL_OR_AUTO
	}

	private final String key;
	private final String defaultValue;
	private final Kind kind;
	private final Range range;
	private final String description;
	private final Map<String, String> commandDescriptions;

	/**
	 * @param commandDescriptions pairs of a subcommand name and what the key means there, for the commands where
	 *          it means something else than {@code description} (help shows one command's meaning only)
	 */
	Key(final String key, final String defaultValue, final Kind kind, final Range range, final String description,
		final String... commandDescriptions)
	{
		this.key = key;
		this.defaultValue = defaultValue;
		this.kind = kind;
		this.range = range;
		this.description = description;
		final Map<String, String> m = new LinkedHashMap<>();
		for (int i = 0; i < commandDescriptions.length; i += 2)
			m.put(commandDescriptions[i], commandDescriptions[i + 1]);
		this.commandDescriptions = Map.copyOf(m);
	}

	/** The key as users type it, e.g. {@code center_fraction}. */
	public String key() {
		return key;
	}

	public String defaultValue() {
		return defaultValue;
	}

	public Kind kind() {
		return kind;
	}

	/** What the key means in general (and for the commands without a meaning of their own). */
	public String description() {
		return description;
	}

	/** What the key means for the subcommand called {@code command}. */
	public String description(final String command) {
		return commandDescriptions.getOrDefault(command, description);
	}

	/** The allowed values in words for help, e.g. "(0, 1)" or ">= 1"; empty when any value of the kind goes. */
	public String range() {
		return kind == Kind.BOOLEAN ? "true|false" : range.toString();
	}

	// -- Typed values (every parse error names the key) --

	public double defaultReal() {
		return real(defaultValue);
	}

	public int defaultInteger() {
		return integer(defaultValue);
	}

	public boolean defaultBoolean() {
		return bool(defaultValue);
	}

	/** A finite number inside this key's range. */
	/** {@link #real}, or NaN for {@code auto} (a value the method chooses from the data). */
	public double realOrAuto(final String value) {
		return value.trim().equalsIgnoreCase(AUTO) ? Double.NaN : real(value);
	}

	/** The word that asks for a value chosen from the data. */
	public static final String AUTO = "auto";

	public double real(final String value) {
		final double v;
		try {
			v = Double.parseDouble(value.trim());
		}
		catch (final NumberFormatException e) {
			throw invalid(value, "a number");
		}
		if (!Double.isFinite(v)) throw invalid(value, "a finite number");
		if (!range.contains(v)) throw invalid(value, "a number " + range());
		return v;
	}

	/** A whole number inside this key's range. */
	public int integer(final String value) {
		final int v;
		try {
			v = Integer.parseInt(value.trim());
		}
		catch (final NumberFormatException e) {
			throw invalid(value, "a whole number");
		}
		if (!range.contains(v)) throw invalid(value, "a whole number " + range());
		return v;
	}

	public boolean bool(final String value) {
		final String v = value.trim().toLowerCase(Locale.ROOT);
		if (v.equals("true") || v.equals("yes") || v.equals("1")) return true;
		if (v.equals("false") || v.equals("no") || v.equals("0")) return false;
		throw invalid(value, "true or false");
	}

	/** Checks {@code value} against the kind and range without keeping the result. */
	public void check(final String value) {
		switch (kind) {
			case REAL -> real(value);
			case REAL_OR_AUTO -> realOrAuto(value);
			case INTEGER -> integer(value);
			case BOOLEAN -> bool(value);
			default -> {}
		}
	}

	/** The key named {@code name}, if any. */
	public static Optional<Key> named(final String name) {
		return Arrays.stream(values()).filter(k -> k.key.equals(name)).findFirst();
	}

	private AccelMRException invalid(final String value, final String expected) {
		return new AccelMRException(key + " must be " + expected + ", got '" + value + "'");
	}

	/** An interval of allowed numbers; a null bound is unbounded. */
	record Range(Double min, boolean minIncluded, Double max, boolean maxIncluded) {

		static final Range ANY = new Range(null, false, null, false);

		static Range above(final double min) {
			return new Range(min, false, null, false);
		}

		static Range atLeast(final double min) {
			return new Range(min, true, null, false);
		}

		static Range open(final double min, final double max) {
			return new Range(min, false, max, false);
		}

		static Range closedOpen(final double min, final double max) {
			return new Range(min, true, max, false);
		}

		static Range closed(final double min, final double max) {
			return new Range(min, true, max, true);
		}

		boolean contains(final double v) {
			final boolean aboveMin = min == null || (minIncluded ? v >= min : v > min);
			final boolean belowMax = max == null || (maxIncluded ? v <= max : v < max);
			return aboveMin && belowMax;
		}

		@Override
		public String toString() {
			if (min != null && max != null && min.equals(max)) return minIncluded && maxIncluded ? "= " + plain(min) :
				"(none)";
			if (min != null && max != null) return (minIncluded ? "[" : "(") + plain(min) + ", " + plain(max) +
				(maxIncluded ? "]" : ")");
			if (min != null) return (minIncluded ? ">= " : "> ") + plain(min);
			if (max != null) return (maxIncluded ? "<= " : "< ") + plain(max);
			return "";
		}

		private static String plain(final double v) {
			return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
		}
	}
}
