package org.accelmr.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.accelmr.AccelMRException;
import org.accelmr.nn.UNetArchitecture;
import org.accelmr.nn.VarNetArchitecture;

/**
 * Every setting of a U-Net training run; key names are the launcher's {@code key=value} names
 * ({@code ./accelmr train data=DIR output=models/NAME epochs=20 ...}).
 *
 * @param data folder (or single file) of fully sampled fastMRI .h5 files and/or image volumes
 * @param output model path stem: writes {@code output.params} + {@code output.json} (best on validation) and
 *          {@code output.checkpoint-STEP.*} + {@code output.state.json} (checkpoint for resume, see
 *          {@link Checkpoints}); never the files of {@code init} or {@code data}
 * @param init model to start from (fine-tuning), or empty for random initialisation
 * @param epochs epochs at most
 * @param stepsPerEpoch optimiser steps per epoch (each draws fresh slices, augmentation and masks)
 * @param batchSize slices per step
 * @param lr Adam's base learning rate; a linear warm-up over the first 2% of steps, then a cosine decay to
 *          {@code lr / 20} at the last step
 * @param beta1 Adam beta1
 * @param beta2 Adam beta2
 * @param weightDecay L2 weight decay added to the gradient
 * @param loss {@code l1} or {@code ssim} (1 - SSIM, 7x7 uniform window)
 * @param valFraction fraction of the data held out for validation (slab of a single volume, or whole files)
 * @param valSlices held-out slices evaluated each epoch, at most
 * @param seed seeds initialisation, the split, every augmentation and mask
 * @param chans U-Net channels of the first level
 * @param pools U-Net pooling levels
 * @param normGroups GroupNorm groups at most per layer
 * @param residual whether the network adds its input to its output ({@link UNetArchitecture#residual()})
 * @param crop training patch side in pixels (patches are cut after zero-filling the whole slice)
 * @param acceleration R of the random column masks
 * @param centerFractionMin smallest fully sampled centre fraction drawn
 * @param centerFractionMax largest
 * @param maxCoils simulated coils are drawn from 1 to this
 * @param maxNoise complex noise standard deviation is drawn from 0 to this fraction of the coil image maximum
 * @param patience stop after this many epochs without a better validation SSIM
 * @param maxMinutes end this run at a checkpoint of the current step once it has trained this many minutes
 *          (this run's time, not the total); running again continues; 0 = no limit
 * @param threads libtorch intra-op threads (data simulation runs on one more thread)
 * @param resume continue from {@code output.state.json} when it exists
 * @param network key {@code architecture}: {@code unet} ({@link UNetTrainer}) or {@code varnet} ({@link VarNetTrainer}: unrolled
 *          variational network; {@code crop} is then the largest simulated matrix side, {@code chans}, {@code pools}
 *          and {@code norm_groups} shape each cascade's U-Net, {@code max_coils} is the most coils it accepts)
 * @param cascades VarNet cascades (unrolled steps)
 * @param start where a new VarNet's cascades start ({@link org.accelmr.nn.VarNetArchitecture#start()}):
 *          {@code zero-filled}, {@code tv} or {@code wavelet}
 * @param supervision {@code full} (pairs simulated from fully sampled data) or {@code self} (VarNet only: SSDU on
 *          undersampled scans, {@link SelfSupervision})
 * @param coilMaps the coil maps a new VarNet is trained with, estimated per sample from its calibration region:
 *          {@code espirit} or {@code rss} (cheaper, worse on narrow centres)
 * @param maskType VarNet: the column masks drawn, {@code random}, {@code equispaced} or {@code both} (half each)
 * @param doubleAcceleration VarNet: half the samples at twice {@code acceleration} (centre fraction halved), as
 *          fastMRI's 4x/8x pairs; false: every sample at {@code acceleration}
 * @param valData folder or file whose axial slices are the validation set instead of the held-out part of
 *          {@code data} (which then still stays out of training), or empty: another subject than the training
 *          data, so that the checkpoint kept is the one that generalises, not the one that fits the training
 *          subject best
 * @param select the validation score that chooses the checkpoint kept and ends a run early: {@code ssim} or
 *          {@code psnr}
 */
