package org.accelmr.commands;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.cli.Key;
import org.accelmr.train.TrainingConfig;
import org.accelmr.train.TrainingResult;
import org.accelmr.train.UNetTrainer;
import org.accelmr.train.VarNetTrainer;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; AccelMR &gt; Train network: {@link UNetTrainer} or, with Architecture varnet, {@link VarNetTrainer},
 * with the settings of {@code ./accelmr train}, loss and ETA in the status bar. Cancelling stops at the next step; the last checkpoint remains, and running again with
 * resume=true continues from it (so does running again after the time limit ended a run).
 */
@Plugin(type = Command.class, menuPath = "Plugins>AccelMR>Train network")
public class TrainUNetCommand extends AccelMRCommand {

	private static final TrainingConfig DEFAULTS = TrainingConfig.DEFAULTS;

	// field names are the macro keys (see org.accelmr.cli.Key); defaults are TrainingConfig.DEFAULTS
	@Parameter(persist = false, label = "Training data", style = "directory", description = "folder (or file) of fully sampled .h5 fastMRI k-space and/or image volumes (.nii, .nii.gz, .tif, .npy)")
	private File data;

	@Parameter(persist = false, label = "Output model", style = "save", description = "model path stem, e.g. models/my-unet: writes .params + .json, a checkpoint and .state.json; never an input (init, data)")
	private File output;

	@Parameter(persist = false, label = "Start from model", style = "open", required = false, description = "model to fine-tune, e.g. models/unet-colin27.params; empty: random initialisation")
	private File init;

	@Parameter(persist = false, label = "Epochs", min = "1", description = "training epochs at most, >= 1")
	private int epochs = DEFAULTS.epochs();

	@Parameter(persist = false, label = "Steps per epoch", min = "1", description = "optimiser steps per epoch, each on fresh simulated slices")
	private int steps_per_epoch = DEFAULTS.stepsPerEpoch();

	@Parameter(persist = false, label = "Batch size", min = "1", description = "slices per optimiser step, >= 1")
	private int batch_size = DEFAULTS.batchSize();

	@Parameter(persist = false, label = "Learning rate", stepSize = "0.0001", description = "Adam learning rate, in (0, 1); warm-up then cosine decay")
	private double lr = DEFAULTS.lr();

	@Parameter(persist = false, label = "Adam beta1", description = "Adam's first-moment decay, in [0, 1)")
	private double beta1 = DEFAULTS.beta1();

	@Parameter(persist = false, label = "Adam beta2", description = "Adam's second-moment decay, in [0, 1)")
	private double beta2 = DEFAULTS.beta2();

	@Parameter(persist = false, label = "Weight decay", min = "0", description = "Adam L2 weight decay, >= 0")
	private double weight_decay = DEFAULTS.weightDecay();

	@Parameter(persist = false, label = "Loss", choices = { "l1", "ssim" }, description = "l1, or ssim (1 - SSIM, 7x7 window)")
	private String loss = DEFAULTS.loss();

	@Parameter(persist = false, label = "Validation fraction", description = "fraction of the data held out for validation, in (0, 0.5)")
	private double val_fraction = DEFAULTS.valFraction();

	@Parameter(persist = false, label = "Validation slices", min = "1", description = "held-out slices scored after each epoch, at most")
	private int val_slices = DEFAULTS.valSlices();

	@Parameter(persist = false, label = "Seed", description = "seeds initialisation, the split, augmentation and masks")
	private int seed = (int) DEFAULTS.seed();

	@Parameter(persist = false, label = "Channels", min = "1", description = "U-Net channels of the first level (new models only)")
	private int chans = DEFAULTS.chans();

	@Parameter(persist = false, label = "Pooling levels", min = "1", description = "U-Net pooling levels (new models only)")
	private int pools = DEFAULTS.pools();

	@Parameter(persist = false, label = "GroupNorm groups", min = "1", description = "GroupNorm groups per layer at most (new models only)")
	private int norm_groups = DEFAULTS.normGroups();

