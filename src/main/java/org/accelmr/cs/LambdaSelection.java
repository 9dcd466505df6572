package org.accelmr.cs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

import org.accelmr.AccelMRException;
import org.accelmr.linop.LinearOperator;
import org.accelmr.linop.SenseOperator;
import org.accelmr.mask.SamplingMask;

/**
 * Automatic λ by k-space cross-validation (Ward, IEEE Trans. Inf. Theory 55:4730, 2009), aimed at the error of
 * the magnitude image against the root-sum-of-squares of the fully sampled coil images (what PSNR and SSIM
 * against a fully sampled scan measure). A seeded random {@value #HELD_OUT} of the acquired samples outside the
 * fully sampled centre is held out (whole columns for a column mask, at least {@value #MIN_HELD_COLUMNS}), the
 * rest is reconstructed along a path of λ from large to small (each solve warm-started from the previous one, at
 * most {@value #PATH_ITERATIONS} iterations), and the λ with the smallest estimated error wins; a parabola
 * through the best point and its neighbours in {@code log λ} refines it. The path stops early once the estimate
 * has risen on {@value #PATIENCE} λ in a row past its minimum.
 * <p>
 * The estimate ({@link Path#criterion}) has three parts:
 * <ul>
 * <li>the complex error at the unacquired samples, from the held-out ones, each weighted by {@code (1 - p) / p}
 * with {@code p} the mask's local sampling density around it ({@link #importanceWeights}): a held-out sample
 * stands for the unacquired samples near it, many in sparsely sampled outer k-space, few near the centre;</li>
 * <li>the complex error at the acquired samples, the residual {@code ‖M (A x - y)‖²} (scaled from the fit set to
 * all acquired samples): a fully sampled scan keeps those measurements, noise included;</li>
 * <li>the difference between the magnitude error and the complex error, {@link #magnitudeCorrection}. A
 * root-sum-of-squares reference carries the coil noise that no image times the coil maps can represent (power q
 * per pixel, from the path's smallest residual), so its background is a noise floor of height about
 * {@code sqrt(q)}; and magnitudes ignore phase. A reconstruction that keeps more noise in the background comes
 * closer to that floor, although its complex error is larger.</li>
 * </ul>
 * The complex parts alone (the earlier rule) found the λ of the smallest complex error, but on the noisy real
 * 16-coil scan with a Poisson mask the magnitude error kept falling for 8-16x smaller λ (2.1-2.5 dB lost
 * against the best grid λ). Unlike the discrepancy principle the rule needs no noise level given, so it works on
 * noiseless (simulated) data too, where the best λ is set by the undersampling artefacts rather than by noise.
 * <p>
 * A volume gets one λ ({@link #chooseForVolume}): the estimates of several slices, each from its own held-out
 * samples, are summed, which averages out what a few held-out columns leave to chance in one slice's estimate.
 * The chosen point is then confirmed, on {@value #CONFIRMING_SLICES} of those slices, with solves as long as the
 * final one, since a short path solve has not yet fitted the noise a poorly conditioned final solve will.
 */
public final class LambdaSelection {

	/** Fraction of the acquired samples outside the calibration region that is held out. */
	static final double HELD_OUT = 0.1;
	/** Column masks: at least this many acquired columns are held out (at most half of those outside the centre). */
	static final int MIN_HELD_COLUMNS = 2;
	/** Largest λ of the path; each next is {@link #FACTOR} times smaller, down to {@link #SMALLEST}. */
	static final double LARGEST = 0.05;
	static final double SMALLEST = 1e-4;
	static final double FACTOR = 4;
	/**
	 * Iterations per λ. With 20 (and λ a factor 2 apart) the points at small λ were too far from their solutions:
	 * on noisy data their estimate hid the noise the final solve then fitted (a 4-coil volume with 2 % noise, the
	 * wavelet: 3.5 dB below the best grid λ, one λ for the volume); 40 a factor 4 apart costs the same.
	 */
	static final int PATH_ITERATIONS = 40;

