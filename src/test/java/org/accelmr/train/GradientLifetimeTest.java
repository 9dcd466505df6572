package org.accelmr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.accelmr.nn.VarNet;
import org.accelmr.nn.VarNetArchitecture;
import org.accelmr.nn.VarNetModel;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;

/**
 * Gradients must not depend on when the garbage collector runs. Every number that enters the training graph must
 * outlive the backward pass ({@link org.accelmr.nn.GraphScalar}); before, a collection between forward and
 * backward changed every gradient (by up to 30 orders of magnitude) while the loss stayed the same, which made
 * seeded training differ between runs and skip steps as non-finite.
 */
class GradientLifetimeTest {

	private static final int N = 2, COILS = 2, H = 21, W = 19; // odd sizes take the FFT's rolled path

	@Test
	void ssimLossGradientsAreTheSameWhenTheCollectorRunsBeforeBackward() {
		compare((out, in) -> SsimLoss.compute(out.get(0), in.get(in.size() - 1)));
	}

	@Test
	void selfSupervisedLossGradientsAreTheSameWhenTheCollectorRunsBeforeBackward() {
		compare((out, in) -> SelfSupervision.loss(out.get(1), out.get(2), in.get(0), in.get(1), in.get(2)));
	}

	private interface LossOf {
		NDArray apply(NDList outputs, NDList inputs);
	}

	private static void compare(final LossOf loss) {
		final VarNetArchitecture arch = new VarNetArchitecture(2, 4, 2, 2, "rss", COILS);
		try (VarNetModel model = VarNetModel.create(arch, 5, 1); Trainer trainer = model.djlModel().newTrainer(
			new DefaultTrainingConfig(Loss.l1Loss())))
		{
			// away from the identity start, so that every layer has a gradient
			model.djlModel().getBlock().getParameters().forEach(p -> p.getValue().getArray().addi(0.01f));
			final float[] quiet = gradients(trainer, loss, in -> in);
			final float[] collected = gradients(trainer, loss, GradientLifetimeTest::collectGarbage);
			double largest = 0;
			for (final float g : quiet)
				largest = Math.max(largest, Math.abs(g));
			assertTrue(largest > 1e-6, "the graph has gradients: " + largest);
			assertArrayEquals(quiet, collected);
		}
	}

	/** All parameter gradients of one forward and backward pass; {@code between} runs between the two. */
	private static float[] gradients(final Trainer trainer, final LossOf loss, final Function<NDList, NDList> between) {
		final SplittableRandom random = new SplittableRandom(11);
		final float[] k = new float[N * COILS * 2 * H * W], maps = new float[k.length], mask = new float[N * H * W],
			target = new float[mask.length];
		for (int i = 0; i < k.length; i++) {
			k[i] = (float) random.nextGaussian();
			maps[i] = (float) (0.5 * random.nextGaussian());
		}
		for (int i = 0; i < mask.length; i++) {
			mask[i] = i % W % 3 == 0 ? 1 : 0;
			target[i] = (float) Math.abs(random.nextGaussian());
		}
		try (NDManager scratch = trainer.getManager().newSubManager()) {
			final NDList in = VarNet.inputs(scratch, k, mask, maps, null, new Shape(N, COILS, H, W), new Shape(N, 1, H,
				W));
			final NDList all = new NDList(in);
			all.add(scratch.create(target, new Shape(N, 1, H, W)));
			try (GradientCollector collector = trainer.newGradientCollector()) {
				final NDArray l = loss.apply(trainer.forward(in), all);
				collector.backward(between.apply(new NDList(l)).singletonOrThrow());
			}
			final List<float[]> parts = new ArrayList<>();
			int length = 0;
			for (final var p : trainer.getModel().getBlock().getParameters()) {
				final NDArray g = p.getValue().getArray().getGradient();
				parts.add(g.toFloatArray());
				length += parts.get(parts.size() - 1).length;
				g.set(new NDIndex("..."), 0);
			}
			final float[] flat = new float[length];
			int at = 0;
			for (final float[] part : parts) {
				System.arraycopy(part, 0, flat, at, part.length);
				at += part.length;
			}
			return flat;
		}
	}

	/**
	 * A collection, time for the cleaner to free unreachable direct buffers, and new small direct buffers holding
	 * another number, which land where freed ones were.
	 */
	private static NDList collectGarbage(final NDList passThrough) {
		System.gc();
		try {
			Thread.sleep(20);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		final List<ByteBuffer> reuse = new ArrayList<>();
		for (int i = 0; i < 2000; i++)
			reuse.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, 1e-33f));
		return passThrough;
	}
}
