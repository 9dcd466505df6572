package org.accelmr.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

import org.accelmr.AccelMRException;
import org.accelmr.nn.ComplexTensor;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelSidecar;
import org.accelmr.nn.ModelSidecar.ValidationMetrics;
import org.accelmr.nn.TorchRuntime;
import org.accelmr.nn.VarNet;
import org.accelmr.nn.VarNetArchitecture;
import org.accelmr.nn.VarNetModel;
import org.accelmr.nn.VarNetSidecar;
import org.accelmr.progress.Progress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

/**
 * Trains a {@link VarNetModel} ({@code train architecture=varnet}) on acquisitions simulated from the user's fully
 * sampled images by {@link VarNetPairSimulator}: every step draws one matrix side and {@code batch_size} slices,
 * simulates each (coils, phase, correlated noise, mask, coil maps from its calibration region), pads them to the
 * batch's largest coil count (a padded coil has zero k-space and zero sensitivity, so it changes nothing) and
 * takes one Adam step on the L1 (or 1-SSIM) loss between the network's RSS and the fully sampled RSS, both
 * divided by the zero-filled maximum. The run's other rules are the U-Net's ({@link UNetTrainer}): the same data
 * split, learning-rate schedule, per-epoch validation, checkpoints ({@link Checkpoints}: {@code output.checkpoint-STEP.*},
 * {@code output.state.json}), best model ({@code output.params/.json}), resume, {@code init=} fine-tuning, early
 * stop, time limit, progress and cancel, outputs that would overwrite an input refused. Batches are simulated on
 * a second thread.
 */
public final class VarNetTrainer {

	static final String AUGMENTATION = "square matrices %d-%d, anatomy resized to fill 70-100%% (never enlarged), " +
		"gamma 0.5-2, intensity x0.25-4, 8 flips/rotations, shift; smooth random phase; %s; %s%s; %s columns at " +
		"R=%s, centre fraction %.3f-%.3f at R=%.0f%s; coil maps from the calibration region (%s); target: the RSS " +
		"of the noise-free scan; fresh draws every step";

	static final String SELF_SUPERVISED = "none: self-supervised (SSDU) on the measured samples of undersampled " +
		"scans, %.0f%% of the samples outside the fully sampled centre held back per view and scored by the " +
		"normalised l1-l2 k-space loss; validation fields: ssim = 1 - loss/2 on fixed held-back samples (zero-filled " +
		"0), psnr = held-back k-space PSNR in dB (zero-filled 0); coil maps espirit, computed once per slice";

	/** Consecutive steps with a non-finite loss (skipped, weights unchanged) before the run stops. */
	static final int MAX_SKIPPED = 10;
	/** Elementwise gradient clip applied before Adam. */
	static final float CLIP = 1f;

	private VarNetTrainer() {}

	/**
	 * Batches of a network that starts from a compressed-sensing image (a solve per sample) are kept in a
	 * {@link BatchPool} of this many and each used about {@link #REUSE} times, so that the solver (on the second
	 * thread) keeps up with the network's steps.
	 */
	static final int POOL_WINDOW = 24;
	static final int REUSE = 3;
	/** Self-supervised slices get their coil maps once, when read, so ESPIRiT (better than rss on real scans) is affordable. */
	static final String SELF_SUPERVISED_MAPS = "espirit";

	/**
	 * One step's input: {@code count} samples of one matrix side, padded to {@code coils} coils; {@code start}
	 * null for a zero-filled start.
	 */
	record Batch(float[] kspace, float[] mask, float[] maps, float[] target, float[] start, int count,
		int coils, int width, int height, float[] measured, float[] lossMask)
	{

		static Batch of(final List<VarNetSample> samples) {
			final int n = samples.size(), side = samples.get(0).width(), area = side * side;
			final int coils = samples.stream().mapToInt(VarNetSample::coils).max().orElse(1);
			final float[] k = new float[n * coils * 2 * area], maps = new float[k.length];
			final float[] mask = new float[n * area], target = new float[n * area];
			final float[] start = samples.get(0).start() == null ? null : new float[n * 2 * area];
			for (int b = 0; b < n; b++) {
				final VarNetSample s = samples.get(b);
				System.arraycopy(s.kspace(), 0, k, b * coils * 2 * area, s.kspace().length);
				System.arraycopy(s.maps(), 0, maps, b * coils * 2 * area, s.maps().length);
				System.arraycopy(s.mask(), 0, mask, b * area, area);
				System.arraycopy(s.target(), 0, target, b * area, area);
				if (start != null) System.arraycopy(s.start(), 0, start, b * 2 * area, 2 * area);
			}
			return new Batch(k, mask, maps, target, start, n, coils, side, side, null, null);
		}
	}