public record TrainingConfig(String data, String output, String init, int epochs, int stepsPerEpoch,
	int batchSize, double lr, double beta1, double beta2, double weightDecay, String loss, double valFraction,
	int valSlices, long seed, int chans, int pools, int normGroups, boolean residual, int crop, double acceleration,
	double centerFractionMin, double centerFractionMax, int maxCoils, double maxNoise, int patience,
	double maxMinutes, int threads, boolean resume, String network, int cascades, String start,
	String supervision, String coilMaps, String maskType, boolean doubleAcceleration, String valData,
	String select)
{

	public static final String UNET = "unet";
	public static final String VARNET = "varnet";
	public static final String RANDOM_MASKS = "random";
	public static final String EQUISPACED_MASKS = "equispaced";
	public static final String BOTH_MASKS = "both";
	public static final String SELECT_SSIM = "ssim";
	public static final String SELECT_PSNR = "psnr";

	public static final TrainingConfig DEFAULTS = new TrainingConfig("", "", "", 30, 200, 4, 1e-3, 0.9, 0.999, 0,
		"l1", 0.1, 32, 42, 16, 4, 8, true, 128, 4, 0.08, 0.16, 16, 0.04, 8, 0, 1, true, UNET, 6, VarNetArchitecture.ZERO_FILLED, "full",
		VarNetArchitecture.ESPIRIT, BOTH_MASKS, true, "", "ssim");

	/** Whether a run that has trained {@code secondsThisRun} (this run's time, not the total) has reached {@code max_minutes}. */
	public boolean timeLimitReached(final double secondsThisRun) {
		return maxMinutes > 0 && secondsThisRun >= 60 * maxMinutes;
	}

	/** The keys {@link #with(Map)} accepts. */
	public static final Set<String> KEYS = Set.of("data", "output", "init", "epochs", "steps_per_epoch",
		"batch_size", "lr", "beta1", "beta2", "weight_decay", "loss", "val_fraction", "val_slices", "seed", "chans",
		"pools", "norm_groups", "residual", "crop", "acceleration", "center_fraction_min", "center_fraction_max", "max_coils",
		"max_noise", "patience", "max_minutes", "threads", "resume", "architecture", "cascades", "start", "supervision", "coil_maps",
		"mask_type", "double_acceleration", "val_data", "select");

	public TrainingConfig {
		check(epochs >= 1, "epochs", "at least 1", epochs);
		check(stepsPerEpoch >= 1, "steps_per_epoch", "at least 1", stepsPerEpoch);
		check(batchSize >= 1, "batch_size", "at least 1", batchSize);
		check(lr > 0 && lr < 1, "lr", "between 0 and 1", lr);
		check(beta1 >= 0 && beta1 < 1, "beta1", "in [0, 1)", beta1);
		check(beta2 >= 0 && beta2 < 1, "beta2", "in [0, 1)", beta2);
		check(weightDecay >= 0, "weight_decay", ">= 0", weightDecay);
		check("l1".equals(loss) || "ssim".equals(loss), "loss", "l1 or ssim", loss);
		check(valFraction > 0 && valFraction < 0.5, "val_fraction", "between 0 and 0.5", valFraction);
		check(valSlices >= 1, "val_slices", "at least 1", valSlices);
		check(crop >= 16, "crop", "at least 16", crop);
		check(acceleration > 1, "acceleration", "above 1", acceleration);
		check(centerFractionMin > 0 && centerFractionMin <= centerFractionMax && centerFractionMax < 1,
			"center_fraction_min/max", "0 < min <= max < 1", centerFractionMin + "/" + centerFractionMax);
		check(maxCoils >= 1 && maxCoils <= 64, "max_coils", "between 1 and 64", maxCoils);
		check(maxNoise >= 0 && maxNoise < 1, "max_noise", "in [0, 1)", maxNoise);
		check(patience >= 1, "patience", "at least 1", patience);
		check(maxMinutes >= 0, "max_minutes", ">= 0", maxMinutes);
		check(threads >= 1, "threads", "at least 1", threads);
		check(UNET.equals(network) || VARNET.equals(network), "architecture", UNET + " or " + VARNET, network);
		check(cascades >= 1 && cascades <= 32, "cascades", "between 1 and 32", cascades);
		check(VarNetArchitecture.isStart(start), "start", VarNetArchitecture.STARTS, start);
		check("full".equals(supervision) || "self".equals(supervision) && VARNET.equals(network), "supervision",
			"full, or self with architecture=varnet", supervision);
		check(VarNetArchitecture.ESPIRIT.equals(coilMaps) || VarNetArchitecture.RSS.equals(coilMaps), "coil_maps",
			"espirit or rss for training", coilMaps);
		check(RANDOM_MASKS.equals(maskType) || EQUISPACED_MASKS.equals(maskType) || BOTH_MASKS.equals(maskType),
			"mask_type", RANDOM_MASKS + ", " + EQUISPACED_MASKS + " or " + BOTH_MASKS, maskType);
		check(valData.isBlank() || !"self".equals(supervision), "val_data", "empty with supervision=self (its validation " +
			"holds back samples of the undersampled scans)", valData);
		check(VARNET.equals(network) || BOTH_MASKS.equals(maskType) && doubleAcceleration, "mask_type and " +
			"double_acceleration", "left at their defaults (both, true) with architecture=unet, whose masks are random " +
			"columns at acceleration", maskType + ", " + doubleAcceleration);
		check(SELECT_SSIM.equals(select) || SELECT_PSNR.equals(select), "select", SELECT_SSIM + " or " + SELECT_PSNR,
			select);
		architecture(chans, pools, normGroups, residual);
		check(crop % (1 << pools) == 0, "crop", "a multiple of 2^pools = " + (1 << pools), crop);
	}

	private static UNetArchitecture architecture(final int chans, final int pools, final int normGroups,
		final boolean residual)
	{
		return new UNetArchitecture(chans, pools, normGroups, residual);
	}

	/** Whether the network learns from undersampled scans alone ({@code supervision=self}). */
	public boolean selfSupervised() {
		return "self".equals(supervision);
	}

	public UNetArchitecture architecture() {
		return architecture(chans, pools, normGroups, residual);
	}

	private static void check(final boolean ok, final String key, final String expected, final Object got) {
		if (!ok) throw new AccelMRException(key + " must be " + expected + ", got " + got);
	}

	/**
	 * This config with the given {@code key=value} settings applied.
	 *
	 * @throws AccelMRException naming the key for unknown keys and unparsable values
	 */
	public TrainingConfig with(final Map<String, String> settings) {
		final Map<String, String> v = new LinkedHashMap<>(asMap());
		for (final Map.Entry<String, String> e : settings.entrySet()) {
			if (!KEYS.contains(e.getKey())) throw new AccelMRException("unknown training key '" + e.getKey() +
				"'; known keys: " + String.join(", ", KEYS.stream().sorted().toList()));
			v.put(e.getKey(), e.getValue().trim());
		}
		return new TrainingConfig(v.get("data"), v.get("output"), v.get("init"), integer(v, "epochs"), integer(v,
			"steps_per_epoch"), integer(v, "batch_size"), real(v, "lr"), real(v, "beta1"), real(v, "beta2"), real(v,
				"weight_decay"), v.get("loss"), real(v, "val_fraction"), integer(v, "val_slices"), (long) real(v,
					"seed"), integer(v, "chans"), integer(v, "pools"), integer(v, "norm_groups"), bool(v, "residual"),
			integer(v, "crop"),
			real(v, "acceleration"), real(v, "center_fraction_min"), real(v, "center_fraction_max"), integer(v,
				"max_coils"), real(v, "max_noise"), integer(v, "patience"), real(v, "max_minutes"), integer(v,
					"threads"), bool(v, "resume"), v.get("architecture"), integer(v, "cascades"), v.get("start"), v.get("supervision"),
			v.get("coil_maps"), v.get("mask_type"), bool(v, "double_acceleration"), v.get("val_data"),
			v.get("select"));
	}

	/** Every setting as {@code key -> value} text, in the order of {@link #KEYS}' documentation. */
	public Map<String, String> asMap() {
		final Map<String, String> m = new LinkedHashMap<>();
		m.put("data", data);
		m.put("output", output);
		m.put("init", init);
		m.put("epochs", Integer.toString(epochs));
		m.put("steps_per_epoch", Integer.toString(stepsPerEpoch));
		m.put("batch_size", Integer.toString(batchSize));
		m.put("lr", Double.toString(lr));
		m.put("beta1", Double.toString(beta1));
		m.put("beta2", Double.toString(beta2));
		m.put("weight_decay", Double.toString(weightDecay));
		m.put("loss", loss);
		m.put("val_fraction", Double.toString(valFraction));
		m.put("val_slices", Integer.toString(valSlices));
		m.put("seed", Long.toString(seed));
		m.put("chans", Integer.toString(chans));
		m.put("pools", Integer.toString(pools));
		m.put("norm_groups", Integer.toString(normGroups));
		m.put("residual", Boolean.toString(residual));
		m.put("crop", Integer.toString(crop));
		m.put("acceleration", Double.toString(acceleration));
		m.put("center_fraction_min", Double.toString(centerFractionMin));
		m.put("center_fraction_max", Double.toString(centerFractionMax));
		m.put("max_coils", Integer.toString(maxCoils));
		m.put("max_noise", Double.toString(maxNoise));
		m.put("patience", Integer.toString(patience));
		m.put("max_minutes", Double.toString(maxMinutes));
		m.put("threads", Integer.toString(threads));
		m.put("resume", Boolean.toString(resume));
		m.put("architecture", network);
		m.put("cascades", Integer.toString(cascades));
		m.put("start", start);
		m.put("supervision", supervision);
		m.put("coil_maps", coilMaps);
		m.put("mask_type", maskType);
		m.put("double_acceleration", Boolean.toString(doubleAcceleration));
		m.put("val_data", valData);
		m.put("select", select);
		return m;
	}

	private static int integer(final Map<String, String> v, final String key) {
		try {
			return Integer.parseInt(v.get(key));
		}
		catch (final NumberFormatException e) {
			throw new AccelMRException(key + " must be an integer, got '" + v.get(key) + "'");
		}
	}

	private static double real(final Map<String, String> v, final String key) {
		try {
			return Double.parseDouble(v.get(key));
		}
		catch (final NumberFormatException e) {
			throw new AccelMRException(key + " must be a number, got '" + v.get(key) + "'");
		}
	}

	private static boolean bool(final Map<String, String> v, final String key) {
		final String s = v.get(key).toLowerCase();
		if (!s.equals("true") && !s.equals("false")) throw new AccelMRException(key +
			" must be true or false, got '" + v.get(key) + "'");
		return Boolean.parseBoolean(s);
	}
}
