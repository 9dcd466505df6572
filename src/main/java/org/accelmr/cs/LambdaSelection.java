package org.accelmr.cs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;

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
 */
public final class LambdaSelection {

	/** Fraction of the acquired samples outside the calibration region that is held out. */
	static final double HELD_OUT = 0.1;
	/** Column masks: at least this many acquired columns are held out (at most half of those outside the centre). */
	static final int MIN_HELD_COLUMNS = 2;
	/** Largest λ of the path; each next is {@link #FACTOR} times smaller, down to {@link #SMALLEST}. */
	static final double LARGEST = 0.05;
	static final double SMALLEST = 1e-4;
	static final double FACTOR = 2;
	static final int PATH_ITERATIONS = 20;

	/**
	 * The λ path: from {@code largest} down by {@code factor} to {@code smallest}, {@code iterations} solver
	 * iterations per λ.
	 */
	record Plan(double largest, double smallest, double factor, int iterations) {

		static final Plan DEFAULT = new Plan(LARGEST, SMALLEST, FACTOR, PATH_ITERATIONS);
		/**
		 * For TV solved with exact ADMM steps (single-coil data, {@link FourierDiagonalSystem}), which settle
		 * several times faster: 6 λ a factor 3 apart, 5 iterations each. On 6 of 7 single-coil 256² brain slices
		 * it gave the same PSNR (within 0.01 dB) as the default path in 100 instead of 250 iterations, path and
		 * final solve together; on the 7th 1.35 dB less, where the default path had found a 5x larger λ
		 * (docs/algorithms-cs.md).
		 */
		static final Plan EXACT_TV = new Plan(LARGEST, SMALLEST, 3, 5);

		/** The plan for this penalty and operator. */
		static Plan of(final SolverSettings settings, final LinearOperator a) {
			final boolean tv = settings.penalty() == Penalty.TOTAL_VARIATION || settings.penalty() ==
				Penalty.ANISOTROPIC_TOTAL_VARIATION;
			return tv && Algorithm.resolve(settings.penalty(), settings.algorithm()) == Algorithm.ADMM && a
				.normalFourierDiagonal() != null ? EXACT_TV : DEFAULT;
		}

		int steps() {
			return (int) Math.floor(Math.log(largest / smallest) / Math.log(factor) + 1e-9) + 1;
		}

		double lambda(final int k) {
			return largest / Math.pow(factor, k);
		}
	}
	static final int PATIENCE = 2;
	/** λ values evaluated before the path may stop early (its first, unconverged points are noisy). */
	static final int MIN_PATH = 5;
	/** Half side of the square window over which the local sampling density is measured, as a fraction of the side. */
	static final double DENSITY_WINDOW = 0.05;

