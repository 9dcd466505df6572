package org.accelmr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation (Wu and He, ECCV 2018) built from NDArray operations, because DJL has only batch and
 * layer normalisation. For input {@code x} of shape {@code (N, C, H, W)} and {@code G} groups of {@code C/G}
 * channels each,
 *
 * <pre>
 *   mu_ng = mean of x over the channels of group g and all pixels of sample n
 *   var_ng = mean of (x - mu_ng)^2 over the same set (biased, as PyTorch)
 *   y_nchw = gamma_c * (x_nchw - mu_ng) / sqrt(var_ng + eps) + beta_c
 * </pre>
 *
 * With {@code G = C} this is instance normalisation (fastMRI's U-Net), with {@code G = 1} layer normalisation
 * over (C, H, W). The statistics are per sample, so training and inference behave identically.
 */
public final class GroupNorm extends AbstractBlock {

	private static final byte VERSION = 1;

	private final int groups;
	private final float eps;
	private final Parameter gamma;
	private final Parameter beta;

	/**
	 * @param channels C, which {@code groups} must divide
	 * @param groups G
	 * @param eps added to the variance (PyTorch's default is 1e-5)
	 */
	public GroupNorm(final int channels, final int groups, final float eps) {
		super(VERSION);
		if (groups < 1 || channels % groups != 0) throw new IllegalArgumentException("groups (" + groups +
			") must divide channels (" + channels + ")");
		this.groups = groups;
		this.eps = eps;
		gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).optShape(
			new Shape(channels)).build());
		beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).optShape(new Shape(
			channels)).build());
	}

	/** The largest divisor of {@code channels} that is at most {@code maxGroups}. */
	public static int groupsFor(final int channels, final int maxGroups) {
		for (int g = Math.min(channels, maxGroups); g > 1; g--)
			if (channels % g == 0) return g;
		return 1;
	}

	public int groups() {
		return groups;
	}

	@Override
	protected NDList forwardInternal(final ParameterStore store, final NDList inputs, final boolean training,
		final PairList<String, Object> params)
	{
		final NDArray x = inputs.singletonOrThrow();
		final Shape s = x.getShape();
		final long n = s.get(0), c = s.get(1);
		final NDArray grouped = x.reshape(n, groups, -1);
		final NDArray mean = grouped.mean(new int[] { 2 }, true);
		final NDArray centred = grouped.sub(mean);
		final NDArray variance = centred.square().mean(new int[] { 2 }, true);
		final NDArray normalised = centred.div(variance.add(GraphScalar.of(variance, eps)).sqrt()).reshape(s);
		final NDArray g = store.getValue(gamma, x.getDevice(), training).reshape(1, c, 1, 1);
		final NDArray b = store.getValue(beta, x.getDevice(), training).reshape(1, c, 1, 1);
		return new NDList(normalised.mul(g).add(b));
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputShapes) {
		return new Shape[] { inputShapes[0] };
	}
}
