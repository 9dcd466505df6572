package org.accelmr.cs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.MaskFiles;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;
import org.accelmr.linop.SenseOperator;
import org.accelmr.metrics.Metrics;

/**
 * Quality and iterations of the compressed-sensing defaults and their variants on a volume (not a test; prints one
 * line per variant): DIR holds {@code full.npy} (fully sampled k-space, slices x coils x H x W, as
 * {@code ./accelmr simulate} writes) and {@code mask.npy} (as {@code ./accelmr undersample mask_output=} writes).
 * Each slice is undersampled with the mask, reconstructed (ESPIRiT maps at their defaults for several coils) and
 * scored against the RSS of its fully sampled coil images.
 * <pre>CsDefaultsBenchmark DIR tv|wavelet SLICES(0,2,...) VARIANT...
 *   fixed:λ:maxIterations:tolerance[:ρ]                 a typed λ
 *   auto:largest:smallest:factor:pathIterations:maxIterations:tolerance   lambda=auto with another λ path
 *   volume:largest:smallest:factor:pathIterations:maxIterations:tolerance   one λ for all the slices
 *   path:largest:smallest:factor:pathIterations         per path point: λ, criterion (= held-out + acquired part), PSNR</pre>
 */
public final class CsDefaultsBenchmark {

	record Slice(String name, ComplexStack kspace, SamplingMask mask, CoilMaps maps, FloatVolume reference) {}

	public static void main(final String[] a) throws Exception {
		final Path dir = Path.of(a[0]);
		final Penalty p = a[1].equals("wavelet") ? Penalty.L1_WAVELET : Penalty.TOTAL_VARIATION;
		final List<Slice> slices = load(dir, a[2]);
		for (int i = 3; i < a.length; i++) {
			final String spec = a[i];
			if (spec.startsWith("volume:")) {
				volume(slices, p, spec, a[1]);
				continue;
			}
			if (spec.startsWith("path:")) {
				for (final Slice s : slices)
					path(s, p, spec);
				continue;
			}
			double sum = 0, seconds = 0;
			int its = 0;
			final StringBuilder row = new StringBuilder();
			final List<float[]> outs = new ArrayList<>(), refs = new ArrayList<>();
			for (final Slice s : slices) {
				final IterationMonitor m = IterationMonitor.silent();
				final long t0 = System.nanoTime();
				final float[] out = run(s, p, spec, m);
				outs.add(out);
				refs.add(s.reference.slice(0));
				seconds += (System.nanoTime() - t0) / 1e9;
				final double q = Metrics.psnr(s.reference, new FloatVolume(s.kspace.width(), s.kspace.height(),
					new float[][] { out }));
				sum += q;
				its += m.iterations();
				row.append(String.format(Locale.ROOT, " %s:%.2f(%.2g,%d)", s.name, q, m.lambda(), m.iterations()));
			}
			final int w = slices.get(0).kspace.width(), h = slices.get(0).kspace.height();
			System.out.println(String.format(Locale.ROOT, "%s %s mean %.3f volume %.3f its %d s %.2f |%s", a[1], spec,
				sum / slices.size(), Metrics.psnr(new FloatVolume(w, h, refs.toArray(float[][]::new)), new FloatVolume(w,
					h, outs.toArray(float[][]::new))), its, seconds, row));
		}
	}

	/** spec: "fixed:λ:its:tol" or "auto:largest:smallest:factor:pathIts:finalIts:tol". */
	static float[] run(final Slice s, final Penalty p, final String spec, final IterationMonitor m) {
		final String[] f = spec.split(":");
		final double rho = f[0].equals("fixed") && f.length > 4 ? Double.parseDouble(f[4]) : SolverSettings.DEFAULTS.rho();
		if (f[0].equals("fixed")) return SenseReconstruction.reconstruct(s.kspace, s.mask, s.maps, SolverSettings.DEFAULTS
			.with(p, Double.parseDouble(f[1]), Integer.parseInt(f[2])).withTolerance(Double.parseDouble(f[3])).withInner(
				rho, SolverSettings.DEFAULTS.innerIterations()), null, 1, m);
		final SolverSettings settings = SolverSettings.DEFAULTS.with(p, SolverSettings.AUTO_LAMBDA, Integer.parseInt(
			f[5])).withTolerance(Double.parseDouble(f[6]));
		final SenseReconstruction.ScaledSlice y = SenseReconstruction.ScaledSlice.of(s.kspace, s.mask);
		return SenseReconstruction.magnitude(SenseReconstruction.solve(y, s.mask, s.maps, settings, LambdaSelection
			.choose(y.y(), s.mask, s.maps, settings, null, 1, m, plan(f, settings, s)), null, 1, m));
	}

	/**
	 * The path of a spec's fields 1-4: largest, smallest, factor, iterations per λ; confirmed unless field 7 (after
	 * the final solve's iterations and tolerance) says {@code noconfirm}; the phase discount as the default plan
	 * for these settings and this slice has it.
	 */
	private static LambdaSelection.Plan plan(final String[] f, final SolverSettings settings, final Slice s) {
		final boolean discount = LambdaSelection.Plan.of(settings, new SenseOperator(s.mask, s.maps.maps(), s.maps
			.coils(), null, 1), s.mask, s.maps.coils()).discountPhase();
		return new LambdaSelection.Plan(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
			Integer.parseInt(f[4]), !(f.length > 7 && f[7].equals("noconfirm")), discount);
	}

