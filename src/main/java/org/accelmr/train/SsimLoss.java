package org.accelmr.train;

import org.accelmr.nn.GraphScalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * {@code 1 - SSIM} as a differentiable loss on {@code (N, 1, H, W)} batches, with fastMRI's choices: 7x7
 * uniform window, {@code k1 = 0.01}, {@code k2 = 0.03}, sample covariances (window N/(N-1) correction), and
 * per-sample data range {@code L = max(target) - min(target)}:
 *
 * <pre>
 * SSIM = mean over windows of (2 mu_x mu_y + C1)(2 s_xy + C2) / ((mu_x^2 + mu_y^2 + C1)(s_x^2 + s_y^2 + C2)),
 * C1 = (k1 L)^2, C2 = (k2 L)^2
 * </pre>
 *
 * Two guards keep it finite where fastMRI's formula is 0/0: a constant target patch (background, or a flat
 * region larger than the crop) has {@code L = 0}, so {@code C1 = C2 = 0}, and with a flat prediction both
 * factors of the denominator vanish; {@code L} is therefore at least {@link #MIN_RANGE} (in the normalised units
 * the loss sees, one standard deviation of the input image; smaller floors left C2 below the float rounding of
 * the variances, so flat patches scored at random). And the variances {@code E[x^2] - E[x]^2}, which
 * float cancellation can make slightly negative, are clamped at 0, so the denominator stays at least
 * {@code C1 C2 > 0}.
 */
final class SsimLoss {

	private static final int WINDOW = 7;
	private static final float K1 = 0.01f, K2 = 0.03f;
	static final float MIN_RANGE = 1f;

	private SsimLoss() {}

	static NDArray compute(final NDArray prediction, final NDArray target) {
		final long n = target.getShape().get(0);
		final NDArray flat = target.reshape(n, -1);
		// numbers enter the graph as GraphScalars: DJL's x.mul(2f) frees the 2 before the backward pass reads it
		final NDArray range = flat.max(new int[] { 1 }).sub(flat.min(new int[] { 1 })).maximum(GraphScalar.of(target,
			MIN_RANGE)).reshape(n, 1, 1, 1);
		final NDArray c1 = range.mul(GraphScalar.of(target, K1)).square(), c2 = range.mul(GraphScalar.of(target, K2))
			.square();
		final float np = WINDOW * WINDOW;
		final NDArray cov = GraphScalar.of(target, np / (np - 1)), zero = GraphScalar.of(target, 0), two = GraphScalar
			.of(target, 2);
		final NDArray ux = mean(prediction), uy = mean(target);
		final NDArray vx = mean(prediction.square()).sub(ux.square()).maximum(zero).mul(cov);
		final NDArray vy = mean(target.square()).sub(uy.square()).maximum(zero).mul(cov);
		final NDArray vxy = mean(prediction.mul(target)).sub(ux.mul(uy)).mul(cov);
		final NDArray numerator = ux.mul(uy).mul(two).add(c1).mul(vxy.mul(two).add(c2));
		final NDArray denominator = ux.square().add(uy.square()).add(c1).mul(vx.add(vy).add(c2));
		return GraphScalar.of(target, 1).sub(numerator.div(denominator).mean());
	}

	private static NDArray mean(final NDArray x) {
		return Pool.avgPool2d(x, new Shape(WINDOW, WINDOW), new Shape(1, 1), new Shape(0, 0), false, true);
	}
}