	/**
	 * The λ path: from {@code largest} down by {@code factor} to {@code smallest}, {@code iterations} solver
	 * iterations per λ; with {@code confirm} the chosen point is confirmed by solves as long as the final one; with
	 * {@code discountPhase} the estimate discounts the phase error a magnitude image does not show
	 * ({@link #magnitudeCorrection}).
	 */
	record Plan(double largest, double smallest, double factor, int iterations, boolean confirm,
		boolean discountPhase)
	{

		static final Plan DEFAULT = new Plan(LARGEST, SMALLEST, FACTOR, PATH_ITERATIONS, true, true);
		/**
		 * TV with few coils for a column mask's acceleration ({@link #FEW_COILS_PER_ACCELERATION}): the default
		 * path, without the phase discount. Measured against the best λ of a grid on simulated data: there the
		 * discount misled TV's choice towards the path's smallest λ (a 4-coil Colin27 volume with 2 % noise, 192², 4
		 * slices: 19.36 dB with it, 23.90 without, grid 24.05; the built-in Colin27 slices at 128², 4 coils, 2 %
		 * noise: 22.24 against 26.27, grid 26.10; 8 coils 2 %: 21.96 against 24.60, grid 25.33), while no other
		 * simulated TV row lost more than 0.13 dB. On the real 16-coil scan (validation) dropping it moved TV by
		 * +0.48 dB with one column mask and -1.16 dB with another, so data with more coils keep it; so do Poisson
		 * masks (4 coils: 0.1-0.2 dB better with it) and the wavelet (without, its cleaner rows lost 0.1-0.4 dB, and
		 * a 48² phantom volume 10 dB). docs/algorithms-cs.md, "Where the estimate still fails".
		 */
		static final Plan FEW_COILS_TV = new Plan(LARGEST, SMALLEST, FACTOR, PATH_ITERATIONS, true, false);
		/**
		 * For TV solved with exact ADMM steps (single-coil data, {@link FourierDiagonalSystem}), which settle
		 * several times faster: 6 λ a factor 3 apart, 5 iterations each. On 6 of 7 single-coil 256² brain slices
		 * it gave the same PSNR (within 0.01 dB) as the default path in 100 instead of 250 iterations, path and
		 * final solve together; on the 7th 1.35 dB less, where the default path had found a 5x larger λ
		 * (docs/algorithms-cs.md). Not confirmed: exact steps settle within tens of iterations, and one coil has no
		 * coil geometry to amplify noise; confirming left the single-coil volumes' PSNR as it was and cost 0.22x ->
		 * 0.37x BART's time on the 8-slice jhu189 volume.
		 */
		static final Plan EXACT_TV = new Plan(LARGEST, SMALLEST, 3, 5, false, true);
		/**
		 * Other single-coil solves (the wavelet): the default path, not confirmed. The noise a confirmation guards
		 * against is what a poorly conditioned coil geometry amplifies; on the single-coil jhu189 volume confirming
		 * gained 0.05 dB (4 slices; 0.03 with 1 % noise) and took the wavelet from 0.81x to 1.55x BART's time.
		 */
		static final Plan ONE_COIL = new Plan(LARGEST, SMALLEST, FACTOR, PATH_ITERATIONS, false, true);

		/**
		 * TV drops the phase discount when a column mask's acceleration leaves at most this many coils per aliased
		 * copy: the 1-D SENSE unfolding amplifies noise most there.
		 */
		static final double FEW_COILS_PER_ACCELERATION = 2;

		/** The plan for this penalty and operator, which samples with {@code mask} through {@code coils} coils. */
		static Plan of(final SolverSettings settings, final LinearOperator a, final SamplingMask mask,
			final int coils)
		{
			final boolean tv = settings.penalty() == Penalty.TOTAL_VARIATION || settings.penalty() ==
				Penalty.ANISOTROPIC_TOTAL_VARIATION;
			final boolean oneCoil = a.normalFourierDiagonal() != null;
			if (tv && Algorithm.resolve(settings.penalty(), settings.algorithm()) == Algorithm.ADMM && oneCoil)
				return EXACT_TV;
			if (oneCoil) return ONE_COIL;
			return tv && mask.isColumnMask() && coils <= FEW_COILS_PER_ACCELERATION * mask.acceleration() ? FEW_COILS_TV
				: DEFAULT;
		}

		int steps() {
			return (int) Math.floor(Math.log(largest / smallest) / Math.log(factor) + 1e-9) + 1;
		}

		double lambda(final int k) {
			return largest / Math.pow(factor, k);
		}

		/** {@code settings} for the solve at point k: its λ and the plan's iterations. */
		SolverSettings at(final SolverSettings settings, final int k) {
			return settings.withLambda(lambda(k)).withIterations(iterations);
		}
	}
	static final int PATIENCE = 2;
	/**
	 * Calibration slices whose chosen point is confirmed (spread evenly); the others start their final solves from
	 * their path points. Confirming 2 of 4 slices instead of all 4 chose the same λ on 5 of 6 multi-coil volume
	 * rows (Colin27 192², 16 coils with 0.2 % and 1 % noise, 4 coils with 2 %; tv and wavelet; PSNR within 0.015
	 * dB) and a better one on the sixth (16 coils 1 % noise, TV: 28.33 dB against 26.97; grid best 28.07), in 25-30
	 * % fewer iterations: the confirmation's two solves per slice cost as much as the final solve each.
	 */
	static final int CONFIRMING_SLICES = 2;
	/** λ values evaluated before the path may stop early (its first, unconverged points are noisy). */
	static final int MIN_PATH = 5;
	/** Half side of the square window over which the local sampling density is measured, as a fraction of the side. */
	static final double DENSITY_WINDOW = 0.05;

