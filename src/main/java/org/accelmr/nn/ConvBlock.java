package org.accelmr.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One U-Net level: twice (3x3 convolution without bias, group normalisation, LeakyReLU with slope 0.2), as
 * fastMRI's {@code ConvBlock} with group instead of instance normalisation and no dropout. Shapes:
 * {@code (N, inChans, H, W) -> (N, outChans, H, W)}.
 */
public final class ConvBlock extends AbstractBlock {

	private static final byte VERSION = 1;
	static final float SLOPE = 0.2f;

	private final int outChans;
	private final Conv2d conv1;
	private final GroupNorm norm1;
	private final Conv2d conv2;
	private final GroupNorm norm2;

	/** @param maxGroups the group count is the largest divisor of {@code outChans} not above this */
	public ConvBlock(final int outChans, final int maxGroups) {
		super(VERSION);
		this.outChans = outChans;
		final int groups = GroupNorm.groupsFor(outChans, maxGroups);
		conv1 = addChildBlock("conv1", conv3x3(outChans));
		norm1 = addChildBlock("norm1", new GroupNorm(outChans, groups, 1e-5f));
		conv2 = addChildBlock("conv2", conv3x3(outChans));
		norm2 = addChildBlock("norm2", new GroupNorm(outChans, groups, 1e-5f));
	}

	private static Conv2d conv3x3(final int filters) {
		return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters)
			.optBias(false).build();
	}

	@Override
	protected NDList forwardInternal(final ParameterStore store, final NDList inputs, final boolean training,
		final PairList<String, Object> params)
	{
		NDList x = conv1.forward(store, inputs, training, params);
		x = Activation.leakyRelu(norm1.forward(store, x, training, params), SLOPE);
		x = conv2.forward(store, x, training, params);
		return Activation.leakyRelu(norm2.forward(store, x, training, params), SLOPE);
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType dataType,
		final Shape... inputShapes)
	{
		conv1.initialize(manager, dataType, inputShapes);
		final Shape[] mid = conv1.getOutputShapes(inputShapes);
		norm1.initialize(manager, dataType, mid);
		conv2.initialize(manager, dataType, mid);
		norm2.initialize(manager, dataType, mid);
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputShapes) {
		final Shape s = inputShapes[0];
		return new Shape[] { new Shape(s.get(0), outChans, s.get(2), s.get(3)) };
	}
}
