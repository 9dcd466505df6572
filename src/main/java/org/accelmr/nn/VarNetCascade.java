package org.accelmr.nn;

import java.util.function.Supplier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One unrolled step of the end-to-end variational network (Sriram et al., MICCAI 2020), in k-space:
 *
 * <pre>
 *   k' = k - eta * M (k - y) - F S R( S^H F^-1 k )
 * </pre>
 *
 * with y the measured samples, M the sampling mask, S the coil maps ({@code S^H} combines coils, {@code S}
 * expands), F the centred orthonormal FFT ({@link TorchFFT}), eta a learned soft data-consistency weight
 * (starts at 1) and R a 2-channel (re/im) {@link UNet} on the image normalised per sample and channel
 * ({@code (x - mean) / std}, as fastMRI's {@code NormUnet}), its output scaled back by {@code std}.
 *
 * <p>Unlike fastMRI, the mean is not added back and the U-Net's last 1x1 convolution starts at zero
 * ({@link #startAsIdentity()}): a fresh network then returns exactly the zero-filled image (eta = 1 keeps the
 * measured samples, R = 0), and training starts from there instead of from a random image subtracted in every
 * cascade, which on a CPU budget is the difference between beating zero-filled within minutes or not (the same
 * reason the U-Net is residual).
 *
 * <p>Inputs (all {@code (N, C, H, W)} real arrays unless said): {@code kRe, kIm, yRe, yIm, mask (N, 1, H, W),
 * sRe, sIm}. Output: {@code kRe', kIm'}.
 */
public final class VarNetCascade extends AbstractBlock {

	private static final byte VERSION = 1;
	private static final float NORM_EPS = 1e-6f;

	private final UNet regulariser;
	private final Parameter eta;

	public VarNetCascade(final UNetArchitecture regulariser) {
		super(VERSION);
		this.regulariser = addChildBlock("unet", new UNet(regulariser, 2));
		eta = addParameter(Parameter.builder().setName("eta").setType(Parameter.Type.GAMMA).optShape(new Shape(1))
			.build());
	}

	@Override
	protected NDList forwardInternal(final ParameterStore store, final NDList inputs, final boolean training,
		final PairList<String, Object> params)
	{
		final ComplexTensor k = new ComplexTensor(inputs.get(0), inputs.get(1));
		final ComplexTensor y = new ComplexTensor(inputs.get(2), inputs.get(3));
		final NDArray mask = inputs.get(4);
		final ComplexTensor maps = new ComplexTensor(inputs.get(5), inputs.get(6));
		final NDArray weight = store.getValue(eta, k.re().getDevice(), training);
		final ComplexTensor consistency = stage(training, () -> k.sub(y).mul(mask).mul(weight), k, y);
		if (!training && regulariserIsZero()) return k.sub(consistency).toList();
		final ComplexTensor image = stage(training, () -> maps.conjMul(TorchFFT.inverse(k)).sum(1), k, maps); // (N, 1, H, W)
		final NDArray regularised = normalisedRegulariser(store, image.re().concat(image.im(), 1), training, params);
		final ComplexTensor r = new ComplexTensor(regularised.get(":, 0:1"), regularised.get(":, 1:2"));
		final ComplexTensor step = stage(training, () -> TorchFFT.forward(maps.mul(r)), maps, r);
		return k.sub(consistency).sub(step).toList();
	}

	/**
	 * {@code compute} as is in training; without gradients with its temporaries freed when it ends
	 * ({@link Temporaries}), so the coil-sized temporaries of one stage are gone before the next.
	 */
	private static ComplexTensor stage(final boolean training, final Supplier<ComplexTensor> compute,
		final ComplexTensor... inputs)
	{
		return training ? compute.get() : Temporaries.freed(compute, inputs);
	}

	/** {@code R} with fastMRI's NormUnet scaling: per sample and channel, mean and (unbiased) std over pixels. */
	private NDArray normalisedRegulariser(final ParameterStore store, final NDArray x, final boolean training,
		final PairList<String, Object> params)
	{
		final long n = x.getShape().get(0), c = x.getShape().get(1);
		final NDArray flat = x.reshape(n, c, -1);
		final long pixels = flat.getShape().get(2);
		final NDArray mean = flat.mean(new int[] { 2 }, true);
		final NDArray centred = flat.sub(mean);
		// eps inside the root: sqrt's slope at a zero variance would be infinite (NaN gradients)
		final NDArray std = centred.square().sum(new int[] { 2 }, true).div(GraphScalar.of(x, Math.max(1, pixels - 1)))
			.add(GraphScalar.of(x, NORM_EPS * NORM_EPS)).sqrt();
		final NDArray normalised = centred.div(std).reshape(x.getShape());
		final NDArray out = regulariser.forward(store, new NDList(normalised), training, params).singletonOrThrow();
		return out.reshape(n, c, -1).mul(std).reshape(x.getShape());
	}

	/**
	 * True when the regulariser's output layer (weights and bias) is zero, so that R = 0 whatever its input: a network
	 * with its initial regularisers (the shipped multi-coil model) then skips them at inference, where they cost
	 * more than its data consistency, with the same output to the bit.
	 */
	private boolean regulariserIsZero() {
		for (final Parameter p : regulariser.outputLayer().getParameters().values())
			for (final float v : p.getArray().toFloatArray())
				if (v != 0) return false;
		return true;
	}

	/** Zeroes the regulariser's output layer (weights and bias), so that R = 0 until training changes it. */
	void startAsIdentity() {
		regulariser.outputLayer().getParameters().values().forEach(p -> p.getArray().muli(0));
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType dataType,
		final Shape... inputShapes)
	{
		final int m = regulariser.architecture().sizeMultiple();
		regulariser.initialize(manager, dataType, new Shape(1, 2, m, m));
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputShapes) {
		return new Shape[] { inputShapes[0], inputShapes[1] };
	}
}
