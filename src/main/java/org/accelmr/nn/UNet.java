package org.accelmr.nn;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The U-Net of fastMRI (Ronneberger et al. 2015; Zbontar et al. 2018) with group normalisation: {@code pools}
 * down levels ({@link ConvBlock}, then 2x2 average pooling), a bottom {@link ConvBlock}, and {@code pools} up
 * levels ({@link TransposeConvBlock}, concatenation with the skip of the same level, {@link ConvBlock}),
 * then a 1x1 convolution with bias to one channel; with {@link UNetArchitecture#residual()} the input is added
 * to that. Shapes: {@code (N, 1, H, W) -> (N, 1, H, W)}; with {@link #UNet(UNetArchitecture, int)} any equal
 * number of input and output channels (the variational network's regulariser maps re/im to re/im).
 *
 * <p>Any H and W of at least {@link UNetArchitecture#minimumSize()} work: the input is reflect-padded on the
 * bottom and right up to a multiple of {@code 2^pools}, and the output cropped back. (fastMRI pads inside each
 * up level instead; padding once keeps every level's shape exact.)
 */
public final class UNet extends AbstractBlock {

	private static final byte VERSION = 1;

	private final UNetArchitecture architecture;
	private final int channels;
	private final List<ConvBlock> down = new ArrayList<>();
	private final ConvBlock bottom;
	private final List<TransposeConvBlock> upTranspose = new ArrayList<>();
	private final List<ConvBlock> upConv = new ArrayList<>();
	private final Conv2d output;

	public UNet(final UNetArchitecture architecture) {
		this(architecture, 1);
	}

	/** @param channels input and output channels */
	public UNet(final UNetArchitecture architecture, final int channels) {
		super(VERSION);
		this.architecture = architecture;
		this.channels = channels;
		int ch = architecture.chans();
		final int g = architecture.maxGroups();
		for (int i = 0; i < architecture.pools(); i++) {
			down.add(addChildBlock("down" + i, new ConvBlock(ch, g)));
			ch *= 2;
		}
		bottom = addChildBlock("bottom", new ConvBlock(ch, g));
		for (int i = 0; i < architecture.pools(); i++) {
			ch /= 2;
			upTranspose.add(addChildBlock("upT" + i, new TransposeConvBlock(ch, g)));
			upConv.add(addChildBlock("upC" + i, new ConvBlock(ch, g)));
		}
		output = addChildBlock("out", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(channels).optBias(true)
			.build());
	}

	public UNetArchitecture architecture() {
		return architecture;
	}

	/** The last 1x1 convolution (weights and bias): the layer a VarNet cascade starts at zero. */
	Conv2d outputLayer() {
		return output;
	}

	@Override
	protected NDList forwardInternal(final ParameterStore store, final NDList inputs, final boolean training,
		final PairList<String, Object> params)
	{
		final NDArray input = inputs.singletonOrThrow();
		final long h = input.getShape().get(2), w = input.getShape().get(3);
		final int m = architecture.sizeMultiple();
		NDArray x = reflectPad(reflectPad(input, 2, (int) ((m - h % m) % m)), 3, (int) ((m - w % m) % m));
		final List<NDArray> skips = new ArrayList<>();
		for (final ConvBlock level : down) {
			x = level.forward(store, new NDList(x), training, params).singletonOrThrow();
			skips.add(x);
			x = Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
		}
		x = bottom.forward(store, new NDList(x), training, params).singletonOrThrow();
		for (int i = 0; i < upConv.size(); i++) {
			final NDArray up = upTranspose.get(i).forward(store, new NDList(x), training, params)
				.singletonOrThrow();
			final NDArray joined = up.concat(skips.get(skips.size() - 1 - i), 1);
			x = upConv.get(i).forward(store, new NDList(joined), training, params).singletonOrThrow();
		}
		x = output.forward(store, new NDList(x), training, params).singletonOrThrow();
		if (x.getShape().get(2) != h || x.getShape().get(3) != w) x = x.get(":, :, :" + h + ", :" + w);
		return new NDList(architecture.residual() ? x.add(input) : x);
	}

	/**
	 * Appends the mirror image (edge not repeated, numpy's {@code mode="reflect"}) of the last {@code pad}
	 * entries along {@code axis}.
	 */
	static NDArray reflectPad(final NDArray x, final int axis, final int pad) {
		if (pad == 0) return x;
		final long n = x.getShape().get(axis);
		if (pad >= n) throw new IllegalArgumentException("cannot reflect-pad " + n + " pixels by " + pad);
		final String range = (n - 1 - pad) + ":" + (n - 1);
		final String index = axis == 2 ? ":, :, " + range + ", :" : ":, :, :, " + range;
		return x.concat(x.get(index).flip(axis), axis);
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType dataType,
		final Shape... inputShapes)
	{
		final long n = inputShapes[0].get(0);
		final int m = architecture.sizeMultiple();
		long size = m; // parameter shapes do not depend on H and W; initialise on the smallest valid size
		Shape s = new Shape(n, channels, size, size);
		for (final ConvBlock level : down) {
			level.initialize(manager, dataType, s);
			s = level.getOutputShapes(new Shape[] { s })[0];
			size /= 2;
			s = new Shape(n, s.get(1), size, size);
		}
		bottom.initialize(manager, dataType, s);
		s = bottom.getOutputShapes(new Shape[] { s })[0];
		for (int i = 0; i < upConv.size(); i++) {
			upTranspose.get(i).initialize(manager, dataType, s);
			final Shape up = upTranspose.get(i).getOutputShapes(new Shape[] { s })[0];
			final Shape joined = new Shape(n, up.get(1) * 2, up.get(2), up.get(3));
			upConv.get(i).initialize(manager, dataType, joined);
			s = upConv.get(i).getOutputShapes(new Shape[] { joined })[0];
		}
		output.initialize(manager, dataType, s);
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputShapes) {
		final Shape s = inputShapes[0];
		return new Shape[] { new Shape(s.get(0), channels, s.get(2), s.get(3)) };
	}
}
