package org.accelmr.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.accelmr.AccelMRException;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelSidecar;
import org.accelmr.nn.ModelSidecar.ValidationMetrics;
import org.accelmr.nn.TorchRuntime;
import org.accelmr.nn.UNetArchitecture;
import org.accelmr.nn.UNetModel;
import org.accelmr.progress.Progress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Trains a {@link ModelSidecar U-Net model} on simulated acquisitions of the user's fully sampled images:
 * every step draws {@code batch_size} training slices, augments them ({@link SliceAugmenter}), simulates coils,
 * phase, noise and a fresh random mask ({@link PairSimulator}), and takes one Adam step on the L1 (or 1-SSIM)
 * loss between the network's output and the target patch, both normalised by the input's statistics. After
 * each epoch it scores the fixed {@link ValidationSet}, writes a checkpoint ({@link Checkpoints}) and, when
 * validation SSIM improved, the model ({@code output.params/.json}). Batches are simulated on a second thread
 * while the network trains on the current one; each batch depends only on the seed and its step number, so
 * the same settings give the same run.
 *
 * <p>Time limit: {@code max_minutes} counts this run's time. When it passes, the run ends after the current step
 * with a checkpoint of that step (inside an epoch when it falls there; that epoch is validated when it ends in
 * a later run). Running the same line again continues from there for up to another {@code max_minutes}; once
 * every epoch is done (or early stopping ended the run) it only says that the run is complete.
 *
 * <p>Divergence: a step whose loss is not finite, or an epoch whose weights or validation scores are not finite,
 * ends the run with one line; the last checkpoint and the best model on disk are the ones of the last good
 * epoch, because nothing is written after the failure.
 */
public final class UNetTrainer {

	static final String AUGMENTATION = "1 or 2 mm pixels (canvas 256/128), gamma 0.5-2, intensity x0.25-4, " +
		"8 flips/rotations, shift; smooth random phase; 1-%d birdcage coils; complex noise 0-%.0f%% of max; " +
		"random columns R=%.0f, centre fraction %.2f-%.2f, fresh mask per step";

	/** {@link TrainingResult#stopReason()} of a run that found nothing left to do. */
	public static final String COMPLETE = "already complete";

	private UNetTrainer() {}

