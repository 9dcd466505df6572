package org.accelmr.cs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.linop.SenseOperator;
import org.accelmr.mask.SamplingMask;
import org.accelmr.metrics.Metrics;

/**
 * Measurements behind {@link LambdaSelection} (not a test; prints tables):
 * <ul>
 * <li>{@code auto}: PSNR with the defaults ({@code lambda=auto}) against the best λ of
 * {@link CsTuningBenchmark#GRID} at 200 iterations, tolerance 0 (as bench/cs_vs_bart.sh's grid);</li>
 * <li>{@code decompose} (peer cases only, they have the fully sampled k-space): along the path, the true
 * magnitude error M of each path image against the RSS of the fully sampled coil images, its true complex
 * error C against {@code t = S^H (coil images)}, and the selection's estimates (complex part, magnitude
 * correction), to see which part of M the estimate misses.</li>
 * </ul>
 * Cases: the tuning sets of {@link CsTuningBenchmark} by name, or {@code 1:rnd4}, {@code 8:pd4},
 * {@code real:pd4}... read from the raw files bench/cs_vs_bart.sh writes into its OUTDIR ({@code -Dpeers=OUTDIR}).
 * <pre>LambdaSelectionBenchmark auto|decompose CASE...    (-Dmethods=tv,wavelet -Dpeers=DIR)</pre>
 */
public final class LambdaSelectionBenchmark {

	/** One case and, for peer cases, its fully sampled k-space. */
	private record Input(CsTuningBenchmark.Case c, float[][] full) {}

	public static void main(final String[] a) throws Exception {
		final List<Input> inputs = new ArrayList<>();
		for (int i = 1; i < a.length; i++) {
			if (a[i].contains(":")) inputs.add(peer(System.getProperty("peers", "."), a[i]));
			else for (final CsTuningBenchmark.Case c : CsTuningBenchmark.cases(List.of(a[i])))
				inputs.add(new Input(c, null));
		}
		for (final Input in : inputs)
			for (final Penalty p : new Penalty[] { Penalty.TOTAL_VARIATION, Penalty.L1_WAVELET }) {
				if (!System.getProperty("methods", "tv,wavelet").contains(CsTuningBenchmark.name(p))) continue;
				if (a[0].equals("decompose")) decompose(in, p);
				else auto(in.c, p);
			}
	}

	static void auto(final CsTuningBenchmark.Case c, final Penalty p) {
		final int w = c.kspace().width(), h = c.kspace().height();
		double best = -1, bestLambda = 0;
		for (final double l : CsTuningBenchmark.GRID) {
			final double q = psnr(c, SenseReconstruction.reconstruct(c.kspace(), c.mask(), c.maps(), SolverSettings
				.DEFAULTS.with(p, l, 200).withTolerance(0), null, 1, IterationMonitor.silent()), w, h);
			if (q > best) {
				best = q;
				bestLambda = l;
			}
		}
		final IterationMonitor m = IterationMonitor.silent();
		final double q = psnr(c, SenseReconstruction.reconstruct(c.kspace(), c.mask(), c.maps(), SolverSettings.DEFAULTS
			.with(p, SolverSettings.AUTO_LAMBDA, 200), null, 1, m), w, h);
		System.out.println(String.format(Locale.ROOT, "AUTO %-14s %-7s best λ %.3g PSNR %.2f | auto λ %.3g PSNR %.2f " +
			"gap %.2f dB | %d iterations", c.name(), CsTuningBenchmark.name(p), bestLambda, best, m.lambda(), q, best - q,
			m.iterations()));
	}

	private static double psnr(final CsTuningBenchmark.Case c, final float[] magnitude, final int w, final int h) {
		return Metrics.psnr(c.reference(), new FloatVolume(w, h, new float[][] { magnitude }));
	}

