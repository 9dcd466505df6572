package org.accelmr.cs;

import java.util.concurrent.ExecutorService;

import org.accelmr.kspace.ComplexStack;
import org.accelmr.linop.SenseOperator;
import org.accelmr.mask.SamplingMask;

/**
 * One slice of regularised SENSE, as BART's {@code pics -S}: {@code x = argmin ½‖M F S x - y/σ‖² + λ R(x)},
 * output {@code σ |x|}, with σ from {@link DataScaling} (BART's estimate from the calibration region) so λ is
 * relative to the data. Single-coil data uses one map of ones.
 * <p>
 * With {@link SolverSettings#AUTO_LAMBDA} λ is chosen first by {@link LambdaSelection} (k-space cross-validation
 * on a warm-started path), whose best reconstruction then warm-starts the final solve. The solver stops at
 * {@code settings.tolerance()} or after {@code settings.iterations()}. {@code monitor} receives every iteration
 * (path and final, counted on), so {@link IterationMonitor#iterations()} is the total spent, and
 * {@link IterationMonitor#lambda()} the λ used.
 */
public final class SenseReconstruction {

	private SenseReconstruction() {}

	/**
	 * The most iterations {@link #reconstruct} can report for these settings (the automatic λ's path included):
	 * the total to give a progress bar.
	 */
	public static int plannedIterations(final SolverSettings settings) {
		return settings.iterations() + (settings.isAutoLambda() ? LambdaSelection.plannedIterations(settings
			.iterations()) : 0);
	}

	/**
	 * @param kspace one slice (all coils), unacquired samples zero
	 * @param executor threads for the coil loop inside the slice, or null
	 * @param workers coil groups run at once when {@code executor} is given
	 * @return the magnitude image, {@code height x width}, on the scale of the input
	 */
	public static float[] reconstruct(final ComplexStack kspace, final SamplingMask mask, final CoilMaps maps,
		final SolverSettings settings, final ExecutorService executor, final int workers,
		final IterationMonitor monitor)
	{
		return magnitude(reconstructComplex(kspace, mask, maps, settings, executor, workers, monitor));
	}

	/**
	 * As {@link #reconstruct}, the complex image (interleaved re/im, {@code height x width}) on the scale of the
	 * input: what a network that refines the solution starts from.
	 */
	public static float[] reconstructComplex(final ComplexStack kspace, final SamplingMask mask,
		final CoilMaps maps, final SolverSettings settings, final ExecutorService executor, final int workers,
		final IterationMonitor monitor)
	{
		final ScaledSlice slice = ScaledSlice.of(kspace, mask);
		LambdaSelection.Choice choice = new LambdaSelection.Choice(settings.lambda(), null, 0);
		if (settings.isAutoLambda()) choice = LambdaSelection.choose(slice.y(), mask, maps, settings, executor,
			workers, monitor);
		return solve(slice, mask, maps, settings, choice, executor, workers, monitor);
	}

	/**
	 * The final solve at {@code choice.lambda()} from {@code choice.start()} (null: from zero), after
	 * {@code choice.iterations()} spent choosing it (counted on by {@code monitor} and told in the status line).
	 *
	 * @param settings as the user gave them ({@link SolverSettings#isAutoLambda} says whether λ was chosen)
	 * @return the complex image (interleaved re/im, {@code height x width}) on the scale of the input
	 */
	public static float[] solve(final ScaledSlice slice, final SamplingMask mask, final CoilMaps maps,
		final SolverSettings settings, final LambdaSelection.Choice choice, final ExecutorService executor,
		final int workers, final IterationMonitor monitor)
	{
		final int w = slice.width(), h = slice.height(), n = w * h;
		final SolverSettings solve = settings.withLambda(choice.lambda());
		final int spent = choice.iterations();
		monitor.lambdaUsed(solve.lambda());
		final SenseOperator a = new SenseOperator(mask, maps.maps(), slice.coils(), executor, workers);
		final IterationMonitor last = monitor.continuing(spent);
		final float[] x = RegularisedLeastSquares.solve(a, slice.y(), w, h, solve, maps.maxSumOfSquares(), choice
			.start(), last);
		monitor.status(String.format(java.util.Locale.ROOT, "λ %.3g%s, %d iterations%s", solve.lambda(), settings
			.isAutoLambda() ? " (automatic, " + spent + " of them choosing it)" : "", spent + last.iterations(), last
				.iterations() < solve.iterations() ? " (converged to tolerance " + solve.tolerance() + ")" :
					" (maximum reached)"));
		final float s = (float) slice.scale();
		for (int i = 0; i < 2 * n; i++)
			x[i] *= s;
		return x;
	}

	/** The complex image's magnitude. */
	public static float[] magnitude(final float[] x) {
		final float[] magnitude = new float[x.length / 2];
		for (int i = 0; i < magnitude.length; i++)
			magnitude[i] = (float) Math.hypot(x[2 * i], x[2 * i + 1]);
		return magnitude;
	}

	/**
	 * One slice's k-space, all coils in one array, divided by its data scale σ ({@link DataScaling}): what the
	 * solvers and the choice of λ work on, so λ is relative to the data.
	 */
	public record ScaledSlice(float[] y, double scale, int width, int height, int coils) {

		public static ScaledSlice of(final ComplexStack kspace, final SamplingMask mask) {
			final int w = kspace.width(), h = kspace.height(), coils = kspace.coils(), n = w * h;
			final float[] y = new float[2 * n * coils];
			for (int c = 0; c < coils; c++)
				System.arraycopy(kspace.plane(0, c), 0, y, 2 * n * c, 2 * n);
			final double scale = DataScaling.scaleOf(y, mask, w, h, coils);
			final float inverse = (float) (1 / scale);
			for (int i = 0; i < y.length; i++)
				y[i] *= inverse;
			return new ScaledSlice(y, scale, w, h, coils);
		}
	}
}