	/**
	 * Runs (or resumes) the training {@code config} describes.
	 *
	 * @throws AccelMRException on bad settings or data, an output that would overwrite an input, or a diverging
	 *           run, with one line naming the key, file or step
	 * @throws org.accelmr.progress.CancelledException when cancelled; the last checkpoint's files remain
	 */
	public static TrainingResult train(final TrainingConfig config, final Progress progress) {
		if (config.data().isBlank()) throw new AccelMRException("data= is required: a folder of fully sampled " +
			TrainingData.KNOWN + " files");
		if (config.output().isBlank()) throw new AccelMRException("output= is required, e.g. output=models/mymodel");
		final Path out = Path.of(config.output());
		final ModelFiles bestFiles = ModelFiles.of(out);
		final Checkpoints checkpoints = Checkpoints.of(out);
		refuseOverwritingInputs(config, bestFiles, checkpoints);
		final Path statePath = checkpoints.statePath();
		try {
			Files.createDirectories(statePath.getParent());
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot create the output folder of " + out + ": " + e.getMessage(), e);
		}
		final boolean resuming = config.resume() && Files.exists(statePath);
		TrainingState state = resuming ? TrainingState.read(statePath) : TrainingState.START;
		final TrainingResult complete = resuming ? completed(config, state, bestFiles, progress) : null;
		if (complete != null) return complete;
		TorchRuntime.engine(config.threads());
		final UNetModel model = resuming ? checkpoints.load(state, f -> UNetModel.load(f, config.threads()),
			m -> m.sidecar().training() == null ? -1 : m.sidecar().training().steps()) : !config.init().isBlank()
			? UNetModel.load(ModelFiles.of(Path.of(config.init())), config.threads()) : UNetModel.create(config
				.architecture(), config.seed(), config.threads());
		if (resuming) checkpoints.deleteStrays(state);
		final ExecutorService producer = Executors.newSingleThreadExecutor(r -> {
			final Thread t = new Thread(r, "accelmr-training-data");
			t.setDaemon(true);
			return t;
		});
		try {
			final UNetArchitecture arch = model.net().architecture();
			if (config.crop() % arch.sizeMultiple() != 0) throw new AccelMRException("crop must be a multiple of " +
				arch.sizeMultiple() + " for this model (pools=" + arch.pools() + "), got " + config.crop());
			final TrainingData data = TrainingData.load(Path.of(config.data()), config.valFraction(), config.seed(),
				2 * arch.minimumSize(), config.valSlices(), config.valData(), progress);
			final SliceAugmenter augmenter = new SliceAugmenter(config.crop());
			final PairSimulator simulator = new PairSimulator(config);
			progress.status("Simulating " + data.validation().size() + " validation slices");
			final ValidationSet validation = new ValidationSet(data.validation(), augmenter, simulator, config.seed());
			progress.status(String.format("Data: %d training and %d validation slices from %d file(s); " +
				"zero-filled validation SSIM %.4f, PSNR %.2f dB", data.training().size(), validation.size(), data
					.volumes(), validation.evaluateZeroFilled().ssim(), validation.evaluateZeroFilled().psnr()));
			if (resuming) progress.status("Resuming after epoch " + state.epochsDone() + ", step " + state.step());
			final long totalSteps = (long) config.epochs() * config.stepsPerEpoch();
			final Optimizer adam = Optimizer.adam().optLearningRateTracker(schedule(config.lr(), totalSteps))
				.optBeta1((float) config.beta1()).optBeta2((float) config.beta2()).optWeightDecays((float) config
					.weightDecay()).optBeginNumUpdate((int) state.step()).build();
			final DefaultTrainingConfig djlConfig = new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(adam);
			String stopReason = "epochs";
			final long start = System.nanoTime();
			final double secondsBefore = state.seconds();
			final long stepsBefore = state.step();
			try (Trainer trainer = model.djlModel().newTrainer(djlConfig)) {
				long step = state.step();
				Future<TrainingBatch> next = producer.submit(batchMaker(config, data, augmenter, simulator, step));
				for (int epoch = state.epochsDone() + 1; epoch <= config.epochs(); epoch++) {
					double lossSum = 0;
					int steps = 0;
					boolean timeUp = false;
					// a run the time limit ended inside an epoch continues that epoch where it stopped
					final long epochStart = (long) (epoch - 1) * config.stepsPerEpoch();
					long i = Checkpoints.stepsIntoEpoch(step, epochStart, config.stepsPerEpoch());
					for (; i < config.stepsPerEpoch() && !timeUp; i++) {
						progress.checkCancelled();
						final TrainingBatch batch = await(next);
						step++;
						next = producer.submit(batchMaker(config, data, augmenter, simulator, step));
						final double loss = step(trainer, batch, config.loss());
						if (!Double.isFinite(loss)) throw diverged(epoch, step, "the loss is " + loss, state,
							checkpoints);
						lossSum += loss;
						steps++;
						final double elapsed = (System.nanoTime() - start) / 1e9;
						final double perStep = elapsed / (step - stepsBefore);
						progress.progress(step, totalSteps);
						if (step % 25 == 0) progress.status(String.format("epoch %d/%d step %d/%d loss %.4f, %.1f " +
							"slices/s, ETA %s", epoch, config.epochs(), step, totalSteps, lossSum / steps, config
								.batchSize() / perStep, duration(perStep * (totalSteps - step))));
						timeUp = config.timeLimitReached(elapsed);
					}
					final String bad = model.firstNonFiniteParameter();
					if (bad != null) throw diverged(epoch, step, "parameter " + bad + " is NaN or infinite", state,
						checkpoints);
					final double seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
					final double slicesPerSecond = (step - stepsBefore) * config.batchSize() / ((System.nanoTime() -
						start) / 1e9);
					if (i < config.stepsPerEpoch()) {
						// the time limit passed inside this epoch: a checkpoint of this step, validated later
						final ModelSidecar partial = describe(config, data, arch, null, epoch - 1, step, seconds,
							slicesPerSecond);
						state = stopInsideEpoch(checkpoints, f -> model.save(f, partial), state, config, epoch, step,
							seconds, progress);
						stopReason = "time limit";
						break;
					}
					final ValidationMetrics metrics = validation.evaluate(model, epoch, progress);
					if (!metrics.finite()) throw diverged(epoch, step, "validation SSIM is " + metrics.ssim(), state,
						checkpoints);
					final ModelSidecar sidecar = describe(config, data, arch, metrics, epoch, step, seconds,
						slicesPerSecond);
					state = checkpoints.endEpoch(state, metrics, epoch, step, seconds, bestFiles, config.select(),
						f -> model.save(f, sidecar));
					final boolean better = state.epochsWithoutImprovement() == 0;
					progress.status(epochDone(config, epoch, lossSum / Math.max(1, steps), metrics, "", better, seconds));
					final String stop = Checkpoints.stopReason(timeUp, state, config);
					if (stop != null) {
						stopReason = stop;
						break;
					}
				}
			}
			return new TrainingResult(bestFiles, state.best(), state.epochsDone(), state.step(), state.seconds(),
				stopReason);
		}
		finally {
			producer.shutdownNow();
			model.close();
		}
	}