	/**
	 * @param lambda the chosen λ
	 * @param start a warm start for the final solve: the path's reconstruction at the λ nearest to it, carried on
	 *          at λ as the final solve would carry it, on the fit samples
	 * @param iterations solver iterations spent choosing it
	 */
	public record Choice(double lambda, float[] start, int iterations) {}

	/**
	 * The fit mask, the held-out samples, each held-out sample's weight ({@code (1 - p) / p / q}, q the fraction
	 * held out) and the factor from the fit set's residual to all acquired samples.
	 */
	record Split(SamplingMask fit, boolean[] held, double[] weights, double fitToAcquired) {}

	/**
	 * The path: per λ, the importance-weighted held-out error (an estimate of the error over all unacquired
	 * samples), the residual over the fit samples scaled to all acquired samples, and each reconstruction;
	 * {@code evaluated} λ of {@code lambdas} were run, in {@code iterations} solver iterations.
	 */
	record Path(double[] lambdas, double[] unacquiredError, double[] acquiredResidual, float[][] solutions,
		int iterations, int evaluated, boolean discountPhase)
	{

		/** The estimated complex error against the fully sampled data at path point k. */
		double complexError(final int k) {
			return unacquiredError[k] + acquiredResidual[k];
		}

		/**
		 * The estimated error of the magnitude image at every evaluated point: {@link #complexError} plus
		 * {@link #magnitudeCorrection} against the point of the smallest complex error (the best estimate of the
		 * reference's image there is), with the noise power the coil maps cannot represent taken from the path's
		 * smallest residual over the {@code acquired} samples.
		 */
		double[] criterion(final long acquired) {
			final int reference = reference();
			final double noise = noise(acquired);
			final double[] e = new double[evaluated];
			for (int k = 0; k < evaluated; k++)
				e[k] = complexError(k) + magnitudeCorrection(solutions[k], solutions[reference], noise, discountPhase);
			return e;
		}

		/** {@link #criterion} of another image x whose held-out error and residual are {@code errors}. */
		double criterionOf(final float[] x, final double[] errors, final long acquired) {
			return errors[0] + errors[1] + magnitudeCorrection(x, solutions[reference()], noise(acquired),
				discountPhase);
		}

		/** The point of the smallest complex error. */
		private int reference() {
			int reference = 0;
			for (int k = 1; k < evaluated; k++)
				if (complexError(k) < complexError(reference)) reference = k;
			return reference;
		}

		/** The noise power per pixel the coil maps cannot represent: the path's smallest residual per sample. */
		private double noise(final long acquired) {
			double smallest = Double.MAX_VALUE;
			for (int k = 0; k < evaluated; k++)
				smallest = Math.min(smallest, acquiredResidual[k]);
			return smallest / acquired;
		}
	}

	private LambdaSelection() {}

