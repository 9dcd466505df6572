package org.accelmr.recon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.accelmr.kspace.FloatVolume;
import org.accelmr.nn.ModelLocator;
import org.accelmr.nn.TorchRuntime;
import org.accelmr.nn.UNetInference;
import org.accelmr.nn.UNetModel;
import org.accelmr.progress.Progress;
import org.accelmr.sim.Phantoms;

/**
 * How the shipped U-Net's forward passes use 2 cores (not a test; a main printing a table): the 8 slices of
 * 256x256 of {@code ./accelmr bench} through {@link UNetInference} (the network alone, model loaded once), for
 * each configuration {@code WORKERSxINTRAOPxBATCH}: Java threads splitting the slices, libtorch intra-op threads
 * set on each of them, slices per forward call. The configurations take turns round by round, so a change of
 * load hits them alike; median and fastest of the rounds. Run with
 * {@code java -cp target/classes:target/test-classes:target/lib/* org.accelmr.recon.UNetThreadingBenchmark 5
 * 1x1x1,1x1x2,1x2x1,1x2x2,2x1x1} (add {@code OMP_WAIT_POLICY=ACTIVE} to the environment to see spinning OpenMP).
 */
public final class UNetThreadingBenchmark {

	private static final int SLICES = 8;

	private UNetThreadingBenchmark() {}

	public static void main(final String[] args) throws InterruptedException, ExecutionException {
		final int rounds = Integer.parseInt(args[0]);
		final String[] configs = args[1].split(",");
		TorchRuntime.engine(1);
		final FloatVolume colin = Phantoms.colinSlices();
		final float[][] images = new float[SLICES][];
		for (int z = 0; z < SLICES; z++)
			images[z] = colin.slice(z % colin.depth());
		final double[][] seconds = new double[configs.length][rounds];
		final ExecutorService pool = Executors.newFixedThreadPool(SLICES);
		try (UNetModel net = UNetModel.load(ModelLocator.resolve(""), 1)) {
			for (int round = -1; round < rounds; round++) // round -1 warms up
				for (int k = 0; k < configs.length; k++) {
					final int[] c = Arrays.stream(configs[k].split("x")).mapToInt(Integer::parseInt).toArray();
					final int workers = c[0], intraOp = c[1], batch = c[2], per = SLICES / workers;
					final long start = System.nanoTime();
					final List<Future<?>> parts = new ArrayList<>();
					for (int w = 0; w < workers; w++) {
						final float[][] part = Arrays.copyOfRange(images, w * per, (w + 1) * per);
						parts.add(pool.submit(() -> {
							TorchRuntime.engine(intraOp);
							return UNetInference.apply(net, part, colin.width(), colin.height(), batch, Progress.NONE);
						}));
					}
					for (final Future<?> f : parts)
						f.get();
					if (round >= 0) seconds[k][round] = (System.nanoTime() - start) / 1e9;
				}
		}
		finally {
			pool.shutdown();
		}
		System.out.printf(Locale.ROOT, "OMP_WAIT_POLICY=%s, %d rounds%n%n", System.getenv().getOrDefault(
			"OMP_WAIT_POLICY", "PASSIVE (AccelMR's)"), rounds);
		System.out.println("| Java threads x intra-op threads x slices per call | median s per slice | fastest |");
		System.out.println("|---|---|---|");
		for (int k = 0; k < configs.length; k++) {
			Arrays.sort(seconds[k]);
			System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f |%n", configs[k], seconds[k][rounds / 2] / SLICES,
				seconds[k][0] / SLICES);
		}
	}
}
