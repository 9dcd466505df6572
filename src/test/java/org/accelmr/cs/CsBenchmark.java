package org.accelmr.cs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.mask.SamplingMask;
import org.accelmr.metrics.Metrics;

/**
 * Driver of bench/cs_vs_bart.sh (not a test): one slice, a λ grid, best PSNR against the reference, then the
 * time per slice at the best λ on 1 and 2 threads (median of {@code -Drepeats=3} runs; also the CPU time of the
 * 1-thread run, which a shared, loaded machine disturbs less than wall time). Inputs are raw little-endian
 * float32 files written by the script: k-space {@code coils x H x W} complex, mask {@code H x W}, reference
 * {@code H x W}.
 * <pre>
 * CsBenchmark KSPACE COILS H W MASK REF tv|wavelet "l1 l2 ..." ITERATIONS CROP
 * </pre>
 * Prints {@code bestLambda nmse psnr ssim seconds1 seconds2 espiritSeconds cpuSeconds1 autoLambda autoPsnr
 * autoIterations autoSeconds reachSeconds autoOverTyped}; every λ's PSNR goes to stderr. The grid runs all ITERATIONS
 * (tolerance 0); the {@code auto} fields are the defaults ({@code lambda=auto}, default tolerance, ITERATIONS as the
 * maximum), seconds including ESPIRiT; {@code reachSeconds} is when that run first reached {@code -Dtarget=PSNR}
 * (NaN: never); {@code autoOverTyped} is that run's time without ESPIRiT over a run with the chosen λ typed (same
 * tolerance and maximum). {@code -Dcurve=FILE} writes its {@code seconds psnr} per iteration.
 */
public final class CsBenchmark {