	/**
	 * The iterations choosing λ usually takes with at most {@code iterations} per solve: the whole path and the
	 * two confirming solves (more when the choice moves to larger λ).
	 */
	public static int plannedIterations(final int iterations) {
		return Plan.DEFAULT.steps() * Plan.DEFAULT.iterations() + 2 * iterations;
	}

	/**
	 * @param y scaled k-space, {@code coils} planes, unacquired samples zero
	 * @param settings penalty and solver; λ, iterations and tolerance are replaced along the path
	 * @param monitor reports every path iteration (cancel is honoured)
	 */
	public static Choice choose(final float[] y, final SamplingMask mask, final CoilMaps maps,
		final SolverSettings settings, final ExecutorService executor, final int workers,
		final IterationMonitor monitor)
	{
		return choose(y, mask, maps, settings, executor, workers, monitor, null);
	}

	/** @param plan the λ path, or null for {@link Plan#of} the data's operator */
	static Choice choose(final float[] y, final SamplingMask mask, final CoilMaps maps, final SolverSettings settings,
		final ExecutorService executor, final int workers, final IterationMonitor monitor, final Plan plan)
	{
		final VolumeChoice one = chooseForVolume(List.of(y), new int[] { 0 }, new double[] { 1 }, mask, List.of(maps),
			settings, executor, workers, jobs -> jobs.forEach(Runnable::run), List.of(monitor), plan);
		return one.forSlice(0);
	}

	/**
	 * Splits the acquired samples outside the calibration region into fit and held-out ones (seeded); null when
	 * nothing can be held out.
	 */
	static Split split(final SamplingMask mask, final long seed) {
		final int w = mask.width(), h = mask.height(), n = w * h;
		final boolean[] held = new boolean[n];
		int x0 = w / 2, x1 = w / 2, y0 = h / 2, y1 = h / 2; // the calibration region stays in the fit set
		try {
			final CalibrationRegion centre = CalibrationRegion.largest(mask, Math.max(w, h), 1);
			x0 = centre.firstColumn(w);
			x1 = x0 + centre.width();
			y0 = centre.firstRow(h);
			y1 = y0 + centre.height();
		}
		catch (final AccelMRException noCentre) {
			// nothing fully sampled: every acquired sample may be held out
		}
		final SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
		int heldCount = 0, candidates = 0;
		final SamplingMask fitMask;
		if (mask.isColumnMask()) {
			// hold out whole columns, as the sampling acquired them: a point missing from an acquired column is
			// predicted from its column neighbours whatever λ, which biased the choice to the smallest λ
			final boolean[] columns = mask.columns();
			final List<Integer> outer = new ArrayList<>();
			for (int xx = 0; xx < w; xx++)
				if (columns[xx] && (xx < x0 || xx >= x1)) outer.add(xx);
			candidates = outer.size();
			final int take = Math.min(candidates / 2, Math.max(MIN_HELD_COLUMNS, (int) Math.round(HELD_OUT *
				candidates)));
			for (int t = 0; t < take; t++) {
				final int xx = outer.remove(random.nextInt(outer.size()));
				columns[xx] = false;
				for (int yy = 0; yy < h; yy++)
					held[yy * w + xx] = true;
				heldCount++;
			}
			fitMask = SamplingMask.ofColumns(columns, h);
		}
		else {
			final boolean[] fit = mask.toArray();
			for (int i = 0; i < n; i++) {
				final int yy = i / w, xx = i % w;
				if (!fit[i] || (xx >= x0 && xx < x1 && yy >= y0 && yy < y1)) continue;
				candidates++;
				if (random.nextDouble() < HELD_OUT) {
					fit[i] = false;
					held[i] = true;
					heldCount++;
				}
			}
			fitMask = SamplingMask.of2D(fit, w, h);
		}
		if (heldCount == 0) return null;
		final double fraction = heldCount / (double) candidates;
		final double[] weights = importanceWeights(mask, held);
		for (int i = 0; i < n; i++)
			weights[i] /= fraction;
		final long acquired = mask.sampledCount(), fitCount = fitMask.sampledCount();
		return new Split(fitMask, held, weights, acquired / (double) fitCount);
	}