	/**
	 * The result of resuming a run that has nothing left to do (its epochs are done or it stopped early), with a
	 * status line saying what to change; null when it has.
	 */
	static TrainingResult completed(final TrainingConfig config, final TrainingState state, final ModelFiles best,
		final Progress progress)
	{
		if (state.epochsDone() < config.epochs() && state.epochsWithoutImprovement() < config.patience()) return null;
		final boolean early = state.epochsDone() < config.epochs();
		progress.status("The run is complete: " + (early ? "stopped early after epoch " + state.epochsDone() +
			" (no better validation SSIM for " + state.epochsWithoutImprovement() + " epochs)" : state.epochsDone() +
				" of " + config.epochs() + " epochs done") + "; raise " + (early ? "patience" : "epochs") +
			"= to train further, or choose a new output");
		return new TrainingResult(best, state.best(), state.epochsDone(), state.step(), state.seconds(), COMPLETE);
	}

	/**
	 * The time limit passed inside {@code epoch}: a checkpoint of this step (the epoch is validated when a later run
	 * completes it), and the status line saying how to continue.
	 *
	 * @param write saves the model as the given pair
	 * @return the state naming the checkpoint
	 */
	static TrainingState stopInsideEpoch(final Checkpoints checkpoints, final Consumer<ModelFiles> write,
		final TrainingState before, final TrainingConfig config, final int epoch, final long step, final double seconds,
		final Progress progress)
	{
		final TrainingState state = checkpoints.save(write, new TrainingState(epoch - 1, step, seconds, before.best(),
			before.epochsWithoutImprovement()));
		progress.status(String.format("time limit (%s) reached at epoch %d/%d step %d/%d: checkpoint saved, %s " +
			"elapsed in all; run the same line again to continue", duration(60 * config.maxMinutes()), epoch, config
				.epochs(), step, (long) config.epochs() * config.stepsPerEpoch(), duration(seconds)));
		return state;
	}

	/**
	 * The status line of a finished epoch (bench/plot_training.py reads it); {@code start} adds the start image's
	 * scores inside the zero-filled parenthesis, or is empty.
	 */
	static String epochDone(final TrainingConfig config, final int epoch, final double loss,
		final ValidationMetrics metrics, final String start, final boolean better, final double seconds)
	{
		return String.format("epoch %d/%d done: train loss %.4f, validation SSIM %.4f PSNR %.2f dB (zero-filled %.4f " +
			"/ %.2f dB%s)%s, %s elapsed", epoch, config.epochs(), loss, metrics.ssim(), metrics.psnr(), metrics
				.zeroFilledSsim(), metrics.zeroFilledPsnr(), start, better ? ", best so far" : "", duration(seconds));
	}

	/** The one line a diverging run ends with; nothing of the failed epoch has been written. */
	private static AccelMRException diverged(final int epoch, final long step, final String what,
		final TrainingState state, final Checkpoints checkpoints)
	{
		final String kept = state.step() == 0 && state.checkpoint() == null ? "no checkpoint had been saved yet" :
			"the checkpoint of step " + state.step() + " (" + checkpoints.files(state).params().getFileName() +
				") and the best model are kept";
		return new AccelMRException("training diverged at epoch " + epoch + ", step " + step + ": " + what +
			"; stopped, " + kept + "; try a lower lr=");
	}

	/**
	 * Refuses an output whose files would replace an input: the init model's pair, or the data or val_data file. A
	 * model is never trained in place; resuming continues from the output's own checkpoint instead.
	 */
	static void refuseOverwritingInputs(final TrainingConfig c, final ModelFiles best, final Checkpoints own) {
		final Map<String, List<Path>> inputs = new LinkedHashMap<>();
		if (!c.init().isBlank()) {
			final ModelFiles init = ModelFiles.of(Path.of(c.init()));
			inputs.put("init=" + c.init(), List.of(init.params(), init.sidecar()));
		}
		inputs.put("data=" + c.data(), List.of(Path.of(c.data())));
		if (!c.valData().isBlank()) inputs.put("val_data=" + c.valData(), List.of(Path.of(c.valData())));
		for (final Map.Entry<String, List<Path>> input : inputs.entrySet())
			for (final Path file : input.getValue())
				if (TrainingData.sameFile(file, best.params()) || TrainingData.sameFile(file, best.sidecar()) || own
					.isOwnFile(file) || TrainingData.sameFile(file, Path.of(c.output()))) throw new AccelMRException(
						"output=" + c.output() + " would overwrite " + input.getKey() + " (an input); choose another output");
	}

