package org.accelmr.cs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.accelmr.io.NiftiImage;
import org.accelmr.io.NiftiReader;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.mask.SamplingMask;
import org.accelmr.metrics.Metrics;
import org.accelmr.progress.Progress;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;

/**
 * Tuning measurements for the compressed-sensing defaults (not a test; prints tables):
 * <ul>
 * <li>{@code grid}: for each data set and method, PSNR after every iteration up to the maximum at each λ of a
 * grid, with the solver's convergence measure; prints the best grid λ and, per candidate tolerance, the PSNR lost
 * against running to the maximum and the iterations used.</li>
 * <li>{@code auto}: the automatic λ against the best grid λ (both with the default tolerance), and seconds.</li>
 * </ul>
 * Data sets (128x128, built here from what any machine has): the brain phantom (8 coils, 0.2 % noise) with 4x
 * random columns and 4x Poisson disc; the built-in Colin27 slice (1 coil noiseless, 8 coils 0.5 % noise); the
 * Colin27 {@code ch2} and INIA19 macaque T1 templates of Debian's mricron-data (1 and 8 coils) when installed.
 * <pre>CsTuningBenchmark grid|auto [ITERATIONS=200] [DATASET...]     (-Dmethods=tv,wavelet)</pre>
 */
public final class CsTuningBenchmark {

	static final double[] GRID = { 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1 };
	static final double[] TOLERANCES = { 1e-3, 5e-4, 2e-4, 1e-4, 5e-5, 2e-5, 1e-5 };
	private static final int SIZE = 128;
	private static final String TEMPLATES = "/usr/share/mricron/templates/";

	/** One slice: undersampled k-space, its mask, maps, and the fully sampled RSS reference. */
	record Case(String name, ComplexStack kspace, SamplingMask mask, CoilMaps maps, FloatVolume reference) {}

	public static void main(final String[] a) throws Exception {
		final String mode = a[0];
		final int iterations = a.length > 1 ? Integer.parseInt(a[1]) : 200;
		final List<String> names = new ArrayList<>();
		for (int i = 2; i < a.length; i++)
			names.add(a[i]);
		for (final Case c : cases(names)) {
			for (final Penalty p : new Penalty[] { Penalty.TOTAL_VARIATION, Penalty.L1_WAVELET }) {
				if (!System.getProperty("methods", "tv,wavelet").contains(name(p))) continue;
				if (mode.equals("grid")) grid(c, p, iterations);
				else auto(c, p, iterations);
			}
		}
	}

	static List<Case> cases(final List<String> names) throws Exception {
		final Map<String, java.util.function.Supplier<Case>> all = new LinkedHashMap<>();
		final FloatVolume phantom = Phantoms.brain(SIZE, SIZE);
		all.put("phantom8-rnd4", () -> make("phantom8-rnd4", phantom, 8, 0.002, "random"));
		all.put("phantom8-pd4", () -> make("phantom8-pd4", phantom, 8, 0.002, "poisson"));
		final FloatVolume colin = halve(Phantoms.colinSlices(), 1);
		all.put("colin1-rnd4", () -> make("colin1-rnd4", colin, 1, 0, "random"));
		all.put("colin8-pd4", () -> make("colin8-pd4", colin, 8, 0.005, "poisson"));
		if (Files.exists(Path.of(TEMPLATES + "ch2.nii.gz"))) {
			final FloatVolume ch2 = template("ch2.nii.gz", 0.5);
			all.put("ch2-1-pd4", () -> make("ch2-1-pd4", ch2, 1, 0.002, "poisson"));
			all.put("ch2-8-rnd4", () -> make("ch2-8-rnd4", ch2, 8, 0.005, "random"));
			final FloatVolume inia = template("inia19-t1-brain.nii.gz", 0.5);
			all.put("inia8-rnd4", () -> make("inia8-rnd4", inia, 8, 0.002, "random"));
			all.put("inia1-rnd4", () -> make("inia1-rnd4", inia, 1, 0, "random"));
		}
		final List<Case> out = new ArrayList<>();
		for (final Map.Entry<String, java.util.function.Supplier<Case>> e : all.entrySet())
			if (names.isEmpty() || names.contains(e.getKey())) out.add(e.getValue().get());
		return out;
	}