	/**
	 * {@code (1 - p) / p} at each held-out sample, p the fraction of acquired samples in the square window of half
	 * side {@value #DENSITY_WINDOW} of the image around it (wrapped at the edges): the number of unacquired
	 * samples each acquired sample there stands for. 0 elsewhere.
	 */
	static double[] importanceWeights(final SamplingMask mask, final boolean[] held) {
		final int w = mask.width(), h = mask.height();
		final boolean[] acquired = mask.toArray();
		final int rx = Math.max(2, (int) Math.round(DENSITY_WINDOW * w)), ry = Math.max(2, (int) Math.round(
			DENSITY_WINDOW * h));
		// summed-area table of the acquired flags, padded so the window may wrap (k-space is periodic)
		final int pw = w + 2 * rx, ph = h + 2 * ry;
		final int[] sum = new int[(pw + 1) * (ph + 1)];
		for (int yy = 0; yy < ph; yy++)
			for (int xx = 0; xx < pw; xx++) {
				final int sy = Math.floorMod(yy - ry, h), sx = Math.floorMod(xx - rx, w);
				sum[(yy + 1) * (pw + 1) + xx + 1] = (acquired[sy * w + sx] ? 1 : 0) + sum[yy * (pw + 1) + xx + 1] +
					sum[(yy + 1) * (pw + 1) + xx] - sum[yy * (pw + 1) + xx];
			}
		final double area = (2 * rx + 1) * (2 * ry + 1);
		final double[] weights = new double[w * h];
		for (int yy = 0; yy < h; yy++)
			for (int xx = 0; xx < w; xx++) {
				if (!held[yy * w + xx]) continue;
				// window [xx - rx, xx + rx] in padded coordinates [xx, xx + 2 rx]
				final int a = yy * (pw + 1) + xx, b = yy * (pw + 1) + xx + 2 * rx + 1, c = (yy + 2 * ry + 1) * (pw + 1) +
					xx, d = (yy + 2 * ry + 1) * (pw + 1) + xx + 2 * rx + 1;
				final double p = (sum[d] - sum[b] - sum[c] + sum[a]) / area;
				weights[yy * w + xx] = (1 - p) / p;
			}
		return weights;
	}

	/**
	 * The whole path of one slice from its largest λ down, warm-started, every point scored (what the benchmarks
	 * print; {@link #chooseForVolume} stops a path once its estimate has passed its minimum).
	 *
	 * @param requested the λ path, or null for {@link Plan#of} the fit operator
	 */
	static Path trace(final float[] y, final Split split, final SamplingMask mask, final CoilMaps maps,
		final SolverSettings settings, final ExecutorService executor, final int workers,
		final IterationMonitor monitor, final Plan requested)
	{
		final Tracer tracer = new Tracer(y, split, mask, maps, settings, executor, workers, requested);
		while (tracer.hasNext())
			tracer.step(monitor);
		return tracer.path();
	}

	/** Whether the estimate has risen {@value #PATIENCE} times in a row past its minimum. */
	private static boolean pastMinimum(final double[] estimate) {
		return estimate.length - 1 - argmin(estimate) >= PATIENCE;
	}

	private static int argmin(final double[] values) {
		int best = 0;
		for (int k = 1; k < values.length; k++)
			if (values[k] < values[best]) best = k;
		return best;
	}

	/**
	 * The λ at path point {@code best}, moved to the vertex of the parabola through {@code (log λ, error)} of it
	 * and its neighbours (at most half a step).
	 */
	private static double refine(final double[] error, final int best, final double[] lambdas, final double factor) {
		double lambda = lambdas[best];
		if (best > 0 && best + 1 < error.length) {
			final double curvature = error[best - 1] - 2 * error[best] + error[best + 1];
			if (curvature > 0) {
				final double offset = 0.5 * (error[best - 1] - error[best + 1]) / curvature; // in steps towards smaller λ
				lambda = lambdas[best] / Math.pow(factor, Math.max(-0.5, Math.min(0.5, offset)));
			}
		}
		return lambda;
	}

	/**
	 * One slice's path, point by point: the fit operator, the split, and what each λ scored. Each point's solve is
	 * warm-started from the previous point's solution.
	 */
	static final class Tracer {