	/**
	 * Runs (or resumes) the training {@code config} describes ({@code config.architecture()} is {@code varnet}).
	 *
	 * @throws AccelMRException on bad settings or data, with one line naming the key or file
	 * @throws org.accelmr.progress.CancelledException when cancelled; the last finished epoch's files remain
	 */
	public static TrainingResult train(final TrainingConfig config, final Progress progress) {
		if (config.data().isBlank()) throw new AccelMRException("data= is required: a folder of fully sampled " +
			TrainingData.KNOWN + " files");
		if (config.output().isBlank()) throw new AccelMRException("output= is required, e.g. output=models/myvarnet");
		final Path out = Path.of(config.output());
		final String stem = ModelFiles.of(out).params().getFileName().toString().replaceFirst("\\.params$", "");
		final ModelFiles bestFiles = ModelFiles.of(out.resolveSibling(stem));
		final Checkpoints checkpoints = Checkpoints.of(out);
		UNetTrainer.refuseOverwritingInputs(config, bestFiles, checkpoints);
		final Path statePath = checkpoints.statePath();
		try {
			Files.createDirectories(bestFiles.params().toAbsolutePath().getParent());
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot create the output folder of " + out + ": " + e.getMessage(), e);
		}
		final boolean resuming = config.resume() && Files.exists(statePath);
		TrainingState state = resuming ? TrainingState.read(statePath) : TrainingState.START;
		final TrainingResult complete = resuming ? UNetTrainer.completed(config, state, bestFiles, progress) : null;
		if (complete != null) return complete;
		TorchRuntime.engine(config.threads());
		final VarNetModel model = resuming ? checkpoints.load(state, f -> VarNetModel.load(f, config.threads()),
			m -> m.sidecar().training() == null ? -1 : m.sidecar().training().steps()) : !config.init().isBlank()
				? VarNetModel.load(ModelFiles.of(Path.of(config.init())), config.threads()) : VarNetModel.create(
					architecture(config), config.seed(), config.threads());
		if (resuming) checkpoints.deleteStrays(state);
		final ExecutorService producer = Executors.newSingleThreadExecutor(r -> {
			final Thread t = new Thread(r, "accelmr-varnet-training-data");
			t.setDaemon(true);
			return t;
		});
		try {
			final VarNetArchitecture arch = model.net().architecture();
			final int minSide = 2 * arch.minimumSize();
			final TrainingData data;
			final UndersampledScans scans;
			final VarNetPairSimulator simulator;
			final VarNetValidation validation;
			if (config.selfSupervised()) {
				data = null;
				simulator = null;
				scans = UndersampledScans.load(Path.of(config.data()), config.valFraction(), config.valSlices(),
					SELF_SUPERVISED_MAPS, progress);
				progress.status("Splitting " + scans.validation.size() + " validation slices" + (arch.startsFromImage()
					? " and computing their " + arch.start() + " start images" : ""));
				validation = new SelfSupervisedValidation(scans.validation, arch, config.seed());
				progress.status(String.format("Data: %d training and %d validation slices from %d undersampled " +
					"file(s), self-supervised (held-back %.0f%% of the samples outside the centre); VarNet %s, %,d " +
					"parameters", scans.training.size(), validation.size(), scans.files, 100 * SelfSupervision.LOSS_SHARE,
					arch, arch.parameterCount()));
			}
			else {
				scans = null;
				if (config.crop() < minSide) throw new AccelMRException("crop (the largest matrix side) must be at " +
					"least " + minSide + " for this model (pools=" + arch.pools() + "), got " + config.crop());
				data = TrainingData.load(Path.of(config.data()), config.valFraction(), config.seed(), minSide, config
					.valSlices(), config.valData(), progress);
				simulator = new VarNetPairSimulator(config, arch, minSide);
				progress.status("Simulating " + data.validation().size() + " validation slices" + (arch
					.startsFromImage() ? " and their " + arch.start() + " start images" : ""));
				validation = new VarNetValidationSet(data.validation(), simulator, config.seed());
				progress.status(String.format("Data: %d training and %d validation slices from %d file(s); " +
					"zero-filled validation SSIM %.4f, PSNR %.2f dB%s; VarNet %s, %,d parameters", data.training()
						.size(), validation.size(), data.volumes(), validation.evaluateZeroFilled().ssim(), validation
							.evaluateZeroFilled().psnr(), validation.startScores(), arch, arch.parameterCount()));
			}
			final LongFunction<Callable<Batch>> maker = scans != null ? i -> selfSupervisedBatch(config, scans, arch,
				i) : i -> batchMaker(config, data, simulator, i);
			if (resuming) progress.status("Resuming after epoch " + state.epochsDone() + ", step " + state.step());
			final long totalSteps = (long) config.epochs() * config.stepsPerEpoch();
			// gradients clipped elementwise at CLIP: one huge gradient would otherwise leave Adam's second moment
			// infinite for good
			final Optimizer adam = Optimizer.adam().optClipGrad(CLIP).optLearningRateTracker(UNetTrainer.schedule(
				config.lr(), totalSteps)).optBeta1((float) config.beta1()).optBeta2((float) config.beta2()).optWeightDecays(
					(float) config.weightDecay()).optBeginNumUpdate((int) state.step()).build();
			final DefaultTrainingConfig djlConfig = new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(adam);
			String stopReason = "epochs";
			final long start = System.nanoTime();
			final double secondsBefore = state.seconds();
			final long stepsBefore = state.step();
			if (state.step() == 0 && state.best() == null) {
				// the network as it starts (fresh: its start image with the measured samples put back; init=: the
				// given model) is validated first and is the best so far: a run whose epochs do not beat it on
				// validation returns it instead of a worse model
				final VarNetValidation.Scores initial = validation.evaluate(model, 0, progress);
				final VarNetSidecar sidecar = describe(config, data, scans, arch, initial, 0, 0, state.seconds(), 0);
				state = checkpoints.endEpoch(state, initial.metrics(), 0, 0, state.seconds(), bestFiles, config.select(),
					f -> model.save(f, sidecar));
				progress.status(String.format("before training: validation SSIM %.4f PSNR %.2f dB (the network as it " +
					"starts%s)%s", initial.metrics().ssim(), initial.metrics().psnr(), config.init().isEmpty() ? "" : ", " +
						Path.of(config.init()).getFileName(), initial.floorText()));
			}
			try (Trainer trainer = model.djlModel().newTrainer(djlConfig)) {
				long step = state.step();
				final BatchPool<Batch> pool = arch.startsFromImage() ? new BatchPool<>(producer, maker, POOL_WINDOW,
					REUSE, config.seed()) : null;
				Future<Batch> next = pool != null ? null : producer.submit(maker.apply(step));
				for (int epoch = state.epochsDone() + 1; epoch <= config.epochs(); epoch++) {
					double lossSum = 0;
					int steps = 0, skippedInARow = 0;
					boolean timeUp = false;
					// a run the time limit ended inside an epoch continues that epoch where it stopped
					final long epochStart = (long) (epoch - 1) * config.stepsPerEpoch();
					long i = Checkpoints.stepsIntoEpoch(step, epochStart, config.stepsPerEpoch());
					for (; i < config.stepsPerEpoch() && !timeUp; i++) {
						progress.checkCancelled();
						final Batch batch = pool != null ? pool.forStep(step + 1) : UNetTrainer.await(next);
						step++;
						if (pool == null) next = producer.submit(maker.apply(step));
						final String[] problem = { "" };
						final double loss = step(trainer, batch, config.loss(), problem);
						if (Double.isFinite(loss)) {
							lossSum += loss;
							steps++;
							skippedInARow = 0;
						}
						else if (++skippedInARow >= MAX_SKIPPED) throw new AccelMRException("training diverged: " +
							MAX_SKIPPED + " steps in a row up to step " + step + " had a non-finite loss or gradient; the files of " +
							"epoch " + state.epochsDone() + " remain (lower lr=)");
						else progress.status("step " + step + ": update skipped (" + problem[0] + ")");
						final double elapsed = (System.nanoTime() - start) / 1e9;
						final double perStep = elapsed / (step - stepsBefore);
						progress.progress(step, totalSteps);
						if (step % 25 == 0) progress.status(String.format("epoch %d/%d step %d/%d loss %.4f, %.2f " +
							"slices/s, ETA %s", epoch, config.epochs(), step, totalSteps, lossSum / steps, config
								.batchSize() / perStep, UNetTrainer.duration(perStep * (totalSteps - step))));
						timeUp = config.timeLimitReached(elapsed);
					}
					final double seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
					final double slicesPerSecond = (step - stepsBefore) * config.batchSize() / ((System.nanoTime() -
						start) / 1e9);
					if (i < config.stepsPerEpoch()) {
						// the time limit passed inside this epoch: a checkpoint of this step, validated later
						final VarNetSidecar partial = describe(config, data, scans, arch, null, epoch - 1, step, seconds,
							slicesPerSecond);
						state = UNetTrainer.stopInsideEpoch(checkpoints, f -> model.save(f, partial), state, config, epoch,
							step, seconds, progress);
						stopReason = "time limit";
						break;
					}
					final VarNetValidation.Scores scores = validation.evaluate(model, epoch, progress);
					final VarNetSidecar sidecar = describe(config, data, scans, arch, scores, epoch, step, seconds,
						slicesPerSecond);
					state = checkpoints.endEpoch(state, scores.metrics(), epoch, step, seconds, bestFiles, config.select(),
						f -> model.save(f, sidecar));
					final boolean better = state.epochsWithoutImprovement() == 0;
					progress.status(UNetTrainer.epochDone(config, epoch, lossSum / Math.max(1, steps), scores.metrics(),
						validation.startScores(), better, seconds) + scores.floorText());
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

	/** The architecture a new model gets from the settings (coil maps: the calibration region's, see the simulator). */
	static VarNetArchitecture architecture(final TrainingConfig c) {
		return new VarNetArchitecture(c.cascades(), c.chans(), c.pools(), c.normGroups(), c.coilMaps(), c
			.maxCoils(), c.start());
	}

	/** One Adam step on a training batch: the L1 or 1-SSIM loss of the RSS, or the self-supervised one. */
	private static double step(final Trainer trainer, final Batch batch, final String loss, final String[] problem) {
		final Shape k = new Shape(batch.count(), batch.coils(), batch.height(), batch.width());
		final Shape image = new Shape(batch.count(), 1, batch.height(), batch.width());
		try (NDManager scratch = trainer.getManager().newSubManager()) {
			final NDList in = VarNet.inputs(scratch, batch.kspace(), batch.mask(), batch.maps(), batch.start(), k,
				image);
			return guardedStep(trainer, in, out -> {
				if (batch.lossMask() != null) {
					final ComplexTensor measured = ComplexTensor.fromInterleaved(scratch, batch.measured(), k);
					return SelfSupervision.loss(out.get(1), out.get(2), measured.re(), measured.im(), scratch.create(batch
						.lossMask(), image));
				}
				final NDArray target = scratch.create(batch.target(), image);
				return "ssim".equals(loss) ? SsimLoss.compute(out.get(0), target) : out.get(0).sub(target).abs().mean();
			}, problem);
		}
	}

	/**
	 * One Adam step on the loss {@code lossOf} computes from the network's outputs; returns its value. A
	 * non-finite loss, or a finite one with non-finite gradients (returned as NaN), leaves the weights as they
	 * were, and {@code problem[0]} (when given) says which.
	 */
	static double guardedStep(final Trainer trainer, final NDList in,
		final java.util.function.Function<NDList, NDArray> lossOf, final String[] problem)
	{
		final double value;
		try (GradientCollector collector = trainer.newGradientCollector()) {
			final NDArray l = lossOf.apply(trainer.forward(in));
			value = l.getFloat();
			if (!Double.isFinite(value)) { // no backward, no update: the weights stay as they are
				if (problem != null) problem[0] = "loss " + value + " with weights " + largest(trainer, false);
				return value;
			}
			collector.backward(l);
			// a finite loss can still have non-finite gradients (a square root's slope at 0): skip the update
			final String gradient = largest(trainer, true);
			if (gradient.startsWith("non-finite")) {
				clearGradients(trainer);
				if (problem != null) problem[0] = "gradient " + gradient;
				return Double.NaN;
			}
		}
		trainer.step();
		return value;
	}

	/**
	 * Sets every gradient to 0 by filling it. DJL's {@code zeroGradients()} multiplies by 0, which leaves NaN where
	 * a gradient was infinite, so one bad backward pass would poison every later step (it did: the skipped steps of
	 * the diverged runs came ten in a row).
	 */
	static void clearGradients(final Trainer trainer) {
		for (final var p : trainer.getModel().getBlock().getParameters())
			p.getValue().getArray().getGradient().set(new NDIndex("..."), 0);
	}

	/**
	 * Diagnosis of the weights (or their gradients): "non-finite in NAME" for the first parameter holding a NaN or
	 * infinity, else "largest |value| V in NAME".
	 */
	static String largest(final Trainer trainer, final boolean gradients) {
		String where = "";
		double max = 0;
		for (final var p : trainer.getModel().getBlock().getParameters()) {
			final NDArray a = gradients ? p.getValue().getArray().getGradient() : p.getValue().getArray();
			if (a.isNaN().any().getBoolean() || a.isInfinite().any().getBoolean()) return "non-finite in " + p.getKey();
			final double m = a.abs().max().getFloat();
			if (m > max) {
				max = m;
				where = p.getKey();
			}
		}
		return String.format("largest |value| %.3g in %s", max, where);
	}

	/**
	 * Self-supervised batch {@code index}: one training slice (drawn from the seed and the index) split
	 * {@code batch_size} times into what the network sees and what it is scored on, each view with its own start
	 * image.
	 */
	private static Callable<Batch> selfSupervisedBatch(final TrainingConfig c, final UndersampledScans scans,
		final VarNetArchitecture arch, final long index)
	{
		return () -> {
			final SplittableRandom random = new SplittableRandom(c.seed() * 0x9E3779B97F4A7C15L + index);
			final UndersampledScans.Scan scan = scans.training.get(random.nextInt(scans.training.size()));
			final int n = c.batchSize(), coils = scan.kspace().coils(), w = scan.kspace().width(), h = scan
				.kspace().height(), area = w * h;
			final float[] measured = new org.accelmr.nn.VarNetInference.SliceInput(scan.kspace(), scan.mask(), scan
				.maps(), null, 1).interleaved();
			final float[] k = new float[n * measured.length], maps = new float[k.length], all = new float[k.length];
			final float[] mask = new float[n * area], held = new float[n * area];
			final float[] start = arch.startsFromImage() ? new float[n * 2 * area] : null;
			for (int b = 0; b < n; b++) {
				final SelfSupervision.Split split = SelfSupervision.split(scan.mask(), SelfSupervision.LOSS_SHARE,
					random);
				final org.accelmr.nn.VarNetInference.SliceInput view = SelfSupervision.seen(scan.kspace(), scan.maps(),
					split, arch);
				System.arraycopy(view.interleaved(), 0, k, b * measured.length, measured.length);
				System.arraycopy(scan.maps().maps(), 0, maps, b * measured.length, measured.length);
				System.arraycopy(measured, 0, all, b * measured.length, measured.length);
				System.arraycopy(split.input().toFloats(), 0, mask, b * area, area);
				System.arraycopy(split.loss(), 0, held, b * area, area);
				if (start != null) System.arraycopy(view.start(), 0, start, b * 2 * area, 2 * area);
			}
			return new Batch(k, mask, maps, null, start, n, coils, w, h, all, held);
		};
	}

	/** The batch of step {@code step}: its random stream depends only on the seed and the step number. */
	private static Callable<Batch> batchMaker(final TrainingConfig c, final TrainingData data,
		final VarNetPairSimulator simulator, final long step)
	{
		return () -> {
			final SplittableRandom random = new SplittableRandom(c.seed() * 0x9E3779B97F4A7C15L + step);
			final int side = simulator.side(random);
			final List<VarNetSample> samples = new ArrayList<>(c.batchSize());
			for (int b = 0; b < c.batchSize(); b++)
				samples.add(simulator.simulate(data.training().get(random.nextInt(data.training().size())), side,
					random));
			return Batch.of(samples);
		};
	}

	/** What the simulation drew, for the sidecar ({@link #AUGMENTATION}). */
	static String augmentation(final TrainingConfig c, final int minSide, final VarNetArchitecture arch) {
		final String coils = c.maxCoils() == 1 ? "1 coil" : "1 coil (25%) or 2-" + c.maxCoils() + " Biot-Savart " +
			"loop coils of random geometry";
		final String rates = c.doubleAcceleration() ? fmt(c.acceleration()) + " or " + fmt(2 * c.acceleration()) : fmt(
			c.acceleration());
		return String.format(java.util.Locale.ROOT, AUGMENTATION, minSide, c.crop(), coils, noise(c.maxNoise()), c
			.maxCoils() == 1 ? "" : ", correlated between coils (rho 0-0.5)", maskFamily(c).replace("+", " or "), rates,
			c.centerFractionMin(), c.centerFractionMax(), c.acceleration(), c.doubleAcceleration() ? " (scaled by R)" : "",
			arch.coilMaps());
	}

	/** The noise {@link VarNetPairSimulator} draws up to {@code maxNoise}, in words. */
	static String noise(final double maxNoise) {
		if (maxNoise <= VarNetPairSimulator.MIN_NOISE) return "no noise";
		return String.format(java.util.Locale.ROOT, "no noise (%.0f%% of samples) or complex noise %.1f-%.1f%% of max " +
			"(log-uniform)", 100 * VarNetPairSimulator.NOISELESS_SHARE, 100 * VarNetPairSimulator.MIN_NOISE, 100 *
				maxNoise);
	}

	/** The column masks a run draws: {@code random}, {@code equispaced} or {@code random+equispaced}. */
	static String maskFamily(final TrainingConfig c) {
		return TrainingConfig.BOTH_MASKS.equals(c.maskType()) ? "random+equispaced" : c.maskType();
	}

	private static String fmt(final double r) {
		return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
	}

	private static VarNetSidecar describe(final TrainingConfig c, final TrainingData data,
		final UndersampledScans scans, final VarNetArchitecture arch, final VarNetValidation.Scores scores,
		final int epoch, final long step, final double seconds, final double slicesPerSecond)
	{
		final int minSide = Math.min(c.crop(), Math.max(2 * arch.minimumSize(), (int) Math.round(0.4 * c.crop())));
		final String augmentation = scans != null ? String.format(java.util.Locale.ROOT, SELF_SUPERVISED, 100 *
			SelfSupervision.LOSS_SHARE) : augmentation(c, minSide, arch);
		final int volumes = scans != null ? scans.files : data.volumes();
		final int training = scans != null ? scans.training.size() : data.training().size();
		final int validation = scans != null ? scans.validation.size() : data.validation().size();
		final Map<String, String> settings = UNetTrainer.portableSettings(c);
		final String command = UNetTrainer.command(settings);
		return new VarNetSidecar(VarNetSidecar.FORMAT, VarNetSidecar.FORMAT_VERSION, arch, VarNetSidecar.NORMALISATION,
			new ModelSidecar.MaskFamily(maskFamily(c), c.acceleration(), c.centerFractionMin(), c
				.centerFractionMax()), new ModelSidecar.TrainingSummary(settings.get("data"), volumes, training,
					validation, augmentation, settings.get("init"), epoch, step,
					seconds, slicesPerSecond, command), scores == null ? null : scores.metrics(), scores == null ? null
						: scores.floor(), "");
	}
}
