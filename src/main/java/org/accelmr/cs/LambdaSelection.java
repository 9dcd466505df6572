package org.accelmr.cs;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;

import org.accelmr.AccelMRException;
import org.accelmr.linop.SenseOperator;
import org.accelmr.mask.SamplingMask;

/**
 * Automatic λ by k-space cross-validation (Ward, IEEE Trans. Inf. Theory 55:4730, 2009): a seeded random
 * {@value #HELD_OUT} of the acquired samples outside the fully sampled centre is held out (whole columns for a
 * column mask, at least {@value #MIN_HELD_COLUMNS}), the rest is
 * reconstructed along a path of λ from large to small (each solve warm-started from the previous one, at most
 * {@value #PATH_ITERATIONS} iterations), and the λ whose reconstruction predicts the held-out samples best
 * ({@code ‖M_h (F S x_λ - y)‖²}) wins; a parabola through the best point and its neighbours in {@code log λ}
 * refines it. The path stops early once the error has risen on {@value #PATIENCE} λ in a row past its minimum.
 * Unlike the discrepancy principle it needs no noise level, so it works on noiseless (simulated) data too,
 * where the best λ is set by the undersampling artefacts rather than by noise.
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
	static final int PATIENCE = 2;
	/** Divides the wavelet's λ chosen with whole columns held out (see {@link #choose}). */
	static final double COLUMN_WAVELET_BIAS = 4;
	/** λ values evaluated before the path may stop early (its first, unconverged points are noisy). */
	static final int MIN_PATH = 5;

	/**
	 * @param lambda the chosen λ
	 * @param start the reconstruction at the path's λ nearest to it (a warm start for the final solve)
	 * @param iterations solver iterations spent on the path
	 */
	public record Choice(double lambda, float[] start, int iterations) {}

	private LambdaSelection() {}

	/** The most iterations the path can take (every λ of the path run to {@link #PATH_ITERATIONS}). */
	public static int maxPathIterations() {
		return ((int) Math.floor(Math.log(LARGEST / SMALLEST) / Math.log(FACTOR) + 1e-9) + 1) * PATH_ITERATIONS;
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
		final int w = mask.width(), h = mask.height(), n = w * h, coils = maps.coils();
		final boolean[] held = new boolean[n];
		SamplingMask fitMask;
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
		final SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);
		int heldCount = 0;
		final boolean columnsHeldOut = mask.isColumnMask();
		if (columnsHeldOut) {
			// hold out whole columns, as the sampling acquired them: a point missing from an acquired column is
			// predicted from its column neighbours whatever λ, which biased the choice to the smallest λ
			final boolean[] columns = mask.columns();
			final java.util.List<Integer> candidates = new java.util.ArrayList<>();
			for (int xx = 0; xx < w; xx++)
				if (columns[xx] && (xx < x0 || xx >= x1)) candidates.add(xx);
			final int take = Math.min(candidates.size() / 2, Math.max(MIN_HELD_COLUMNS, (int) Math.round(HELD_OUT *
				candidates.size())));
			for (int t = 0; t < take; t++) {
				final int xx = candidates.remove(random.nextInt(candidates.size()));
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
				if (random.nextDouble() < HELD_OUT) {
					fit[i] = false;
					held[i] = true;
					heldCount++;
				}
			}
			fitMask = SamplingMask.of2D(fit, w, h);
		}
		if (heldCount == 0) return new Choice(SolverSettings.DEFAULTS.lambda(), null, 0);
		final SenseOperator a = new SenseOperator(fitMask, maps.maps(), coils, executor, workers);
		final SenseOperator predict = new SenseOperator(SamplingMask.of2D(held, w, h), maps.maps(), coils, executor,
			workers);
		final float[] predicted = new float[2 * predict.codomainSize()];
		final int steps = (int) Math.floor(Math.log(LARGEST / SMALLEST) / Math.log(FACTOR) + 1e-9) + 1;
		final double[] lambdas = new double[steps], errors = new double[steps];
		final float[][] solutions = new float[steps][];
		float[] x = null;
		int best = 0, used = 0, rising = 0, evaluated = 0;
		for (int k = 0; k < steps; k++) {
			lambdas[k] = LARGEST / Math.pow(FACTOR, k);
			final IterationMonitor path = monitor.continuing(used);
			x = RegularisedLeastSquares.solve(a, y, w, h, settings.withLambda(lambdas[k]).withIterations(
				PATH_ITERATIONS).withTolerance(settings.tolerance()), maps.maxSumOfSquares(), x, path);
			used += path.iterations();
			predict.apply(x, predicted);
			double e = 0;
			for (int c = 0; c < coils; c++)
				for (int i = 0; i < n; i++) {
					if (!held[i]) continue;
					final int j = 2 * (c * n + i);
					final double dr = predicted[j] - y[j], di = predicted[j + 1] - y[j + 1];
					e += dr * dr + di * di;
				}
			errors[k] = e;
			solutions[k] = x.clone();
			evaluated = k + 1;
			if (e < errors[best]) {
				best = k;
				rising = 0;
			}
			else if (++rising >= PATIENCE && k + 1 >= MIN_PATH) break;
		}
		double lambda = lambdas[best];
		final boolean interior = best + 1 < evaluated;
		if (best > 0 && best + 1 < evaluated) { // vertex of the parabola through (log λ, error) of three points
			final double em = errors[best - 1], e0 = errors[best], ep = errors[best + 1];
			final double curvature = em - 2 * e0 + ep;
			if (curvature > 0) {
				final double offset = 0.5 * (em - ep) / curvature; // in steps towards smaller λ
				lambda = lambdas[best] / Math.pow(FACTOR, Math.max(-0.5, Math.min(0.5, offset)));
			}
		}
		// Holding out whole columns makes the fit problem more undersampled than the real one, so the wavelet's
		// cross-validated λ came out larger than the best grid λ on every tuning set where the minimum was inside
		// the path (ch2 8 coils 3.8x, INIA19 8 coils 6.5x, Colin27 1 coil 36x); the wavelet PSNR falls faster
		// below its best λ than above, so divide by a conservative 4. TV's choice showed no such bias.
		if (columnsHeldOut && settings.penalty() == Penalty.L1_WAVELET && interior) lambda = Math.max(SMALLEST,
			lambda / COLUMN_WAVELET_BIAS);
		return new Choice(lambda, solutions[best], used);
	}
}
