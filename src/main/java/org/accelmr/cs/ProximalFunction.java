package org.accelmr.cs;

/**
 * A convex function {@code g} with a cheap proximal map
 * {@code prox_{αg}(v) = argmin_x α g(x) + ½‖x - v‖²}.
 */
public interface ProximalFunction {

	/** {@code g(x)}, for objectives and monitoring. */
	double value(float[] x);

	/** {@code out = prox_{alpha g}(v)}; {@code out} may be {@code v}. */
	void prox(double alpha, float[] v, float[] out);
}
