package org.accelmr.cs;

/**
 * An iterative method on vectors (SigPy's {@code Alg}): {@link #step()} does one iteration, {@link #isDone()}
 * says whether the iteration budget or tolerance ({@link #stopAt}) is reached. Algorithms know vectors and callables only, never
 * operators, masks or coils.
 */
public abstract class IterativeAlgorithm {

	private final int maxIterations;
	private int iteration;
	private double tolerance;
	private float[] checkpoint;
	private double windowChange = Double.NaN;

	protected IterativeAlgorithm(final int maxIterations) {
		if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1, got " +
			maxIterations);
		this.maxIterations = maxIterations;
	}

	/**
	 * Iterations over which {@link #residual()} measures the change: per-iteration changes of FISTA with wavelet
	 * cycle spinning jitter at about 1e-3 of ‖x‖ whatever the progress, and both FISTA and ADMM start with small
	 * steps that grow, so a single-step change stopped runs after 3-4 iterations 2 dB short of their final PSNR;
	 * over ten iterations the drift adds up and the jitter does not.
	 */
	public static final int WINDOW = 10;

	/** One iteration. */
	public final void step() {
		if (checkpoint == null) checkpoint = solution().clone();
		update();
		iteration++;
		if (iteration % WINDOW == 0) {
			final float[] x = solution();
			double change = 0, norm = 0;
			for (int i = 0; i < x.length; i++) {
				final double d = x[i] - checkpoint[i];
				change += d * d;
				norm += (double) x[i] * x[i];
			}
			windowChange = (norm > 0 ? Math.sqrt(change / norm) : change > 0 ? 1 : 0) / WINDOW;
			System.arraycopy(x, 0, checkpoint, 0, x.length);
		}
	}

	/**
	 * Stop as soon as {@link #residual()} falls below {@code t} (0, the default: run the whole budget).
	 *
	 * @return this
	 */
	public IterativeAlgorithm stopAt(final double t) {
		if (!(t >= 0)) throw new IllegalArgumentException("tolerance must be >= 0, got " + t);
		this.tolerance = t;
		return this;
	}

	/**
	 * The convergence measure, relative and dimensionless: by default the change of x per iteration over the last
	 * {@link #WINDOW} iterations, {@code ‖x_k - x_{k-W}‖ / (W ‖x_k‖)}, updated every W iterations (NaN before);
	 * CG overrides it with {@code ‖r‖ / ‖b‖}.
	 */
	public double residual() {
		return windowChange;
	}

	/** True when the budget is spent or the method has converged. */
	public final boolean isDone() {
		return iteration >= maxIterations || converged();
	}

	public int iteration() {
		return iteration;
	}

	/** The current estimate (live; do not modify). */
	public abstract float[] solution();

	/** Runs to the end, reporting every iteration to {@code monitor}; returns the solution. */
	public float[] run(final IterationMonitor monitor) {
		while (!isDone()) {
			step();
			monitor.iterationDone(iteration, solution(), residual());
		}
		return solution();
	}

	protected abstract void update();

	/** {@code residual() < tolerance}. */
	protected boolean converged() {
		return tolerance > 0 && residual() < tolerance;
	}
}