	/**
	 * @param lambda the chosen λ
	 * @param start the reconstruction at the path's λ nearest to it (a warm start for the final solve)
	 * @param iterations solver iterations spent on the path
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
	record Path(Plan plan, double[] lambdas, double[] unacquiredError, double[] acquiredResidual, float[][] solutions,
		int iterations, int evaluated)
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
			double smallest = Double.MAX_VALUE;
			int reference = 0;
			for (int k = 0; k < evaluated; k++) {
				smallest = Math.min(smallest, acquiredResidual[k]);
				if (complexError(k) < complexError(reference)) reference = k;
			}
			final double noise = smallest / acquired;
			final double[] e = new double[evaluated];
			for (int k = 0; k < evaluated; k++)
				e[k] = complexError(k) + magnitudeCorrection(solutions[k], solutions[reference], noise);
			return e;
		}
	}

	private LambdaSelection() {}

	/** The most iterations the path can take (every λ of the path run to {@link #PATH_ITERATIONS}). */
	public static int maxPathIterations() {
		return Plan.DEFAULT.steps() * Plan.DEFAULT.iterations();
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
		final Split split = split(mask, settings.seed());
		if (split == null) return new Choice(SolverSettings.DEFAULTS.lambda(), null, 0);
		final Path path = trace(y, split, mask, maps, settings, executor, workers, monitor, true, plan);
		final double[] error = path.criterion(mask.sampledCount());
		int best = 0;
		for (int k = 1; k < path.evaluated; k++)
			if (error[k] < error[best]) best = k;
		double lambda = path.lambdas[best];
		if (best > 0 && best + 1 < path.evaluated) { // vertex of the parabola through (log λ, error) of three points
			final double curvature = error[best - 1] - 2 * error[best] + error[best + 1];
			if (curvature > 0) {
				final double offset = 0.5 * (error[best - 1] - error[best + 1]) / curvature; // in steps towards smaller λ
				lambda = path.lambdas[best] / Math.pow(path.plan.factor(), Math.max(-0.5, Math.min(0.5, offset)));
			}
		}
		return new Choice(lambda, path.solutions[best], path.iterations);
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
	 * Runs the path from {@link #LARGEST} down, warm-started; with {@code stopEarly} it ends once the estimated
	 * error has risen {@value #PATIENCE} times in a row past its minimum (after {@value #MIN_PATH} points).
	 */
	static Path trace(final float[] y, final Split split, final SamplingMask mask, final CoilMaps maps,
		final SolverSettings settings, final ExecutorService executor, final int workers,
		final IterationMonitor monitor, final boolean stopEarly)
	{
		return trace(y, split, mask, maps, settings, executor, workers, monitor, stopEarly, null);
	}

	/** @param requested the λ path, or null for {@link Plan#of} the fit operator */
	static Path trace(final float[] y, final Split split, final SamplingMask mask, final CoilMaps maps,
		final SolverSettings settings, final ExecutorService executor, final int workers,
		final IterationMonitor monitor, final boolean stopEarly, final Plan requested)
	{
		final int w = mask.width(), h = mask.height(), n = w * h, coils = maps.coils();
		final SenseOperator a = new SenseOperator(split.fit(), maps.maps(), coils, executor, workers);
		final Plan plan = requested != null ? requested : Plan.of(settings, a);
		final SenseOperator forward = new SenseOperator(mask, maps.maps(), coils, executor, workers);
		final float[] predicted = new float[2 * forward.codomainSize()];
		final boolean[] acquired = mask.toArray(), held = split.held();
		final double[] weights = split.weights();
		final int steps = plan.steps();
		final double[] lambdas = new double[steps], unacquired = new double[steps], residual = new double[steps];
		final float[][] solutions = new float[steps][];
		float[] x = null;
		final long acquiredCount = mask.sampledCount();
		int used = 0, evaluated = 0;
		for (int k = 0; k < steps; k++) {
			lambdas[k] = plan.lambda(k);
			final IterationMonitor path = monitor.continuing(used);
			x = RegularisedLeastSquares.solve(a, y, w, h, settings.withLambda(lambdas[k]).withIterations(
				plan.iterations()), maps.maxSumOfSquares(), x, path);
			used += path.iterations();
			forward.apply(x, predicted);
			double u = 0, r = 0;
			for (int c = 0; c < coils; c++)
				for (int i = 0; i < n; i++) {
					if (!acquired[i]) continue;
					final int j = 2 * (c * n + i);
					final double dr = predicted[j] - y[j], di = predicted[j + 1] - y[j + 1], d = dr * dr + di * di;
					if (held[i]) u += weights[i] * d;
					else r += d;
				}
			unacquired[k] = u;
			residual[k] = r * split.fitToAcquired();
			solutions[k] = x.clone();
			evaluated = k + 1;
			if (!stopEarly || k + 1 < MIN_PATH) continue;
			final double[] estimate = new Path(plan, lambdas, unacquired, residual, solutions, used, evaluated)
				.criterion(acquiredCount);
			int best = 0;
			for (int j = 1; j < evaluated; j++)
				if (estimate[j] < estimate[best]) best = j;
			if (k - best >= PATIENCE) break;
		}
		return new Path(plan, lambdas, unacquired, residual, solutions, used, evaluated);
	}

	/**
	 * {@code Σ (|x| - sqrt(|t|² + q))² - |x - t|²} over the pixels: the magnitude error minus the complex error
	 * of image x against a reference whose image in the coil maps' span is t and whose coil images carry noise of
	 * power q per pixel outside it (the reference magnitude, a root-sum-of-squares, is then
	 * {@code sqrt(|t|² + q)}). Single-coil and noiseless data have q = 0, and the correction only discounts phase
	 * errors, which a magnitude image does not show.
	 */
	static double magnitudeCorrection(final float[] x, final float[] t, final double q) {
		double sum = 0;
		for (int i = 0; i < x.length; i += 2) {
			final double xr = x[i], xi = x[i + 1], tr = t[i], ti = t[i + 1];
			final double reference = Math.sqrt(tr * tr + ti * ti + q), magnitude = Math.sqrt(xr * xr + xi * xi);
			final double dr = xr - tr, di = xi - ti;
			sum += (magnitude - reference) * (magnitude - reference) - (dr * dr + di * di);
		}
		return sum;
	}


}
