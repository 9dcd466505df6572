package org.accelmr.nn;

import ai.djl.ndarray.NDArray;

/**
 * A number as an array owned by the manager of the array it combines with, for arithmetic inside a graph that
 * records gradients. Why not DJL's {@code x.mul(2f)}: the PyTorch engine makes the number a tensor over a direct
 * buffer, applies the operation and closes that tensor at once, while autograd keeps it for the backward pass
 * (a product's gradient is the other factor; likewise for quotients and maxima). Once the garbage collector frees
 * the buffer, the backward pass reads whatever the memory then holds: gradients came out scaled by 1e-33 or
 * non-finite whenever a collection fell between forward and backward, so the same seeded training gave different
 * results from run to run and skipped steps as "non-finite" (measured: 200 of 200 gradients wrong with a
 * collection in between; train.GradientLifetimeTest). Held by the manager, the number lives as long as the
 * graph's other arrays.
 */
public final class GraphScalar {

	private GraphScalar() {}

	/** {@code value} as a 0-d float array of {@code like}'s manager. */
	public static NDArray of(final NDArray like, final float value) {
		return like.getManager().create(value);
	}
}
