package org.accelmr.cs;

/**
 * An iterative method on vectors (SigPy's {@code Alg}): {@link #step()} does one iteration, {@link #isDone()}
 * says whether the iteration budget or tolerance is reached. Algorithms know vectors and callables only, never
 * operators, masks or coils.
 */
public abstract class IterativeAlgorithm {

	private final int maxIterations;
	private int iteration;

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
			monitor.iterationDone(iteration, solution());
		}
		return solution();
	}

	protected abstract void update();

	/** Tolerance-based stop; false by default. */
	protected boolean converged() {
		return false;
	}
}
