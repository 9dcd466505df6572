package org.accelmr.nn;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The end-to-end variational network (Sriram et al., "End-to-End Variational Networks for Accelerated MRI
 * Reconstruction", MICCAI 2020; fastMRI's {@code VarNet}) sized for a CPU: starting from the measured samples
 * {@code k = y}, {@link VarNetArchitecture#cascades()} {@link VarNetCascade}s each take a soft data-consistency
 * step and subtract a learned regulariser's k-space; the output is the root sum of squares over coils of
 * {@code F^-1 k}, on the scale of the input k-space. The coil maps are inputs (estimated outside the graph from
 * the measured calibration region), as are the samples and the mask, so any sampling pattern works.
 *
 * <p>Inputs: {@code yRe, yIm} {@code (N, C, H, W)} measured k-space (zero where not sampled), {@code mask}
 * {@code (N, 1, H, W)} 0/1, {@code sRe, sIm} {@code (N, C, H, W)} coil maps (ones for one coil), and for an
 * architecture that {@linkplain VarNetArchitecture#startsFromImage() starts from an image} {@code x0Re, x0Im}
 * {@code (N, 1, H, W)}: the cascades then start from {@code k = F S x0} instead of {@code y} ({@link VarNetStart}).
 * Output: the RSS image {@code (N, 1, H, W)}, then the last cascade's coil k-space {@code kRe, kIm}
 * {@code (N, C, H, W)} (what a self-supervised loss compares with held-back measured samples).
 */
public final class VarNet extends AbstractBlock {

	private static final byte VERSION = 1;
	/** Keeps the square root's gradient finite where every coil is zero. */
	private static final float RSS_EPS = 1e-12f;

	private final VarNetArchitecture architecture;
	private final List<VarNetCascade> cascades = new ArrayList<>();

	public VarNet(final VarNetArchitecture architecture) {
		super(VERSION);
		this.architecture = architecture;
		for (int t = 0; t < architecture.cascades(); t++)
			cascades.add(addChildBlock("cascade" + t, new VarNetCascade(architecture.regulariser())));
	}

	/** Sets every cascade's regulariser to zero, so the network returns the zero-filled image until trained. */
	public void startAsIdentity() {
		cascades.forEach(VarNetCascade::startAsIdentity);
	}

	public VarNetArchitecture architecture() {
		return architecture;
	}

	@Override
	protected NDList forwardInternal(final ParameterStore store, final NDList inputs, final boolean training,
		final PairList<String, Object> params)
	{
		final NDArray yRe = inputs.get(0), yIm = inputs.get(1), mask = inputs.get(2), sRe = inputs.get(3), sIm =
			inputs.get(4);
		NDArray kRe = yRe, kIm = yIm;
		if (inputs.size() > 6) {
			final ComplexTensor start = TorchFFT.forward(new ComplexTensor(sRe, sIm).mul(new ComplexTensor(inputs.get(
				5), inputs.get(6))));
			kRe = start.re();
			kIm = start.im();
		}
		for (final VarNetCascade cascade : cascades) {
			final NDList in = new NDList(kRe, kIm, yRe, yIm, mask, sRe, sIm);
			final NDList out;
			if (training) out = cascade.forward(store, in, true, params);
			// without gradients nothing needs a cascade's intermediates afterwards: free them per cascade, so
			// memory is bounded by one cascade (a 15-coil 640x368 slice) instead of all of them
			else out = Temporaries.freed(in, () -> cascade.forward(store, in, false, params));
			kRe = out.get(0);
			kIm = out.get(1);
		}
		return new NDList(rss(TorchFFT.inverse(new ComplexTensor(kRe, kIm))), kRe, kIm);
	}

	/**
	 * What {@link #forward} takes, on {@code m}: the measured k-space (re, im) of shape {@code k}, the mask of shape
	 * {@code image}, the coil maps (re, im) and, for a network that starts from an image, that image (re, im); all
	 * from interleaved re/im arrays.
	 */
	public static NDList inputs(final NDManager m, final float[] kspace, final float[] mask, final float[] maps,
		final float[] start, final Shape k, final Shape image)
	{
		final ComplexTensor y = ComplexTensor.fromInterleaved(m, kspace, k);
		final ComplexTensor s = ComplexTensor.fromInterleaved(m, maps, k);
		final NDList in = new NDList(y.re(), y.im(), m.create(mask, image), s.re(), s.im());
		if (start != null) {
			final ComplexTensor x0 = ComplexTensor.fromInterleaved(m, start, image);
			in.add(x0.re());
			in.add(x0.im());
		}
		return in;
	}

	/** Root sum of squares over the coil axis 1, kept: {@code (N, C, H, W) -> (N, 1, H, W)}. */
	static NDArray rss(final ComplexTensor coils) {
		final NDArray power = coils.squaredMagnitudeSum(1);
		return power.add(GraphScalar.of(power, RSS_EPS)).sqrt();
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType dataType,
		final Shape... inputShapes)
	{
		for (final VarNetCascade c : cascades)
			c.initialize(manager, dataType, inputShapes);
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputShapes) {
		final Shape s = inputShapes[0];
		return new Shape[] { new Shape(s.get(0), 1, s.get(2), s.get(3)), s, s };
	}
}