		private final float[] y;
		private final Split split;
		private final SenseOperator a;
		private final SenseOperator forward;
		private final Plan plan;
		private final SolverSettings settings;
		private final double normBound;
		private final boolean[] acquired;
		private final int n, coils, width, height;
		private final double[] lambdas, unacquired, residual;
		private final float[][] solutions;
		private float[] x;
		private int used, evaluated;

		/** @param requested the λ path, or null for {@link Plan#of} the fit operator */
		Tracer(final float[] y, final Split split, final SamplingMask mask, final CoilMaps maps,
			final SolverSettings settings, final ExecutorService executor, final int workers, final Plan requested)
		{
			this.y = y;
			this.split = split;
			this.settings = settings;
			width = mask.width();
			height = mask.height();
			n = width * height;
			coils = maps.coils();
			normBound = maps.maxSumOfSquares();
			a = new SenseOperator(split.fit(), maps.maps(), coils, executor, workers);
			plan = requested != null ? requested : Plan.of(settings, a, mask, coils);
			forward = new SenseOperator(mask, maps.maps(), coils, executor, workers);
			acquired = mask.toArray();
			final int steps = plan.steps();
			lambdas = new double[steps];
			unacquired = new double[steps];
			residual = new double[steps];
			solutions = new float[steps][];
		}

		boolean hasNext() {
			return evaluated < lambdas.length;
		}

		/** Solves at the next λ of the plan and scores it against the held-out and the fit samples. */
		void step(final IterationMonitor monitor) {
			final int k = evaluated;
			lambdas[k] = plan.lambda(k);
			final IterationMonitor point = monitor.continuing(used);
			x = RegularisedLeastSquares.solve(a, y, width, height, plan.at(settings, k), normBound, x, point);
			used += point.iterations();
			final double[] errors = errors(x);
			unacquired[k] = errors[0];
			residual[k] = errors[1];
			solutions[k] = x.clone();
			evaluated = k + 1;
		}

		/**
		 * The importance-weighted error at the held-out samples and the residual at the fit samples (scaled to
		 * all acquired samples) of image x.
		 */
		double[] errors(final float[] x) {
			final float[] predicted = new float[2 * forward.codomainSize()];
			forward.apply(x, predicted);
			final boolean[] held = split.held();
			final double[] weights = split.weights();
			double u = 0, r = 0;
			for (int c = 0; c < coils; c++)
				for (int i = 0; i < n; i++) {
					if (!acquired[i]) continue;
					final int j = 2 * (c * n + i);
					final double dr = predicted[j] - y[j], di = predicted[j + 1] - y[j + 1], d = dr * dr + di * di;
					if (held[i]) u += weights[i] * d;
					else r += d;
				}
			return new double[] { u, r * split.fitToAcquired() };
		}

		/**
		 * A solve at λ as a final solve would run it (the settings' iterations and tolerance), from point k's
		 * solution, on the fit samples.
		 */
		float[] polish(final int k, final double lambda, final IterationMonitor monitor) {
			final IterationMonitor m = monitor.continuing(used);
			final float[] out = RegularisedLeastSquares.solve(a, y, width, height, settings.withLambda(lambda),
				normBound, solutions[k].clone(), m);
			used += m.iterations();
			return out;
		}

		Path path() {
			return new Path(lambdas, unacquired, residual, solutions, used, evaluated, plan.discountPhase());
		}
	}

	/**
	 * One λ for several slices of a volume: each slice traces its own path (its own held-out samples, drawn from
	 * {@code seed + index}), the slices in lock-step, and the sum of their estimated magnitude errors, each on the
	 * scale of its input ({@code weights}: each slice's σ²), chooses the λ, as a volume's PSNR weighs them. One
	 * slice's estimate rests on a few held-out columns and scatters (on an 8-slice 16-coil volume per-slice
	 * choices lost 2.4-3.2 dB on four slices); the sum over slices is an estimate of the volume's error, the
	 * quantity the volume's PSNR measures.
	 *
	 * @param ys each slice's scaled k-space ({@code coils} planes, unacquired samples zero)
	 * @param indices each slice's index in the volume (its split's seed)
	 * @param weights each slice's σ², from the solver's scale to the input's
	 * @param parallel runs a list of jobs (one per slice), in parallel where it can
	 * @param monitors one per slice
	 */
	public static VolumeChoice chooseForVolume(final List<float[]> ys, final int[] indices, final double[] weights,
		final SamplingMask mask, final List<CoilMaps> maps, final SolverSettings settings,
		final ExecutorService executor, final int workers, final Consumer<List<Runnable>> parallel,
		final List<IterationMonitor> monitors)
	{
		return chooseForVolume(ys, indices, weights, mask, maps, settings, executor, workers, parallel, monitors, null);
	}

