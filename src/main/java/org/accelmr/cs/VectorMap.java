package org.accelmr.cs;

/**
 * A map between vectors written into a caller's array ({@code out} never aliases {@code in}): what algorithms
 * take instead of operators, so they stay independent of {@code linop} (SigPy's {@code Alg} rule).
 */
@FunctionalInterface
public interface VectorMap {

	void apply(float[] in, float[] out);
}