	@Parameter(persist = false, label = "Residual", description = "the network adds its input to its output (new models only)")
	private boolean residual = DEFAULTS.residual();

	@Parameter(persist = false, label = "Patch side", min = "16", description = "side of the square training patches in pixels, a multiple of 2^pools")
	private int crop = DEFAULTS.crop();

	@Parameter(persist = false, label = "Acceleration", description = "R of the random column masks trained for, > 1")
	private double acceleration = DEFAULTS.acceleration();

	@Parameter(persist = false, label = "Centre fraction min", description = "smallest fully sampled centre fraction of the masks")
	private double center_fraction_min = DEFAULTS.centerFractionMin();

	@Parameter(persist = false, label = "Centre fraction max", description = "largest fully sampled centre fraction of the masks")
	private double center_fraction_max = DEFAULTS.centerFractionMax();

	@Parameter(persist = false, label = "Coils at most", min = "1", max = "64", description = "simulated coils are drawn from 1 to this")
	private int max_coils = DEFAULTS.maxCoils();

	@Parameter(persist = false, label = "Noise at most", description = "complex noise drawn from 0 to this fraction of the maximum, in [0, 1)")
	private double max_noise = DEFAULTS.maxNoise();

	@Parameter(persist = false, label = "Patience", min = "1", description = "stop after this many epochs without a better validation SSIM")
	private int patience = DEFAULTS.patience();

	@Parameter(persist = false, label = "Time limit (minutes)", min = "0", description = "end this run at a checkpoint once it has trained this long (running again continues); 0: no limit")
	private double max_minutes = DEFAULTS.maxMinutes();

	@Parameter(persist = false, label = "Torch threads", min = "1", description = "libtorch threads; 1 was the fastest on 2-core machines")
	private int threads = DEFAULTS.threads();

	@Parameter(persist = false, label = "Resume", description = "continue from the output's checkpoint when there is one")
	private boolean resume = DEFAULTS.resume();

	@Parameter(persist = false, label = "Architecture", choices = { "unet", "varnet" }, description = "unet (image-domain U-Net) or varnet (unrolled variational network on k-space; Patch side is then the largest simulated matrix side)")
	private String architecture = DEFAULTS.network();

	@Parameter(persist = false, label = "VarNet cascades", min = "1", max = "32", description = "VarNet unrolled cascades (new models only)")
	private int cascades = DEFAULTS.cascades();

	@Parameter(persist = false, label = "VarNet start", choices = { "zero-filled", "tv", "wavelet", "auto" }, description = "where a new VarNet's cascades start: the measured samples, the tv or wavelet solution at its defaults, or auto (tv for one coil, wavelet for more)")
	private String start = DEFAULTS.start();

	@Parameter(persist = false, label = "Supervision", choices = { "full", "self" }, description = "full: pairs simulated from fully sampled data; self (varnet only): learn from undersampled scans alone, scoring held-back samples")
	private String supervision = DEFAULTS.supervision();

	@Parameter(persist = false, label = "VarNet coil maps", choices = { "espirit", "rss" }, description = "the coil maps a new VarNet is trained with (estimated per sample): espirit, or rss (cheaper, worse on narrow centres)")
	private String coil_maps = DEFAULTS.coilMaps();

	@Parameter(persist = false, label = "VarNet masks", choices = { "both", "random", "equispaced" }, description = "the column masks a VarNet is trained on: both (half each), random or equispaced")
	private String mask_type = DEFAULTS.maskType();

	@Parameter(persist = false, label = "VarNet: also twice the acceleration", description = "half the VarNet's training samples at twice the acceleration (as fastMRI's 4x/8x); off: all at the acceleration")
	private boolean double_acceleration = DEFAULTS.doubleAcceleration();

	@Parameter(persist = false, label = "Validation data", style = "open", required = false, description = "another subject's volume (or folder) whose slices choose the checkpoint kept; empty: a held-out part of the training data")
	private File val_data;

