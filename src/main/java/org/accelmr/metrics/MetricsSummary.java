package org.accelmr.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;

import org.accelmr.kspace.FloatVolume;

/**
 * Running mean and standard deviation of several metrics over many volumes, as fastMRI's {@code Metrics} class,
 * but evaluating the metric map it was given. Uses Welford's update; the standard deviation is the sample one
 * ({@code n - 1}, as the {@code runstats} package fastMRI uses), 0 for fewer than two volumes.
 */
public final class MetricsSummary {

	private final Map<String, ToDoubleBiFunction<FloatVolume, FloatVolume>> metrics;
	private final Map<String, double[]> state = new LinkedHashMap<>(); // name -> {mean, M2}
	private long count;

	/** A summary of {@link Metrics#ALL}. */
	public MetricsSummary() {
		this(Metrics.ALL);
	}

	/** A summary of the given metrics, kept in the map's order. */
	public MetricsSummary(final Map<String, ToDoubleBiFunction<FloatVolume, FloatVolume>> metrics) {
		this.metrics = new LinkedHashMap<>(metrics);
		for (final String name : this.metrics.keySet())
			state.put(name, new double[2]);
	}

	/** Evaluates every metric on one volume pair and adds the values; returns them by name. */
	public Map<String, Double> push(final FloatVolume target, final FloatVolume recon) {
		final Map<String, Double> values = new LinkedHashMap<>();
		for (final Map.Entry<String, ToDoubleBiFunction<FloatVolume, FloatVolume>> e : metrics.entrySet())
			values.put(e.getKey(), e.getValue().applyAsDouble(target, recon));
		push(values);
		return values;
	}

	/** Adds already computed values, one per metric name. */
	public void push(final Map<String, Double> values) {
		if (!values.keySet().equals(state.keySet())) throw new IllegalArgumentException("expected values for " +
			state.keySet() + ", got " + values.keySet());
		count++;
		for (final Map.Entry<String, double[]> e : state.entrySet()) {
			final double v = values.get(e.getKey()), s[] = e.getValue();
			final double delta = v - s[0];
			s[0] += delta / count;
			s[1] += delta * (v - s[0]);
		}
	}

	public long count() {
		return count;
	}

	/** The mean of each metric, in order. */
	public Map<String, Double> means() {
		final Map<String, Double> m = new LinkedHashMap<>();
		state.forEach((name, s) -> m.put(name, count > 0 ? s[0] : Double.NaN));
		return m;
	}

	/** The sample standard deviation of each metric, in order. */
	public Map<String, Double> standardDeviations() {
		final Map<String, Double> m = new LinkedHashMap<>();
		state.forEach((name, s) -> m.put(name, count > 1 ? Math.sqrt(s[1] / (count - 1)) : 0));
		return m;
	}

	/** {@code NMSE = 0.0123 +/- 0.0045 PSNR = ...}, mean plus or minus two standard deviations, as fastMRI prints. */
	@Override
	public String toString() {
		final StringBuilder b = new StringBuilder();
		final Map<String, Double> sd = standardDeviations();
		means().forEach((name, mean) -> b.append(b.length() > 0 ? " " : "").append(String.format(Locale.ROOT,
			"%s = %.4g +/- %.4g", name, mean, 2 * sd.get(name))));
		return b.toString();
	}
}
