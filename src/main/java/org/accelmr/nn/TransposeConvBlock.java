package org.accelmr.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The U-Net's upsampling step: a 2x2 transposed convolution with stride 2 (no bias), group normalisation and
 * LeakyReLU 0.2, as fastMRI's {@code TransposeConvBlock}. Shapes: {@code (N, inChans, H, W) ->
 * (N, outChans, 2H, 2W)}.
 *
 * <p>DJL's PyTorch engine does not implement deconvolution, so the transposed convolution is computed in its
 * exact equivalent form: with kernel = stride = 2 the output windows do not overlap, and
 * {@code y[n, c, 2h + dy, 2w + dx] = sum_k W[k, c, dy, dx] x[n, k, h, w]}, which is a 1x1 convolution to
 * {@code 4 * outChans} channels (channel {@code 4c + 2dy + dx}) followed by a depth-to-space rearrangement.
 */
public final class TransposeConvBlock extends AbstractBlock {

	private static final byte VERSION = 1;

	private final int outChans;
	private final Conv2d up;
	private final GroupNorm norm;

	public TransposeConvBlock(final int outChans, final int maxGroups) {
		super(VERSION);
		this.outChans = outChans;
		up = addChildBlock("up", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(4 * outChans).optBias(
			false).build());
		norm = addChildBlock("norm", new GroupNorm(outChans, GroupNorm.groupsFor(outChans, maxGroups), 1e-5f));
	}

	@Override
	protected NDList forwardInternal(final ParameterStore store, final NDList inputs, final boolean training,
		final PairList<String, Object> params)
	{
		final NDArray x = up.forward(store, inputs, training, params).singletonOrThrow();
		final Shape s = x.getShape();
		final long n = s.get(0), h = s.get(2), w = s.get(3);
		final NDArray spread = x.reshape(n, outChans, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, outChans,
			2 * h, 2 * w);
		return Activation.leakyRelu(norm.forward(store, new NDList(spread), training, params), ConvBlock.SLOPE);
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType dataType,
		final Shape... inputShapes)
	{
		up.initialize(manager, dataType, inputShapes);
		norm.initialize(manager, dataType, getOutputShapes(inputShapes));
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputShapes) {
		final Shape s = inputShapes[0];
		return new Shape[] { new Shape(s.get(0), outChans, 2 * s.get(2), 2 * s.get(3)) };
	}
}