	@Parameter(persist = false, label = "Keep the checkpoint with the best", choices = { "ssim", "psnr" }, description = "the validation score that chooses the checkpoint kept and stops a run early")
	private String select = DEFAULTS.select();

	@Parameter(type = ItemIO.OUTPUT, label = "trained model")
	private String model;

	private TrainingResult result;

	@Override
	protected void execute() {
		if (data == null) throw new AccelMRException("data is required: a folder of fully sampled training data");
		if (output == null) throw new AccelMRException("output is required, e.g. output=models/my-unet");
		final TrainingConfig config = config();
		result = TrainingConfig.VARNET.equals(config.network()) ? VarNetTrainer.train(config, progress()) : UNetTrainer
			.train(config, progress());
		// null when the time limit ended the run before its first epoch was validated: no model yet
		model = result.best() == null ? null : result.model().params().toString();
	}

	private TrainingConfig config() {
		final Map<String, String> v = new LinkedHashMap<>();
		v.put(Key.DATA.key(), data.getPath());
		v.put(Key.OUTPUT.key(), output.getPath());
		v.put(Key.INIT.key(), init == null ? "" : init.getPath());
		v.put(Key.EPOCHS.key(), Integer.toString(epochs));
		v.put(Key.STEPS_PER_EPOCH.key(), Integer.toString(steps_per_epoch));
		v.put(Key.BATCH_SIZE.key(), Integer.toString(batch_size));
		v.put(Key.LR.key(), Double.toString(lr));
		v.put(Key.BETA1.key(), Double.toString(beta1));
		v.put(Key.BETA2.key(), Double.toString(beta2));
		v.put(Key.WEIGHT_DECAY.key(), Double.toString(weight_decay));
		v.put(Key.LOSS.key(), loss);
		v.put(Key.VAL_FRACTION.key(), Double.toString(val_fraction));
		v.put(Key.VAL_SLICES.key(), Integer.toString(val_slices));
		v.put(Key.SEED.key(), Integer.toString(seed));
		v.put(Key.CHANS.key(), Integer.toString(chans));
		v.put(Key.POOLS.key(), Integer.toString(pools));
		v.put(Key.NORM_GROUPS.key(), Integer.toString(norm_groups));
		v.put(Key.RESIDUAL.key(), Boolean.toString(residual));
		v.put(Key.CROP.key(), Integer.toString(crop));
		v.put(Key.ACCELERATION.key(), Double.toString(acceleration));
		v.put(Key.CENTER_FRACTION_MIN.key(), Double.toString(center_fraction_min));
		v.put(Key.CENTER_FRACTION_MAX.key(), Double.toString(center_fraction_max));
		v.put(Key.MAX_COILS.key(), Integer.toString(max_coils));
		v.put(Key.MAX_NOISE.key(), Double.toString(max_noise));
		v.put(Key.PATIENCE.key(), Integer.toString(patience));
		v.put(Key.MAX_MINUTES.key(), Double.toString(max_minutes));
		v.put(Key.THREADS.key(), Integer.toString(threads));
		v.put(Key.RESUME.key(), Boolean.toString(resume));
		v.put(Key.ARCHITECTURE.key(), architecture);
		v.put(Key.CASCADES.key(), Integer.toString(cascades));
		v.put(Key.START.key(), start);
		v.put(Key.SUPERVISION.key(), supervision);
		v.put(Key.COIL_MAPS.key(), coil_maps);
		v.put(Key.MASK_TYPE.key(), mask_type);
		v.put(Key.DOUBLE_ACCELERATION.key(), Boolean.toString(double_acceleration));
		v.put(Key.VAL_DATA.key(), val_data == null ? "" : val_data.getPath());
		v.put(Key.SELECT.key(), select);
		return TrainingConfig.DEFAULTS.with(v);
	}

	/** What the run left behind, or null before it finished. */
	public TrainingResult result() {
		return result;
	}
}