	/** An axial slice at {@code fraction} of the volume's depth, scaled to [0, 1], centred on a 128² canvas. */
	static FloatVolume template(final String file, final double fraction) {
		final NiftiImage nii = NiftiReader.read(Path.of(TEMPLATES + file));
		final FloatVolume slices = nii.slices(NiftiImage.SliceAxis.Z);
		final int z = (int) (fraction * slices.depth());
		final float[] s = slices.slice(z);
		final int w = slices.width(), h = slices.height();
		final int f = Math.max(1, (int) Math.ceil(Math.max(w, h) / (double) SIZE));
		final float[] out = new float[SIZE * SIZE];
		float max = 0;
		for (final float v : s)
			max = Math.max(max, v);
		final int ow = w / f, oh = h / f, x0 = (SIZE - ow) / 2, y0 = (SIZE - oh) / 2;
		for (int y = 0; y < oh; y++)
			for (int x = 0; x < ow; x++) {
				double sum = 0;
				for (int dy = 0; dy < f; dy++)
					for (int dx = 0; dx < f; dx++)
						sum += s[(y * f + dy) * w + x * f + dx];
				out[(y0 + y) * SIZE + x0 + x] = (float) (sum / (f * f) / max);
			}
		return new FloatVolume(SIZE, SIZE, new float[][] { out });
	}

	/** 2x2 means of one 256² slice. */
	static FloatVolume halve(final FloatVolume v, final int slice) {
		final float[] s = v.slice(slice), out = new float[SIZE * SIZE];
		for (int y = 0; y < SIZE; y++)
			for (int x = 0; x < SIZE; x++)
				out[y * SIZE + x] = (s[2 * y * 2 * SIZE + 2 * x] + s[2 * y * 2 * SIZE + 2 * x + 1] + s[(2 * y + 1) * 2 *
					SIZE + 2 * x] + s[(2 * y + 1) * 2 * SIZE + 2 * x + 1]) / 4;
		return new FloatVolume(SIZE, SIZE, new float[][] { out });
	}

	static Case make(final String name, final FloatVolume image, final int coils, final double noise,
		final String maskType)
	{
		final KSpace full = KSpaceSimulator.simulate(image, new SimulationConfig(coils, true, noise, 7), name,
			Progress.NONE);
		final SamplingMask mask = (maskType.equals("poisson") ? Masks.create("poisson", 4, 0.16, 16) : Masks.create(
			"random", 4, 0.16, 0)).sample(SIZE, SIZE, 42);
		final ComplexStack images = full.data().copy();
		CenteredFFT.inverse(images, 1);
		final FloatVolume reference = CoilCombination.rss(images);
		final ComplexStack under = full.undersample(mask).data();
		final CoilMaps maps = coils == 1 ? CoilMaps.ones(SIZE, SIZE) : EspiritCalibration.DEFAULTS.estimate(under,
			mask);
		return new Case(name, under, mask, maps, reference);
	}

	static double psnr(final Case c, final float[] magnitude) {
		return Metrics.psnr(c.reference, new FloatVolume(SIZE, SIZE, new float[][] { magnitude }));
	}

	/** PSNR per iteration and the convergence measure per iteration at λ, tolerance 0. */
	static double[][] trace(final Case c, final SolverSettings s) {
		final List<Double> psnrs = new ArrayList<>();
		final double scale = scaleOf(c);
		final IterationMonitor m = IterationMonitor.silent().recordObjective(x -> {
			final float[] mag = new float[SIZE * SIZE];
			for (int i = 0; i < mag.length; i++)
				mag[i] = (float) (scale * Math.hypot(x[2 * i], x[2 * i + 1]));
			final double p = psnr(c, mag);
			psnrs.add(p);
			return p;
		});
		SenseReconstruction.reconstruct(c.kspace, c.mask, c.maps, s.withTolerance(0), null, 1, m);
		final double[][] out = new double[2][psnrs.size()];
		for (int i = 0; i < psnrs.size(); i++) {
			out[0][i] = psnrs.get(i);
			out[1][i] = m.residuals().get(i);
		}
		return out;
	}