	public static void main(final String[] a) throws Exception {
		final int coils = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]);
		final float[] k = read(Path.of(a[0]), 2 * coils * h * w);
		final float[] m = read(Path.of(a[4]), h * w);
		final FloatVolume ref = new FloatVolume(w, h, new float[][] { read(Path.of(a[5]), h * w) });
		final Penalty penalty = a[6].equals("tv") ? Penalty.TOTAL_VARIATION : Penalty.L1_WAVELET;
		final int its = Integer.parseInt(a[8]);
		final double crop = Double.parseDouble(a[9]);
		final boolean[] flags = new boolean[h * w];
		for (int i = 0; i < flags.length; i++)
			flags[i] = m[i] != 0;
		final boolean[] columns = new boolean[w];
		boolean columnMask = true;
		for (int x = 0; x < w; x++) {
			columns[x] = flags[x];
			for (int y = 1; y < h; y++)
				columnMask &= flags[y * w + x] == columns[x];
		}
		final SamplingMask mask = columnMask ? SamplingMask.ofColumns(columns, h) : SamplingMask.of2D(flags, w, h);
		final float[][] planes = new float[coils][];
		for (int c = 0; c < coils; c++) {
			planes[c] = java.util.Arrays.copyOfRange(k, c * 2 * h * w, (c + 1) * 2 * h * w);
			for (int i = 0; i < h * w; i++)
				if (!flags[i]) planes[c][2 * i] = planes[c][2 * i + 1] = 0;
		}
		final ComplexStack data = ComplexStack.wrap(planes, w, h, coils, 1);
		long t0 = System.nanoTime();
		final CoilMaps maps = coils == 1 ? CoilMaps.ones(w, h) : EspiritCalibration.DEFAULTS.withCrop(crop)
			.estimate(data, mask);
		final double espiritSeconds = (System.nanoTime() - t0) / 1e9;
		double bestPsnr = -1, bestLambda = 0;
		FloatVolume best = null;
		for (final String l : a[7].trim().split("\\s+")) {
			final SolverSettings s = tuned(a, SolverSettings.DEFAULTS.with(penalty, Double.parseDouble(l), its))
				.withTolerance(0);
			final FloatVolume out = new FloatVolume(w, h, new float[][] { SenseReconstruction.reconstruct(data, mask,
				maps, s, null, 1, IterationMonitor.silent()) });
			final double p = Metrics.psnr(ref, out);
			System.err.println(String.format(Locale.ROOT, "lambda %s psnr %.2f", l, p));
			if (p > bestPsnr) {
				bestPsnr = p;
				bestLambda = Double.parseDouble(l);
				best = out;
			}
		}
		final SolverSettings s = tuned(a, SolverSettings.DEFAULTS.with(penalty, bestLambda, its)).withTolerance(0);
		final java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
		final double[] one = new double[REPEATS], oneCpu = new double[REPEATS], two = new double[REPEATS];
		final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		for (int r = 0; r < REPEATS; r++) {
			t0 = System.nanoTime();
			final long c0 = cpu.getCurrentThreadCpuTime();
			SenseReconstruction.reconstruct(data, mask, maps, s, null, 1, IterationMonitor.silent());
			oneCpu[r] = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
			one[r] = (System.nanoTime() - t0) / 1e9;
			t0 = System.nanoTime();
			SenseReconstruction.reconstruct(data, mask, maps, s, coils > 1 ? pool : null, 2, IterationMonitor
				.silent());
			two[r] = (System.nanoTime() - t0) / 1e9;
		}
		pool.shutdown();
		// defaults: λ automatic, default tolerance; PSNR after every iteration with its time (monitor time excluded)
		final double target = Double.parseDouble(System.getProperty("target", "NaN"));
		final List<double[]> curve = new ArrayList<>();
		final double scale = scaleOf(data, mask, w, h, coils);
		final long[] monitorNanos = { 0 };
		final long start = System.nanoTime();
		final IterationMonitor traced = IterationMonitor.silent().recordObjective(x -> {
			final long m0 = System.nanoTime();
			final float[] mag = new float[w * h];
			for (int i = 0; i < mag.length; i++)
				mag[i] = (float) (scale * Math.hypot(x[2 * i], x[2 * i + 1]));
			final double p = Metrics.psnr(ref, new FloatVolume(w, h, new float[][] { mag }));
			monitorNanos[0] += System.nanoTime() - m0;
			curve.add(new double[] { espiritSeconds + (System.nanoTime() - start - monitorNanos[0]) / 1e9, p });
			return p;
		});
		final SolverSettings defaults = tuned(a, SolverSettings.DEFAULTS.with(penalty, SolverSettings.AUTO_LAMBDA, its));
		final FloatVolume auto = new FloatVolume(w, h, new float[][] { SenseReconstruction.reconstruct(data, mask, maps,
			defaults, null, 1, traced) });
		// untraced time of the same run (the trace above costs a PSNR per iteration)
		final double[] autoSeconds = new double[REPEATS];
		for (int r = 0; r < REPEATS; r++) {
			t0 = System.nanoTime();
			SenseReconstruction.reconstruct(data, mask, maps, defaults, null, 1, IterationMonitor.silent());
			autoSeconds[r] = espiritSeconds + (System.nanoTime() - t0) / 1e9;
		}
		// the same defaults with the chosen λ typed: what the automatic choice costs over one solve
		final double[] typedSeconds = new double[REPEATS];
		for (int r = 0; r < REPEATS; r++) {
			t0 = System.nanoTime();
			SenseReconstruction.reconstruct(data, mask, maps, defaults.withLambda(traced.lambda()), null, 1,
				IterationMonitor.silent());
			typedSeconds[r] = (System.nanoTime() - t0) / 1e9;
		}
		double reach = Double.NaN;
		for (final double[] point : curve)
			if (point[1] >= target) {
				reach = point[0];
				break;
			}
		final String curveFile = System.getProperty("curve");
		if (curveFile != null) {
			final StringBuilder b = new StringBuilder();
			for (final double[] point : curve)
				b.append(String.format(Locale.ROOT, "%.4f %.3f%n", point[0], point[1]));
			Files.writeString(Path.of(curveFile), b);
		}
		System.out.println(String.format(Locale.ROOT, "%s %.5f %.2f %.3f %.2f %.2f %.2f %.2f %.3g %.2f %d %.2f %.2f %.2f",
			bestLambda, Metrics.nmse(ref, best), bestPsnr, Metrics.ssim(ref, best), median(one), median(two),
			espiritSeconds, median(oneCpu), traced.lambda(), Metrics.psnr(ref, auto), traced.iterations(), median(
				autoSeconds), reach, (median(autoSeconds) - espiritSeconds) / median(typedSeconds)));
	}

	private static double scaleOf(final ComplexStack data, final SamplingMask mask, final int w, final int h,
		final int coils)
	{
		final float[] y = new float[2 * w * h * coils];
		for (int c = 0; c < coils; c++)
			System.arraycopy(data.plane(0, c), 0, y, 2 * w * h * c, 2 * w * h);
		return DataScaling.scaleOf(y, mask, w, h, coils);
	}

	private static final int REPEATS = Integer.getInteger("repeats", 3);

	private static double median(final double[] v) {
		final double[] s = v.clone();
		java.util.Arrays.sort(s);
		return s[s.length / 2];
	}

	/** Optional 11th/12th arguments: ADMM inner CG steps and ρ, for tuning. */
	private static SolverSettings tuned(final String[] a, final SolverSettings s) {
		return a.length > 11 ? s.withInner(Double.parseDouble(a[11]), Integer.parseInt(a[10])) : s;
	}

	private static float[] read(final Path p, final int n) throws IOException {
		final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
		if (b.capacity() != 4 * n) throw new IOException(p + " has " + b.capacity() + " bytes, expected " + 4 * n);
		final float[] f = new float[n];
		b.asFloatBuffer().get(f);
		return f;
	}
}