	/** @param requested the λ path, or null for {@link Plan#of} the fit operator */
	static VolumeChoice chooseForVolume(final List<float[]> ys, final int[] indices, final double[] weights,
		final SamplingMask mask, final List<CoilMaps> maps, final SolverSettings settings,
		final ExecutorService executor, final int workers, final Consumer<List<Runnable>> parallel,
		final List<IterationMonitor> monitors, final Plan requested)
	{
		final int slices = ys.size();
		final List<Tracer> tracers = new ArrayList<>();
		for (int s = 0; s < slices; s++) {
			final Split split = split(mask, settings.seed() + indices[s]);
			if (split == null) return new VolumeChoice(SolverSettings.DEFAULTS.lambda(), null, -1, new float[slices][],
				new int[slices]);
			tracers.add(new Tracer(ys.get(s), split, mask, maps.get(s), settings, executor, workers, requested));
		}
		final Plan plan = tracers.get(0).plan;
		double[] pooled = new double[0];
		while (tracers.get(0).hasNext()) {
			final List<Runnable> steps = new ArrayList<>();
			for (int s = 0; s < slices; s++) {
				final Tracer t = tracers.get(s);
				final IterationMonitor m = monitors.get(s);
				steps.add(() -> t.step(m));
			}
			parallel.accept(steps);
			pooled = new double[tracers.get(0).evaluated];
			for (int s = 0; s < slices; s++) {
				final double[] e = tracers.get(s).path().criterion(mask.sampledCount());
				for (int k = 0; k < pooled.length; k++)
					pooled[k] += weights[s] * e[k];
			}
			if (pooled.length >= MIN_PATH && pastMinimum(pooled)) break;
		}
		final int chosen = argmin(pooled);
		int best = chosen;
		double lambda = refine(pooled, chosen, tracers.get(0).lambdas, plan.factor());
		Polished polished = null;
		if (plan.confirm()) {
			// a path point's solve is short: on noisy, poorly conditioned data its image has not yet fitted the
			// noise that the final solve's many iterations at that λ will. So the chosen point and the next larger
			// λ are carried on as the final solve would carry them, and compared so; while the larger one is
			// better, the next larger one is tried
			final int[] confirming = VolumeLambda.spread(CONFIRMING_SLICES, slices);
			polished = polish(tracers, confirming, best, lambda, weights, parallel, monitors, mask);
			while (best > 0) {
				final double larger = tracers.get(0).lambdas[best - 1];
				final Polished candidate = polish(tracers, confirming, best - 1, larger, weights, parallel, monitors,
					mask);
				if (candidate.estimate() >= polished.estimate()) break;
				best--;
				lambda = larger;
				polished = candidate;
			}
		}
		final float[][] starts = new float[slices][];
		for (int s = 0; s < slices; s++)
			starts[s] = polished != null && polished.images()[s] != null ? polished.images()[s] : tracers.get(s)
				.solutions[best];
		final int[] iterations = new int[slices];
		for (int s = 0; s < slices; s++)
			iterations[s] = tracers.get(s).used;
		return new VolumeChoice(lambda, plan, best, starts, iterations);
	}

	/**
	 * The confirming slices' images at a path point carried on as the final solve would (null for the other
	 * slices), and the sum of their estimates.
	 */
	private record Polished(float[][] images, double estimate) {}