	/**
	 * "volume:largest:smallest:factor:pathIts:finalIts:tol": one λ for all the slices ({@link
	 * LambdaSelection#chooseForVolume}), each final solve warm-started from its own path; prints the volume's
	 * PSNR (all slices against their references, one maximum) and each slice's.
	 */
	static void volume(final List<Slice> slices, final Penalty p, final String spec, final String name) {
		final String[] f = spec.split(":");
		final SolverSettings settings = SolverSettings.DEFAULTS.with(p, SolverSettings.AUTO_LAMBDA, Integer.parseInt(
			f[5])).withTolerance(Double.parseDouble(f[6]));
		final long t0 = System.nanoTime();
		final List<SenseReconstruction.ScaledSlice> scaled = new ArrayList<>();
		final List<float[]> ys = new ArrayList<>();
		final List<CoilMaps> maps = new ArrayList<>();
		final List<IterationMonitor> monitors = new ArrayList<>();
		final int[] indices = new int[slices.size()];
		final double[] weights = new double[slices.size()];
		for (int s = 0; s < slices.size(); s++) {
			scaled.add(SenseReconstruction.ScaledSlice.of(slices.get(s).kspace, slices.get(s).mask));
			ys.add(scaled.get(s).y());
			maps.add(slices.get(s).maps);
			monitors.add(IterationMonitor.silent());
			indices[s] = Integer.parseInt(slices.get(s).name.substring(1));
			weights[s] = Math.pow(scaled.get(s).scale(), 2);
		}
		final LambdaSelection.VolumeChoice choice = LambdaSelection.chooseForVolume(ys, indices, weights, slices.get(0)
			.mask, maps, settings, null, 1, jobs -> jobs.forEach(Runnable::run), monitors, plan(f, settings, slices.get(0)));
		final float[][] out = new float[slices.size()][], ref = new float[slices.size()][];
		int its = 0;
		final StringBuilder row = new StringBuilder();
		for (int s = 0; s < slices.size(); s++) {
			final Slice sl = slices.get(s);
			final IterationMonitor m = IterationMonitor.silent();
			out[s] = SenseReconstruction.magnitude(SenseReconstruction.solve(scaled.get(s), sl.mask, sl.maps, settings,
				choice.forSlice(s), null, 1, m));
			ref[s] = sl.reference.slice(0);
			its += m.iterations(); // the final solve's monitor counts on from the path's iterations
			row.append(String.format(Locale.ROOT, " %s:%.2f", sl.name, Metrics.psnr(sl.reference, new FloatVolume(sl
				.kspace.width(), sl.kspace.height(), new float[][] { out[s] }))));
		}
		final int w = slices.get(0).kspace.width(), h = slices.get(0).kspace.height();
		System.out.println(String.format(Locale.ROOT, "%s %s volume %.3f λ %.3g its %d s %.2f |%s", name, spec, Metrics
			.psnr(new FloatVolume(w, h, ref), new FloatVolume(w, h, out)), choice.lambda(), its, (System.nanoTime() -
				t0) / 1e9, row));
	}

	/** "path:largest:smallest:factor:its": per path point λ, criterion, PSNR of its image. */
	static void path(final Slice s, final Penalty p, final String spec) {
		final String[] f = spec.split(":");
		final SolverSettings settings = SolverSettings.DEFAULTS.with(p, SolverSettings.AUTO_LAMBDA, 200);
		final int w = s.kspace.width(), h = s.kspace.height(), n = w * h;
		final SenseReconstruction.ScaledSlice y = SenseReconstruction.ScaledSlice.of(s.kspace, s.mask);
		final double scale = y.scale();
		final LambdaSelection.Path path = LambdaSelection.trace(y.y(), LambdaSelection.split(s.mask, settings.seed()),
			s.mask, s.maps, settings, null, 1, IterationMonitor.silent(), plan(f, settings, s));
		final double[] criterion = path.criterion(s.mask.sampledCount());
		final StringBuilder b = new StringBuilder(s.name + " " + spec + ":");
		for (int k = 0; k < path.evaluated(); k++) {
			final float[] x = path.solutions()[k], mag = new float[n];
			for (int i = 0; i < n; i++)
				mag[i] = (float) (scale * Math.hypot(x[2 * i], x[2 * i + 1]));
			b.append(String.format(Locale.ROOT, " %.3g:%.4g/%.4g+%.4g/%.2f", path.lambdas()[k], criterion[k], path
				.unacquiredError()[k], path.acquiredResidual()[k], Metrics.psnr(s.reference, new FloatVolume(w, h,
					new float[][] { mag }))));
		}
		System.out.println(b);
	}

	static List<Slice> load(final Path dir, final String which) {
		final KSpace full = KSpaceFiles.read(dir.resolve("full.npy"));
		final int w = full.data().width(), h = full.data().height();
		final SamplingMask mask = MaskFiles.read(dir.resolve("mask.npy"), w, h);
		final List<Slice> out = new ArrayList<>();
		for (final String z : which.split(",")) {
			final KSpace one = full.slice(Integer.parseInt(z));
			final ComplexStack images = one.data().copy();
			CenteredFFT.inverse(images, 1);
			final FloatVolume reference = CoilCombination.rss(images);
			final ComplexStack under = one.undersample(mask).data();
			final CoilMaps maps = under.coils() == 1 ? CoilMaps.ones(w, h) : EspiritCalibration.DEFAULTS.estimate(under,
				mask);
			out.add(new Slice("z" + z, under, mask, maps, reference));
		}
		return out;
	}
}
