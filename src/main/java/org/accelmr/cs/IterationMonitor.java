package org.accelmr.cs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.accelmr.progress.Progress;

/**
 * What every solver reports to after each iteration (BART's {@code iter_monitor}): progress, the cancel check,
 * and, when an objective is given, its value per iteration (costly, for tests and diagnostics) and, when a
 * truth is given, the NMSE {@code ‖x - truth‖² / ‖truth‖²} per iteration.
 */
public final class IterationMonitor {

	private final Progress progress;
	private final int plannedIterations;
	private ToDoubleFunction<float[]> objective;
	private float[] truth;
	private final List<Double> objectives = new ArrayList<>();
	private final List<Double> errors = new ArrayList<>();
	private final List<Double> residuals = new ArrayList<>();
	private int iterations;
	private double lambda = Double.NaN;
	private IterationMonitor parent;
	private int offset;

	/** @param plannedIterations the total reported to {@code progress} */
	public IterationMonitor(final Progress progress, final int plannedIterations) {
		this.progress = progress;
		this.plannedIterations = plannedIterations;
	}

	/** A monitor that reports nothing and is never cancelled. */
	public static IterationMonitor silent() {
		return new IterationMonitor(Progress.NONE, 1);
	}

	/**
	 * A monitor for a solve that continues this one's count: its iteration k reaches this monitor as
	 * {@code offset + k} (progress, cancel and records), while {@link #iterations()} of the returned monitor
	 * counts its own solve only.
	 */
	public IterationMonitor continuing(final int offsetIterations) {
		final IterationMonitor child = new IterationMonitor(progress, plannedIterations);
		child.parent = this;
		child.offset = offsetIterations;
		return child;
	}

	/** Records {@code f(x)} after each iteration. */
	public IterationMonitor recordObjective(final ToDoubleFunction<float[]> f) {
		this.objective = f;
		return this;
	}

	/** Records the NMSE against {@code reference} after each iteration. */
	public IterationMonitor recordError(final float[] reference) {
		this.truth = reference;
		return this;
	}

	/**
	 * Called by solvers after iteration {@code iteration} (1-based) with the current estimate.
	 *
	 * @throws org.accelmr.progress.CancelledException when the user cancelled
	 */
	public void iterationDone(final int iteration, final float[] x) {
		iterationDone(iteration, x, Double.NaN);
	}

	/** As {@link #iterationDone(int, float[])}, with the solver's convergence measure (kept per iteration). */
	public void iterationDone(final int iteration, final float[] x, final double residual) {
		iterations = iteration;
		if (parent != null) {
			parent.iterationDone(offset + iteration, x, residual);
			return;
		}
		residuals.add(residual);
		if (objective != null) objectives.add(objective.applyAsDouble(x));
		if (truth != null) errors.add(Vectors.distanceSquared(x, truth) / Vectors.normSquared(truth));
		progress.progress(Math.min(iteration, plannedIterations), plannedIterations);
		progress.checkCancelled();
	}

	/** Iterations reported so far. */
	public int iterations() {
		return iterations;
	}

	/** The solver's convergence measure per iteration ({@link IterativeAlgorithm#residual()}). */
	public List<Double> residuals() {
		return Collections.unmodifiableList(residuals);
	}

	/** A status line for the log or the Fiji status bar (forwarded to the root monitor's progress). */
	public void status(final String message) {
		if (parent != null) parent.status(message);
		else progress.status(message);
	}

	/** Records the λ a solve used (chosen automatically or given), for reports. */
	public void lambdaUsed(final double l) {
		this.lambda = l;
	}

	/** The λ of the last solve reported through {@link #lambdaUsed}, or NaN. */
	public double lambda() {
		return lambda;
	}

	public List<Double> objectives() {
		return Collections.unmodifiableList(objectives);
	}

	public List<Double> errors() {
		return Collections.unmodifiableList(errors);
	}
}
