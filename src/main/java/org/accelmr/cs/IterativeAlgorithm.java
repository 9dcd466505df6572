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

	protected IterativeAlgorithm(final int maxIterations) {
		if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1, got " +
			maxIterations);
		this.maxIterations = maxIterations;
	}

	/** One iteration. */
	public final void step() {
		update();
		iteration++;
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
	 * The method's own convergence measure after the last iteration, relative and dimensionless (FISTA: the
	 * relative change of x; ADMM: the larger relative primal or dual residual; CG: {@code ‖r‖ / ‖b‖}); NaN
	 * before the first iteration.
	 */
	public abstract double residual();

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