	/** Point k of each slice in {@code confirming} carried on at λ as the final solve would carry it. */
	private static Polished polish(final List<Tracer> tracers, final int[] confirming, final int k,
		final double lambda, final double[] weights, final Consumer<List<Runnable>> parallel,
		final List<IterationMonitor> monitors, final SamplingMask mask)
	{
		final float[][] polished = new float[tracers.size()][];
		final List<Runnable> jobs = new ArrayList<>();
		for (final int s : confirming)
			jobs.add(() -> polished[s] = tracers.get(s).polish(k, lambda, monitors.get(s)));
		parallel.accept(jobs);
		double sum = 0;
		for (final int s : confirming) {
			final Tracer t = tracers.get(s);
			sum += weights[s] * t.path().criterionOf(polished[s], t.errors(polished[s]), mask.sampledCount());
		}
		return new Polished(polished, sum);
	}

	/**
	 * A λ chosen for a volume ({@link #chooseForVolume}).
	 *
	 * @param plan the path it was chosen on (null: nothing could be held out, the default λ)
	 * @param point the path point nearest to it, where {@link #descend} stops
	 * @param starts each chosen-on slice's solution at that point carried on to convergence on its fit samples: the
	 *          warm start of its final solve
	 * @param iterations each chosen-on slice's path iterations
	 */
	public record VolumeChoice(double lambda, Plan plan, int point, float[][] starts, int[] iterations) {

		/** The choice as the s-th slice it was chosen on finishes it. */
		public Choice forSlice(final int s) {
			return new Choice(lambda, starts[s], iterations[s]);
		}
	}

	/**
	 * The warm start of a slice that did not take part in {@link #chooseForVolume}: its own descent along the same
	 * path, on all its acquired samples, from the largest λ down to the chosen point (what the path gave the
	 * slices it was chosen on; a cold solve at a small λ settles far slower): the chosen λ, the start (null when the
	 * choice had no path) and the iterations spent.
	 */
	public static Choice descend(final float[] y, final SamplingMask mask, final CoilMaps maps,
		final SolverSettings settings, final VolumeChoice choice, final ExecutorService executor, final int workers,
		final IterationMonitor monitor)
	{
		if (choice.plan() == null) return new Choice(choice.lambda(), null, 0);
		final SenseOperator a = new SenseOperator(mask, maps.maps(), maps.coils(), executor, workers);
		float[] x = null;
		int used = 0;
		for (int k = 0; k <= choice.point(); k++) {
			final IterationMonitor point = monitor.continuing(used);
			x = RegularisedLeastSquares.solve(a, y, mask.width(), mask.height(), choice.plan().at(settings, k), maps
				.maxSumOfSquares(), x, point);
			used += point.iterations();
		}
		return new Choice(choice.lambda(), x, used);
	}

	/**
	 * {@code Σ (|x| - sqrt(|t|² + q))² - |x - t|²} over the pixels: the magnitude error minus the complex error
	 * of image x against a reference whose image in the coil maps' span is t and whose coil images carry noise of
	 * power q per pixel outside it (the reference magnitude, a root-sum-of-squares, is then
	 * {@code sqrt(|t|² + q)}). Single-coil and noiseless data have q = 0, and the correction only discounts phase
	 * errors, which a magnitude image does not show.
	 * <p>
	 * Without {@code discountPhase}, {@code Σ (|x| - sqrt(|t|² + q))² - (|x| - |t|)²}: the noise floor's part only,
	 * the complex error kept whole. The discount takes x - t's component across t's phase as an error that x's
	 * magnitude does not show; measured on noisy few-coil data it grew with the noise an image keeps several times
	 * faster than that image's true magnitude error fell short of its complex error, and so favoured the noisiest
	 * images of the path.
	 */
	static double magnitudeCorrection(final float[] x, final float[] t, final double q, final boolean discountPhase) {
		double sum = 0;
		for (int i = 0; i < x.length; i += 2) {
			final double xr = x[i], xi = x[i + 1], tr = t[i], ti = t[i + 1];
			final double reference = Math.sqrt(tr * tr + ti * ti + q), magnitude = Math.sqrt(xr * xr + xi * xi);
			final double dr = xr - tr, di = xi - ti, dm = magnitude - Math.sqrt(tr * tr + ti * ti);
			final double replaced = discountPhase ? dr * dr + di * di : dm * dm;
			sum += (magnitude - reference) * (magnitude - reference) - replaced;
		}
		return sum;
	}


}
