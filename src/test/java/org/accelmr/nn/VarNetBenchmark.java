package org.accelmr.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.RandomMask;
import org.accelmr.progress.Progress;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

/**
 * Measurements for the variational network (not a test; medians of repeated runs, printed as tables):
 * <ul>
 * <li>{@code fft THREADS}: the centred orthonormal 2-D DFT inside the DJL graph, forward + backward of 8 coil
 * planes, {@link TorchFFT} (PyTorch's FFT of both real parts) against an exact DFT written as complex matrix
 * products, at 128^2 to 320^2, with the largest difference between the two;</li>
 * <li>{@code train THREADS CASCADES CHANS SIDE COILS BATCH}: optimiser steps per second on random inputs (the
 * network's share of training; simulation runs on another thread), in slices per second;</li>
 * <li>{@code memory THREADS CASCADES CHANS [WIDTH HEIGHT COILS]}: one slice, by default 15 coils of 640x368
 * (fastMRI knee), through {@link VarNetInference} with a fresh (perturbed) model: seconds (second of two runs)
 * and the process's peak resident memory (VmHWM).</li>
 * </ul>
 * Run with {@code java -cp target/classes:target/test-classes:<deps> org.accelmr.nn.VarNetBenchmark fft 1}.
 */
public final class VarNetBenchmark {

	/** Pooling levels of every measured network (system property {@code pools}, default 3). */
	private static final int POOLS = Integer.getInteger("pools", 3);

	private VarNetBenchmark() {}

	public static void main(final String[] a) {
		final int threads = Integer.parseInt(a[1]);
		final Engine engine = TorchRuntime.engine(threads);
		switch (a[0]) {
			case "fft" -> fft(engine);
			case "train" -> train(threads, Integer.parseInt(a[2]), Integer.parseInt(a[3]), Integer.parseInt(a[4]),
				Integer.parseInt(a[5]), Integer.parseInt(a[6]));
			case "memory" -> memory(threads, Integer.parseInt(a[2]), Integer.parseInt(a[3]), a.length > 4 ? Integer
				.parseInt(a[4]) : 368, a.length > 5 ? Integer.parseInt(a[5]) : 640, a.length > 6 ? Integer.parseInt(a[6])
					: 15);
			default -> throw new IllegalArgumentException("fft, train or memory");
		}
	}

