package org.accelmr.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.KSpace;
import org.accelmr.progress.Progress;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.mask.Masks;
import org.accelmr.pipeline.ReconstructionPipeline;
import org.accelmr.pipeline.Undersampling;
import org.accelmr.recon.ReconstructionMethods;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.recon.ZeroFilledRecon;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;

/**
 * {@code accelmr bench}: centred FFT throughput (complex 2-D planes per second at 1 and 2 threads, median of
 * {@value #RUNS} runs after {@value #WARMUP} warm-up runs), zero-filled reconstruction of one 15-coil 640x368 slice,
 * every method through the pipeline at 1 and 2 threads, and heap use; {@code method=} names the methods whose
 * pipeline rows alone are measured. Prints Markdown tables for docs/benchmarks.md.
 */
public final class BenchSubcommand implements Subcommand {

	static final int RUNS = 7;
	static final int WARMUP = 3;
	private static final int PLANES = 30;

	static final String ALL = "all";

	static final Spec SPEC = new Spec("bench", null,
		"FFT throughput, zero-filled reconstruction time, every method through the pipeline at 1 and 2 threads, heap use",
		"", List.of(Key.METHOD), List.of(), Map.of(Key.METHOD, ALL), "./accelmr bench method=zero-filled,unet");

	@Override
	public Spec spec() {
		return SPEC;
	}

	@Override
	public int run(final Arguments arguments, final PrintStream out) {
		final List<String> methods = methods(arguments.text(Key.METHOD));
		out.printf("AccelMR bench: %d processors, Java %s, max heap %d MB, median of %d runs%n%n", Runtime
			.getRuntime().availableProcessors(), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >>
				20, RUNS);
		if (methods == null) allTables(out);
		else pipelineRows(methods, out);
		System.gc();
		final Runtime rt = Runtime.getRuntime();
		out.printf("%nheap used after the runs: %d MB (of %d MB allocated, %d MB max)%n", (rt.totalMemory() - rt
			.freeMemory()) >> 20, rt.totalMemory() >> 20, rt.maxMemory() >> 20);
		return Main.OK;
	}

	/**
	 * The methods named by the {@code method} key, or null for {@code all}.
	 *
	 * @throws AccelMRException naming the key and the valid names
	 */
	static List<String> methods(final String value) {
		if (ALL.equals(value.trim())) return null;
		final List<String> methods = Arrays.stream(value.split(",")).map(String::trim).toList();
		for (final String m : methods)
			if (!ReconstructionMethods.names().contains(m)) throw new AccelMRException("method must be " + ALL +
				" or methods separated by commas from " + String.join(", ", ReconstructionMethods.names()) +
				"; got '" + value + "'");
		return methods;
	}

	private static void allTables(final PrintStream out) {
		out.println("| task | size (H x W) | threads | median ms | throughput |");
		out.println("|---|---|---|---|---|");
		// sizes in numpy order, height x width: fastMRI knee k-space is 640 rows (readout) x 368 columns
		for (final int[] size : new int[][] { { 320, 320 }, { 640, 368 } })
			for (final int threads : new int[] { 1, 2 }) {
				final ComplexStack stack = random(size[1], size[0], PLANES, 1);
				final double ms = median(() -> CenteredFFT.inverse(stack, threads));
				out.printf(Locale.ROOT, "| centred 2-D FFT, %d planes | %dx%d | %d | %.1f | %.0f planes/s |%n",
					PLANES, size[0], size[1], threads, ms, PLANES / (ms / 1000));
			}
		final KSpace slice = new KSpace(random(368, 640, 15, 1), null, AcquisitionInfo.of("bench"));
		for (final int threads : new int[] { 1, 2 }) {
			final ZeroFilledRecon recon = new ZeroFilledRecon(threads);
			final double ms = median(() -> recon.reconstruct(slice, Progress.NONE));
			out.printf(Locale.ROOT, "| zero-filled RSS recon, 15 coils | 640x368 | %d | %.1f | %.1f slices/s |%n",
				threads, ms, 1000 / ms);
		}
		pipelineRows(ReconstructionMethods.names(), out);
	}

	/**
	 * Every method on an 8-slice volume (the built-in Colin27 slices twice, 8 simulated coils, 256x256, random
	 * mask R=4) through the pipeline at 1 and 2 threads: seconds per slice amortised over the volume (a method's
	 * one-off cost, such as loading the network, included) and the speed-up of 2 threads over 1.
	 */
	private static void pipelineRows(final List<String> methods, final PrintStream out) {
		final FloatVolume colin = Phantoms.colinSlices();
		final float[][] eight = new float[2 * colin.depth()][];
		for (int z = 0; z < eight.length; z++)
			eight[z] = colin.slice(z % colin.depth());
		final KSpace volume = KSpaceSimulator.simulate(new FloatVolume(colin.width(), colin.height(), eight),
			new SimulationConfig(8, true, Phantoms.DEMO_NOISE_LEVEL, 1));
		final Undersampling mask = new Undersampling(Masks.create("random", 4, 0.08, 0), 1, "random");
		out.printf("%n| method, %d slices of %dx%d, 8 coils, R=4 | threads | median s per volume | s per slice | " +
			"speed-up 2 vs 1 threads |%n|---|---|---|---|---|%n", eight.length, colin.height(), colin.width());
		for (final String method : methods) {
			final int runs = method.equals(ZeroFilledRecon.NAME) ? RUNS : 3;
			final double[] seconds = new double[2];
			for (final int threads : new int[] { 1, 2 }) {
				final ReconstructionSettings settings = ReconstructionSettings.DEFAULTS.withMethod(method).withThreads(
					threads);
				seconds[threads - 1] = median(() -> ReconstructionPipeline.reconstruct(volume, settings, mask,
					Progress.NONE), runs, 1) / 1000;
				out.printf(Locale.ROOT, "| %s | %d | %.2f | %.3f | %s |%n", method, threads, seconds[threads - 1],
					seconds[threads - 1] / eight.length, threads == 1 ? "" : String.format(Locale.ROOT, "%.2fx",
						seconds[0] / seconds[1]));
			}
		}
	}

	private static ComplexStack random(final int width, final int height, final int coils, final int slices) {
		final ComplexStack stack = new ComplexStack(width, height, coils, slices);
		final SplittableRandom random = new SplittableRandom(1);
		for (int i = 0; i < stack.planeCount(); i++) {
			final float[] p = stack.plane(i);
			for (int j = 0; j < p.length; j++)
				p[j] = (float) random.nextGaussian();
		}
		return stack;
	}

	/** Median wall time in ms of {@value #RUNS} runs after {@value #WARMUP} warm-up runs (JIT compilation). */
	private static double median(final Runnable task) {
		return median(task, RUNS, WARMUP);
	}

	private static double median(final Runnable task, final int runs, final int warmup) {
		for (int i = 0; i < warmup; i++)
			task.run();
		final double[] ms = new double[runs];
		for (int i = 0; i < runs; i++) {
			final long t0 = System.nanoTime();
			task.run();
			ms[i] = (System.nanoTime() - t0) / 1e6;
		}
		Arrays.sort(ms);
		return ms[runs / 2];
	}
}