	static void decompose(final Input in, final Penalty p) {
		final CsTuningBenchmark.Case c = in.c;
		if (in.full == null) throw new IllegalArgumentException(c.name() + ": decompose needs a peer case");
		final int w = c.kspace().width(), h = c.kspace().height(), coils = c.kspace().coils(), n = w * h;
		final float[] y = new float[2 * n * coils];
		for (int k = 0; k < coils; k++)
			System.arraycopy(c.kspace().plane(0, k), 0, y, 2 * n * k, 2 * n);
		final double scale = DataScaling.scaleOf(y, c.mask(), w, h, coils);
		for (int i = 0; i < y.length; i++)
			y[i] /= scale;
		// the reference on the solver's scale: RSS of the coil images and their combination with the maps
		final float[][] planes = new float[coils][];
		for (int k = 0; k < coils; k++)
			planes[k] = in.full[k].clone();
		final ComplexStack images = ComplexStack.wrap(planes, w, h, coils, 1);
		CenteredFFT.inverse(images, 1);
		final float[] maps = c.maps().maps();
		final double[] rss = new double[n], tr = new double[n], ti = new double[n];
		for (int i = 0; i < n; i++) {
			double s2 = 0, re = 0, im = 0;
			for (int k = 0; k < coils; k++) {
				final double gr = images.plane(0, k)[2 * i] / scale, gi = images.plane(0, k)[2 * i + 1] / scale;
				final double mr = maps[2 * (k * n + i)], mi = maps[2 * (k * n + i) + 1];
				s2 += gr * gr + gi * gi;
				re += mr * gr + mi * gi;
				im += mr * gi - mi * gr;
			}
			rss[i] = Math.sqrt(s2);
			tr[i] = re;
			ti[i] = im;
		}
		final SolverSettings s = SolverSettings.DEFAULTS.with(p, SolverSettings.AUTO_LAMBDA, 200);
		final LambdaSelection.Path path = LambdaSelection.trace(y, LambdaSelection.split(c.mask(), s.seed()), c
			.mask(), c.maps(), s, null, 1, IterationMonitor.silent(), null);
		final double[] criterion = path.criterion(c.mask().sampledCount());
		final SenseOperator a = new SenseOperator(c.mask(), maps, coils, null, 1);
		System.out.println("DECOMPOSE " + c.name() + " " + CsTuningBenchmark.name(p) +
			": λ | true M, C, M-C of the path image | estimate: complex, correction, sum | true M of a cold solve");
		for (int k = 0; k < path.evaluated(); k++) {
			final double[] mc = errors(path.solutions()[k], rss, tr, ti);
			final double[] cold = errors(RegularisedLeastSquares.solve(a, y, w, h, s.withLambda(path.lambdas()[k]), c
				.maps().maxSumOfSquares(), null, IterationMonitor.silent()), rss, tr, ti);
			System.out.println(String.format(Locale.ROOT, "  %.3g | %.3f %.3f %.3f | %.3f %.3f %.3f | %.3f", path
				.lambdas()[k], mc[0], mc[1], mc[0] - mc[1], path.complexError(k), criterion[k] - path.complexError(k),
				criterion[k], cold[0]));
		}
	}

	/** Magnitude error against the RSS and complex error against t. */
	private static double[] errors(final float[] x, final double[] rss, final double[] tr, final double[] ti) {
		double m = 0, complex = 0;
		for (int i = 0; i < rss.length; i++) {
			final double xr = x[2 * i], xi = x[2 * i + 1], d = Math.hypot(xr, xi) - rss[i];
			m += d * d;
			complex += (xr - tr[i]) * (xr - tr[i]) + (xi - ti[i]) * (xi - ti[i]);
		}
		return new double[] { m, complex };
	}

	/** "1:rnd4", "8:pd4", "real:pd4" from the raw files bench/cs_vs_bart.sh writes. */
	static Input peer(final String dir, final String name) throws Exception {
		final String d = name.substring(0, name.indexOf(':')), m = name.substring(name.indexOf(':') + 1);
		final int coils = d.equals("1") ? 1 : d.equals("8") ? 8 : 16, size = d.equals("real") ? 128 : 256;
		final float[] k = read(Path.of(dir, "k" + d + ".f32"), 2 * coils * size * size);
		final float[] flagsRaw = read(Path.of(dir, "m" + size + "_" + m + ".f32"), size * size);
		final FloatVolume ref = new FloatVolume(size, size, new float[][] { read(Path.of(dir, "ref" + d + ".f32"), size *
			size) });
		final boolean[] flags = new boolean[size * size];
		for (int i = 0; i < flags.length; i++)
			flags[i] = flagsRaw[i] != 0;
		final boolean[] columns = new boolean[size];
		boolean columnMask = true;
		for (int x = 0; x < size; x++) {
			columns[x] = flags[x];
			for (int yy = 1; yy < size; yy++)
				columnMask &= flags[yy * size + x] == columns[x];
		}
		final SamplingMask mask = columnMask ? SamplingMask.ofColumns(columns, size) : SamplingMask.of2D(flags, size,
			size);
		final float[][] full = new float[coils][], planes = new float[coils][];
		for (int c = 0; c < coils; c++) {
			full[c] = java.util.Arrays.copyOfRange(k, c * 2 * size * size, (c + 1) * 2 * size * size);
			planes[c] = full[c].clone();
			for (int i = 0; i < size * size; i++)
				if (!flags[i]) planes[c][2 * i] = planes[c][2 * i + 1] = 0;
		}
		final ComplexStack data = ComplexStack.wrap(planes, size, size, coils, 1);
		// ESPIRiT crop as bench/cs_vs_bart.sh: 0 on the real scan (as the peer baseline), 0.8 otherwise
		final CoilMaps maps = coils == 1 ? CoilMaps.ones(size, size) : EspiritCalibration.DEFAULTS.withCrop(d.equals(
			"real") ? 0 : 0.8).estimate(data, mask);
		return new Input(new CsTuningBenchmark.Case(name, data, mask, maps, ref), full);
	}

	private static float[] read(final Path p, final int n) throws Exception {
		final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
		if (b.capacity() != 4 * n) throw new java.io.IOException(p + " has " + b.capacity() + " bytes, expected " + 4 *
			n);
		final float[] f = new float[n];
		b.asFloatBuffer().get(f);
		return f;
	}
}
