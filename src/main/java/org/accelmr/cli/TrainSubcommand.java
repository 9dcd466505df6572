package org.accelmr.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.accelmr.progress.CancelledException;
import org.accelmr.train.TrainingConfig;
import org.accelmr.train.TrainingResult;
import org.accelmr.train.UNetTrainer;
import org.accelmr.train.VarNetTrainer;

/**
 * {@code accelmr train data=DIR output=models/NAME [init=MODEL epochs=... batch_size=... lr=... seed=...]}:
 * trains (or fine-tunes, or resumes) a U-Net with {@link UNetTrainer}, or with {@code architecture=varnet} a
 * variational network with {@link VarNetTrainer}. Every epoch leaves a checkpoint, so
 * Ctrl-C loses at most the epoch in progress; running the same line again resumes from it. {@code max_minutes}
 * ends this run at a checkpoint of the step where the time ran out; the same line then continues for up to
 * another {@code max_minutes}, and says so when the run is complete.
 */
public final class TrainSubcommand implements Subcommand {

	/** The keys in help order; each is a {@link TrainingConfig} setting of the same name. */
	static final List<Key> KEYS = List.of(Key.DATA, Key.OUTPUT, Key.INIT, Key.EPOCHS, Key.STEPS_PER_EPOCH,
		Key.BATCH_SIZE, Key.LR, Key.BETA1, Key.BETA2, Key.WEIGHT_DECAY, Key.LOSS, Key.VAL_FRACTION, Key.VAL_SLICES,
		Key.SEED, Key.CHANS, Key.POOLS, Key.NORM_GROUPS, Key.RESIDUAL, Key.CROP, Key.ACCELERATION,
		Key.CENTER_FRACTION_MIN, Key.CENTER_FRACTION_MAX, Key.MAX_COILS, Key.MAX_NOISE, Key.PATIENCE, Key.MAX_MINUTES,
		Key.THREADS, Key.RESUME, Key.ARCHITECTURE, Key.CASCADES, Key.START, Key.SUPERVISION, Key.COIL_MAPS,
		Key.MASK_TYPE, Key.DOUBLE_ACCELERATION, Key.VAL_DATA, Key.SELECT);

	/** Where train's defaults differ from the key's default elsewhere (taken from TrainingConfig.DEFAULTS). */
	static final Map<Key, String> DEFAULTS = Map.of(Key.CROP, Key.number(TrainingConfig.DEFAULTS.crop()),
		Key.THREADS, Key.number(TrainingConfig.DEFAULTS.threads()), Key.ACCELERATION, Key.number(
			TrainingConfig.DEFAULTS.acceleration()), Key.SEED, Key.number(TrainingConfig.DEFAULTS.seed()));

	static final Spec SPEC = new Spec("train", "Train network",
		"train a U-Net on fully sampled data (simulated coils, phase, noise and masks); resumes from its checkpoint",
		"", KEYS, List.of(Key.DATA, Key.OUTPUT), DEFAULTS,
		"./accelmr train data=my-scans/ output=models/my-unet init=models/unet-colin27 epochs=5 max_minutes=60");

	@Override
	public Spec spec() {
		return SPEC;
	}

	@Override
	public int run(final Arguments arguments, final PrintStream out) {
		final TrainingConfig config = config(arguments);
		out.printf(Locale.ROOT, "training %s from %s: up to %d epochs x %d steps x %d slices, %d torch thread(s)%n",
			config.output(), config.data(), config.epochs(), config.stepsPerEpoch(), config.batchSize(), config
				.threads());
		// the trainer already spaces its status lines (every 25 steps, once per epoch): print each of them
		final boolean varnet = TrainingConfig.VARNET.equals(config.network());
		final ConsoleProgress progress = new ConsoleProgress(out, 0);
		final TrainingResult r;
		try (StopOnSignal stop = StopOnSignal.install(progress, out)) {
			r = varnet ? VarNetTrainer.train(config, progress) : UNetTrainer.train(config, progress);
		}
		catch (final CancelledException e) {
			out.println("stopped: the files of the last finished epoch remain; run the same line again to continue");
			return StopOnSignal.STOPPED;
		}
		if (r.best() == null) { // the time limit ended the run before its first epoch was validated
			out.printf(Locale.ROOT, "stopped (%s) at step %d after %.1f s, before the first epoch ended: no model yet; " +
				"run the same line again to continue%n", r.stopReason(), r.steps(), r.seconds());
			return Main.OK;
		}
		out.printf(Locale.ROOT, "done (%s): %d epoch(s), %d steps in %.1f s; best validation SSIM %.4f, PSNR %.2f dB%n",
			r.stopReason(), r.epochsDone(), r.steps(), r.seconds(), r.best().ssim(), r.best().psnr());
		final String which = UNetTrainer.COMPLETE.equals(r.stopReason()) ? "the model is " : "time limit".equals(r
			.stopReason()) ? "the best model so far is " : "wrote ";
		out.println(which + r.model().params() +
			" and " + r.model().sidecar() + "; use it with: ./accelmr reconstruct method=" + config.network() + " model=" + r.model()
				.params() + " ...");
		if ("time limit".equals(r.stopReason())) out.println("run the same line again to continue training");
		return Main.OK;
	}

	/** The training settings the keys describe: every key, typed or defaulted, under its own name. */
	static TrainingConfig config(final Arguments arguments) {
		final Map<String, String> settings = new LinkedHashMap<>();
		for (final Key key : KEYS)
			settings.put(key.key(), key.kind() == Key.Kind.BOOLEAN ? Boolean.toString(arguments.bool(key)) : arguments
				.text(key));
		return TrainingConfig.DEFAULTS.with(settings);
	}
}
