package org.accelmr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.accelmr.kspace.FloatVolume;
import org.accelmr.mask.RandomMask;
import org.accelmr.mask.SamplingMask;
import org.accelmr.nn.VarNet;
import org.accelmr.nn.VarNetArchitecture;
import org.accelmr.nn.VarNetModel;
import org.accelmr.sim.Phantoms;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Gradients reach every part of a VarNet that starts from TV: on one fixed batch of two single-coil slices, Adam
 * lowers the L1 loss well below the start image's own. Why this test: the training runs of sessions 3-5 never
 * improved on their start on held-out slices, and this separates "cannot learn" (a broken gradient path: this
 * test fails) from "does not generalise yet" (it passes; measured 0.0926 -> 0.0349 in 60 steps).
 */
class VarNetFitTest {

	private static final int SIDE = 48, STEPS = 60;

	@Test
	void aVarNetStartingFromTvFitsOneBatch() {
		final VarNetArchitecture arch = new VarNetArchitecture(3, 8, 2, 4, VarNetArchitecture.ESPIRIT, 4,
			VarNetArchitecture.TV);
		final FloatVolume colin = Phantoms.colinSlices();
		final List<VarNetSample> samples = new ArrayList<>();
		for (int b = 0; b < 2; b++) {
			final SamplingMask mask = new RandomMask(4, 0.08).sample(SIDE, SIDE, 5 + b);
			samples.add(VarNetPairSimulator.simulate(shrink(colin.slice(b)), SIDE, 1, 0.005, 0, mask, arch,
				new SplittableRandom(9 + b)));
		}
		final VarNetTrainer.Batch batch = VarNetTrainer.Batch.of(samples);
		double startLoss = 0;
		for (final VarNetSample s : samples)
			for (int i = 0; i < s.target().length; i++)
				startLoss += Math.abs(Math.hypot(s.start()[2 * i], s.start()[2 * i + 1]) - s.target()[i]) / s.target()
					.length / samples.size();
		final Shape k = new Shape(2, 1, SIDE, SIDE);
		double first = Double.NaN, last = Double.NaN;
		try (VarNetModel model = VarNetModel.create(arch, 42, 1); Trainer trainer = model.djlModel().newTrainer(
			new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(Optimizer.adam().optClipGrad(VarNetTrainer.CLIP)
				.optLearningRateTracker(Tracker.fixed(1e-3f)).build())))
		{
			for (int step = 0; step < STEPS; step++)
				try (NDManager scratch = trainer.getManager().newSubManager()) {
					final NDList in = VarNet.inputs(scratch, batch.kspace(), batch.mask(), batch.maps(), batch.start(), k,
						k);
					last = VarNetTrainer.guardedStep(trainer, in, out -> {
						final NDArray target = scratch.create(batch.target(), k);
						return out.get(0).sub(target).abs().mean();
					}, null);
					if (step == 0) first = last;
				}
		}
		// a fresh network returns its start with the measured samples put back: about the start's own loss
		assertEquals(startLoss, first, 0.05 * startLoss);
		assertTrue(last < 0.6 * startLoss, "loss " + first + " -> " + last + " in " + STEPS + " steps");
	}

	/** Nearest-neighbour shrink of a bundled 256² slice to SIDE². */
	private static float[] shrink(final float[] src) {
		final int n = Phantoms.COLIN_SIZE;
		final float[] out = new float[SIDE * SIDE];
		for (int y = 0; y < SIDE; y++)
			for (int x = 0; x < SIDE; x++)
				out[y * SIDE + x] = src[(y * n / SIDE) * n + x * n / SIDE];
		return out;
	}
}