	static double scaleOf(final Case c) {
		final int n = SIZE * SIZE, coils = c.kspace.coils();
		final float[] y = new float[2 * n * coils];
		for (int k = 0; k < coils; k++)
			System.arraycopy(c.kspace.plane(0, k), 0, y, 2 * n * k, 2 * n);
		return DataScaling.scaleOf(y, c.mask, SIZE, SIZE, coils);
	}

	static void grid(final Case c, final Penalty p, final int iterations) {
		double best = -1, bestLambda = 0;
		double[][] bestTrace = null;
		final StringBuilder curve = new StringBuilder();
		final double[] worstLoss = new double[TOLERANCES.length];
		final int[] worstIterations = new int[TOLERANCES.length];
		for (final double l : GRID) {
			final double[][] t = trace(c, SolverSettings.DEFAULTS.with(p, l, iterations));
			final double last = t[0][t[0].length - 1];
			curve.append(String.format(Locale.ROOT, " %s:%.2f", l, last));
			for (int k = 0; k < TOLERANCES.length; k++) {
				final int stop = stopAt(t[1], TOLERANCES[k]);
				worstLoss[k] = Math.max(worstLoss[k], last - t[0][stop - 1]);
				worstIterations[k] = Math.max(worstIterations[k], stop);
			}
			if (last > best) {
				best = last;
				bestLambda = l;
				bestTrace = t;
			}
		}
		final StringBuilder tol = new StringBuilder();
		for (int k = 0; k < TOLERANCES.length; k++) {
			final int stop = stopAt(bestTrace[1], TOLERANCES[k]);
			tol.append(String.format(Locale.ROOT, " %s:%d/%.3f(all λ: %.3f, %d)", TOLERANCES[k], stop, best -
				bestTrace[0][stop - 1], worstLoss[k], worstIterations[k]));
		}
		System.out.println(String.format(Locale.ROOT, "GRID %s %s best λ %s PSNR %.2f |%s | tol:its/loss at best λ%s",
			c.name, name(p), bestLambda, best, curve, tol));
	}

	/** The 1-based iteration at which a run with this tolerance stops. */
	static int stopAt(final double[] residuals, final double tolerance) {
		for (int i = 0; i < residuals.length; i++)
			if (residuals[i] < tolerance) return i + 1;
		return residuals.length;
	}

	static void auto(final Case c, final Penalty p, final int iterations) {
		double best = -1, bestLambda = 0;
		final SolverSettings defaults = SolverSettings.DEFAULTS.with(p, 0, iterations);
		for (final double l : GRID) {
			final double q = psnr(c, SenseReconstruction.reconstruct(c.kspace, c.mask, c.maps, defaults.withLambda(l),
				null, 1, IterationMonitor.silent()));
			if (q > best) {
				best = q;
				bestLambda = l;
			}
		}
		final IterationMonitor fixed = IterationMonitor.silent();
		long t0 = System.nanoTime();
		SenseReconstruction.reconstruct(c.kspace, c.mask, c.maps, defaults.withLambda(bestLambda), null, 1, fixed);
		final double fixedSeconds = (System.nanoTime() - t0) / 1e9;
		final IterationMonitor m = IterationMonitor.silent();
		t0 = System.nanoTime();
		final float[] out = SenseReconstruction.reconstruct(c.kspace, c.mask, c.maps, defaults.withLambda(
			SolverSettings.AUTO_LAMBDA), null, 1, m);
		final double autoSeconds = (System.nanoTime() - t0) / 1e9;
		final double q = psnr(c, out);
		System.out.println(String.format(Locale.ROOT, "AUTO %s %s best λ %s PSNR %.2f (%d its, %.2f s) | auto λ %.2g " +
			"PSNR %.2f gap %.2f dB (%d its, %.2f s, %.1fx)", c.name, name(p), bestLambda, best, fixed.iterations(),
			fixedSeconds, m.lambda(), q, best - q, m.iterations(), autoSeconds, autoSeconds / fixedSeconds));
	}

	static String name(final Penalty p) {
		return p == Penalty.L1_WAVELET ? "wavelet" : "tv";
	}
}