	private static void fft(final Engine engine) {
		System.out.println("| side | TorchFFT fwd+bwd ms | DFT matmul fwd+bwd ms | ratio | max diff |");
		System.out.println("|---|---|---|---|---|");
		for (final int side : new int[] { 128, 192, 256, 320 })
			try (NDManager m = NDManager.newBaseManager()) {
				final Shape s = new Shape(1, 8, side, side);
				final NDArray re = m.randomNormal(s), im = m.randomNormal(s);
				re.setRequiresGradient(true);
				im.setRequiresGradient(true);
				final ComplexTensor dft = dftMatrix(m, side);
				final double[] tf = new double[7], td = new double[7];
				double diff = 0;
				for (int r = 0; r < tf.length; r++) {
					{
						final ComplexTensor x = new ComplexTensor(re, im);
						long t = System.nanoTime();
						ComplexTensor y;
						try (GradientCollector g = engine.newGradientCollector()) {
							y = TorchFFT.forward(x);
							g.backward(y.re().sum().add(y.im().square().sum()));
						}
						tf[r] = (System.nanoTime() - t) / 1e6;
						t = System.nanoTime();
						ComplexTensor z;
						try (GradientCollector g = engine.newGradientCollector()) {
							z = matmul(transposeOf(dft), matmul(dft, x), true);
							g.backward(z.re().sum().add(z.im().square().sum()));
						}
						td[r] = (System.nanoTime() - t) / 1e6;
						diff = Math.max(diff, y.re().sub(z.re()).abs().max().getFloat());
					}
				}
				System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1fx | %.1e |%n", side, median(tf), median(td), median(
					td) / median(tf), diff);
			}
	}

	/** The centred orthonormal DFT matrix of an even size: {@code exp(-2 pi i (k - n/2)(j - n/2) / n) / sqrt(n)}. */
	private static ComplexTensor dftMatrix(final NDManager m, final int n) {
		final float[] re = new float[n * n], im = new float[n * n];
		for (int k = 0; k < n; k++)
			for (int j = 0; j < n; j++) {
				final double phase = -2 * Math.PI * (double) ((long) (k - n / 2) * (j - n / 2) % n) / n;
				re[k * n + j] = (float) (Math.cos(phase) / Math.sqrt(n));
				im[k * n + j] = (float) (Math.sin(phase) / Math.sqrt(n));
			}
		return new ComplexTensor(m.create(re, new Shape(n, n)), m.create(im, new Shape(n, n)));
	}

	private static ComplexTensor transposeOf(final ComplexTensor f) {
		return new ComplexTensor(f.re().transpose(), f.im().transpose());
	}

	/** {@code f @ x} (rows), or {@code x @ f} when {@code right}. */
	private static ComplexTensor matmul(final ComplexTensor f, final ComplexTensor x, final boolean right) {
		final NDArray a = f.re(), b = f.im(), p = x.re(), q = x.im();
		if (right) return new ComplexTensor(p.matMul(a).sub(q.matMul(b)), p.matMul(b).add(q.matMul(a)));
		return new ComplexTensor(a.matMul(p).sub(b.matMul(q)), a.matMul(q).add(b.matMul(p)));
	}

	private static ComplexTensor matmul(final ComplexTensor f, final ComplexTensor x) {
		return matmul(f, x, false);
	}

	private static void train(final int threads, final int cascades, final int chans, final int side, final int coils,
		final int batch)
	{
		final VarNetArchitecture arch = new VarNetArchitecture(cascades, chans, POOLS, 8, VarNetArchitecture.RSS, 32);
		try (VarNetModel model = VarNetModel.create(arch, 1, threads); Trainer trainer = model.djlModel().newTrainer(
			new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(Optimizer.adam().build())))
		{
			final double[] t = new double[5];
			for (int r = 0; r < t.length + 1; r++) {
				final long start = System.nanoTime();
				try (NDManager scratch = trainer.getManager().newSubManager()) {
					final Shape k = new Shape(batch, coils, side, side), image = new Shape(batch, 1, side, side);
					final NDArray mask = scratch.randomUniform(0, 1, image).gt(0.7).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
					try (GradientCollector g = trainer.newGradientCollector()) {
						final NDArray out = trainer.forward(new NDList(scratch.randomNormal(k).mul(mask), scratch
							.randomNormal(k).mul(mask), mask, scratch.randomNormal(k), scratch.randomNormal(k)))
							.get(0);
						g.backward(out.sub(scratch.randomUniform(0, 1, image)).abs().mean());
					}
					trainer.step();
				}
				if (r > 0) t[r - 1] = (System.nanoTime() - start) / 1e9;
			}
			System.out.printf(Locale.ROOT,
				"train: %d cascades, chans %d (%,d parameters), %dx%d, %d coils, batch %d, %d thread(s): %.2f s/step, %.2f slices/s%n",
				cascades, chans, arch.parameterCount(), side, side, coils, batch, threads, median(t), batch / median(t));
		}
	}

	private static void memory(final int threads, final int cascades, final int chans, final int w, final int h,
		final int coils)
	{
		final KSpace full = KSpaceSimulator.simulate(Phantoms.brain(w, h), SimulationConfig.DEFAULTS.withCoils(coils));
		final KSpace under = full.undersample(new RandomMask(4, 0.08).sample(w, h, 1));
		final VarNetArchitecture arch = new VarNetArchitecture(cascades, chans, POOLS, 8, VarNetArchitecture.RSS, 32);
		final long before = peakResidentMB();
		try (VarNetModel model = VarNetModel.create(arch, 1, threads)) {
			VarNetTest.perturb(model, 1);
			VarNetInference.reconstruct(model, under, VarNetInference.trainedMaps(model), 0, Progress.NONE);
			final long t = System.nanoTime();
			final FloatVolume out = VarNetInference.reconstruct(model, under, VarNetInference.trainedMaps(model), 0,
				Progress.NONE);
			System.out.printf(Locale.ROOT,
				"memory: %d coils %dx%d, %d cascades chans %d, %d thread(s): %.2f s, peak resident %d MB (%d MB before), max %.3g%n",
				coils, h, w, cascades, chans, threads, (System.nanoTime() - t) / 1e9, peakResidentMB(), before, out.max());
		}
	}

	private static long peakResidentMB() {
		try {
			for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
				if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
		}
		catch (final IOException | NumberFormatException e) {
			// not Linux: no figure
		}
		return -1;
	}

	private static double median(final double[] v) {
		final double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
	}
}