	/** One Adam step; returns the loss. */
	private static double step(final Trainer trainer, final TrainingBatch batch, final String loss) {
		final Shape shape = new Shape(batch.count(), 1, batch.side(), batch.side());
		try (NDManager scratch = trainer.getManager().newSubManager()) {
			final NDArray x = scratch.create(batch.input(), shape);
			final NDArray y = scratch.create(batch.target(), shape);
			final double value;
			try (GradientCollector collector = trainer.newGradientCollector()) {
				final NDArray prediction = trainer.forward(new NDList(x)).singletonOrThrow();
				final NDArray l = "ssim".equals(loss) ? SsimLoss.compute(prediction, y) : prediction.sub(y).abs()
					.mean();
				collector.backward(l);
				value = l.getFloat();
			}
			trainer.step();
			return value;
		}
	}

	/**
	 * Linear warm-up over the first 2% of the steps, then a half cosine from {@code lr} down to {@code lr/20}.
	 */
	static Tracker schedule(final double lr, final long totalSteps) {
		final long warmUp = Math.max(1, totalSteps / 50);
		return update -> {
			if (update < warmUp) return (float) (lr * (update + 1) / warmUp);
			final double t = Math.min(1, (double) (update - warmUp) / Math.max(1, totalSteps - warmUp));
			return (float) (lr / 20 + (lr - lr / 20) * 0.5 * (1 + Math.cos(Math.PI * t)));
		};
	}

	/** The batch of step {@code step}: its random stream depends only on the seed and the step number. */
	private static java.util.concurrent.Callable<TrainingBatch> batchMaker(final TrainingConfig c,
		final TrainingData data, final SliceAugmenter augmenter, final PairSimulator simulator, final long step)
	{
		return () -> {
			final SplittableRandom random = new SplittableRandom(c.seed() * 0x9E3779B97F4A7C15L + step);
			final List<TrainingPair> pairs = new ArrayList<>(c.batchSize());
			for (int b = 0; b < c.batchSize(); b++) {
				final SliceImage slice = data.training().get(random.nextInt(data.training().size()));
				pairs.add(simulator.simulate(augmenter.augment(slice, random), random));
			}
			return TrainingBatch.of(pairs, c.crop(), random);
		};
	}

	/** The batch a simulation thread made; its failure rethrown as it was, an interrupt as one line. */
	static <T> T await(final Future<T> f) {
		try {
			return f.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AccelMRException("training interrupted", e);
		}
		catch (final ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) throw r;
			throw new AccelMRException("simulating a training batch failed: " + e.getCause(), e.getCause());
		}
	}

	private static ModelSidecar describe(final TrainingConfig c, final TrainingData data,
		final UNetArchitecture arch, final ValidationMetrics metrics, final int epoch, final long step,
		final double seconds, final double slicesPerSecond)
	{
		final String augmentation = String.format(AUGMENTATION, c.maxCoils(), 100 * c.maxNoise(), c.acceleration(),
			c.centerFractionMin(), c.centerFractionMax());
		final Map<String, String> settings = portableSettings(c);
		final String command = command(settings);
		return new ModelSidecar(ModelSidecar.FORMAT, ModelSidecar.FORMAT_VERSION, arch, ModelSidecar.NORMALISATION,
			new ModelSidecar.MaskFamily("random", c.acceleration(), c.centerFractionMin(), c.centerFractionMax()),
			new ModelSidecar.TrainingSummary(settings.get("data"), data.volumes(), data.training().size(), data
				.validation().size(), augmentation, settings.get("init"), epoch, step, seconds, slicesPerSecond,
				command), metrics, "");
	}

	/**
	 * The training keys as a model's sidecar records them: file names only, since a model is shared and the
	 * folders of the machine that trained it mean nothing elsewhere.
	 */
	static Map<String, String> portableSettings(final TrainingConfig c) {
		final Map<String, String> settings = new LinkedHashMap<>(c.asMap());
		for (final String key : List.of("data", "output", "init", "val_data"))
			settings.put(key, fileName(settings.get(key)));
		return settings;
	}

	/** The launcher line ({@code key=value ...}) of these settings. */
	static String command(final Map<String, String> settings) {
		return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(
			" "));
	}

	static String fileName(final String path) {
		if (path.isBlank()) return path;
		final Path name = Path.of(path).getFileName();
		return name == null ? path : name.toString();
	}

	static String duration(final double seconds) {
		final long s = Math.round(seconds);
		return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s %
			60);
	}
}
