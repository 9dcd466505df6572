package org.accelmr.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.accelmr.nn.ComplexTensor;
import org.accelmr.nn.VarNet;
import org.accelmr.nn.VarNetInference;
import org.accelmr.nn.VarNetInference.SliceInput;
import org.accelmr.nn.VarNetModel;
import org.accelmr.progress.Progress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * {@code adapt=N}: before a slice is reconstructed, the loaded VarNet is fine-tuned for N Adam steps on that
 * slice's own measured samples, as zero-shot self-supervised learning (Yaman et al., ICLR 2022) does: each step
 * hides a random share of the samples ({@link SelfSupervision#split}) and scores the network's k-space on them.
 * The model's weights are put back after the slice, so every slice starts from the shipped model and the result
 * does not depend on the order slices come in. The splits are seeded by the slice index.
 */
public final class ScanAdaptation implements VarNetInference.SliceHook {

	/** Adam's learning rate: small, the model is already trained and one slice is little data. */
	static final float LEARNING_RATE = 1e-4f;
	/** Distinct splits per slice (each needs its own start image, a compressed-sensing solve). */
	static final int SPLITS = 4;

	private final int steps;
	private final long seed;
	private List<NDArray> saved;

	/** @param steps Adam steps per slice, >= 1 */
	public ScanAdaptation(final int steps, final long seed) {
		if (steps < 1) throw new IllegalArgumentException("steps must be >= 1");
		this.steps = steps;
		this.seed = seed;
	}

	@Override
	public void before(final VarNetModel model, final SliceInput input, final int index, final Progress progress) {
		saved = new ArrayList<>();
		for (final Parameter p : model.net().getParameters().values())
			saved.add(p.getArray().duplicate());
		final double[] loss = adapt(model, input, steps, seed * 0x9E3779B97F4A7C15L + index, progress);
		progress.status(String.format(Locale.ROOT, "slice %d: adapted %d steps, held-out k-space loss %.4f -> %.4f",
			index + 1, steps, loss[0], loss[1]));
	}

	@Override
	public void after(final VarNetModel model) {
		if (saved == null) return;
		int i = 0;
		for (final Parameter p : model.net().getParameters().values()) {
			final NDArray original = saved.get(i++);
			p.getArray().set(original.toFloatArray());
			original.close();
		}
		saved = null;
	}

	/**
	 * Fine-tunes {@code model} in place on one slice.
	 *
	 * @return the mean self-supervised loss of the first and of the last {@link #SPLITS} steps
	 */
	public static double[] adapt(final VarNetModel model, final SliceInput input, final int steps, final long seed,
		final Progress progress)
	{
		final SplittableRandom random = new SplittableRandom(seed);
		final int n = Math.min(SPLITS, steps);
		final List<SliceInput> inputs = new ArrayList<>(n);
		final List<float[]> lossMasks = new ArrayList<>(n);
		for (int s = 0; s < n; s++) {
			final SelfSupervision.Split split = SelfSupervision.split(input.mask(), SelfSupervision.LOSS_SHARE, random);
			inputs.add(SelfSupervision.seen(input.kspace(), input.maps(), split, model.net().architecture()));
			lossMasks.add(split.loss());
		}
		final float[] measured = input.interleaved();
		final Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).optClipGrad(
			VarNetTrainer.CLIP).build();
		double first = 0, last = 0;
		int firstCount = 0, lastCount = 0;
		try (Trainer trainer = model.djlModel().newTrainer(new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(
			adam))) {
			for (int t = 0; t < steps; t++) {
				progress.checkCancelled();
				final double loss = step(trainer, inputs.get(t % n), lossMasks.get(t % n), measured);
				if (t < n) {
					first += loss;
					firstCount++;
				}
				if (t >= steps - n) {
					last += loss;
					lastCount++;
				}
			}
		}
		return new double[] { first / Math.max(1, firstCount), last / Math.max(1, lastCount) };
	}

	/** One Adam step on the held-back samples of {@code measured}; a non-finite loss or gradient skips it. */
	private static double step(final Trainer trainer, final SliceInput seen, final float[] lossMask,
		final float[] measured)
	{
		final int w = seen.kspace().width(), h = seen.kspace().height(), coils = seen.kspace().coils();
		final Shape k = new Shape(1, coils, h, w), image = new Shape(1, 1, h, w);
		try (NDManager scratch = trainer.getManager().newSubManager()) {
			final NDList in = VarNet.inputs(scratch, seen.interleaved(), seen.mask().toFloats(), seen.maps()
				.maps(), seen.start(), k, image);
			final ComplexTensor all = ComplexTensor.fromInterleaved(scratch, measured, k);
			final NDArray held = scratch.create(lossMask, image);
			return VarNetTrainer.guardedStep(trainer, in, out -> SelfSupervision.loss(out.get(1), out.get(2), all.re(),
				all.im(), held), null);
		}
	}
}
