package org.accelmr.nn;

import org.accelmr.AccelMRException;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

/**
 * A {@link VarNet} with its parameters in a DJL {@link Model}: made fresh, loaded from a {@link ModelFiles} pair
 * checked against its {@link VarNetSidecar}, saved atomically, and run without gradients on batches of
 * normalised slices. Close it to free the native memory.
 */
public final class VarNetModel implements AutoCloseable {

	private final Model model;
	private final VarNet net;
	private VarNetSidecar sidecar;

	private VarNetModel(final Model model, final VarNet net, final VarNetSidecar sidecar) {
		this.model = model;
		this.net = net;
		this.sidecar = sidecar;
	}

	/**
	 * A new network with parameters drawn from DJL's default initialisers under {@code seed}, except the
	 * regularisers' output layers, which start at zero ({@link VarNet#startAsIdentity()}).
	 */
	public static VarNetModel create(final VarNetArchitecture architecture, final long seed, final int threads) {
		TorchRuntime.engine(threads).setRandomSeed((int) seed);
		final VarNet net = new VarNet(architecture);
		final Model model = Model.newInstance("varnet", TorchRuntime.device(), "PyTorch");
		model.setBlock(net);
		final int m = architecture.minimumSize();
		final Shape k = new Shape(1, 1, m, m);
		net.initialize(model.getNDManager(), DataType.FLOAT32, k, k, new Shape(1, 1, m, m), k, k);
		// zeroing the output layers is an in-place change of parameters that require gradients, which PyTorch
		// refuses while gradients are recorded; that mode is per thread and on in a thread libtorch has not seen
		// (a Fiji command's worker), so loading a model failed there now and then
		JniUtils.setGradMode(false);
		net.startAsIdentity();
		return new VarNetModel(model, net, null);
	}

	/**
	 * Loads {@code files}: the sidecar must pass {@link VarNetSidecar#read}, the parameter file must exist, hash to
	 * the sidecar's {@code params_sha256} and hold parameters of the sidecar's architecture.
	 *
	 * @throws AccelMRException naming the file and the problem
	 */
	public static VarNetModel load(final ModelFiles files, final int threads) {
		if (!java.nio.file.Files.isRegularFile(files.params())) throw new AccelMRException("model file " + files
			.params() + " not found");
		final VarNetSidecar sidecar = VarNetSidecar.read(files.sidecar());
		final VarNetModel m = create(sidecar.architecture(), 0, threads);
		try {
			ParameterFiles.load(m.net, m.model.getNDManager(), files, sidecar.paramsSha256(), "a VarNet with " +
				sidecar.architecture());
		}
		catch (final RuntimeException e) {
			m.close();
			throw e;
		}
		m.sidecar = sidecar;
		return m;
	}

	/** Writes the parameters and {@code description} (its hash filled in); see {@link ParameterFiles#save}. */
	public void save(final ModelFiles files, final VarNetSidecar description) {
		final VarNetSidecar[] described = new VarNetSidecar[1];
		ParameterFiles.save(net, files, sha -> {
			described[0] = description.withParamsSha256(sha);
			return described[0].toJson();
		});
		sidecar = described[0];
	}

	/** The floor of the {@link BackgroundLevel} step on this model's output (0 for a fresh model or none recorded). */
	public double backgroundFloor() {
		return sidecar == null ? 0 : sidecar.floor();
	}

	/**
	 * Checks that {@code coils} coils of {@code width x height} fit this model.
	 *
	 * @throws AccelMRException with one line when there are more coils than the model accepts or the image is
	 *           smaller than its U-Nets allow
	 */
	public void checkFits(final int coils, final int width, final int height) {
		final VarNetArchitecture a = net.architecture();
		if (coils > a.maxCoils()) throw new AccelMRException("k-space has " + coils +
			" coils; this VarNet model accepts at most " + a.maxCoils() + " (max_coils of its sidecar)");
		final int min = a.minimumSize();
		if (width < min || height < min) throw new AccelMRException("image " + width + "x" + height +
			" is smaller than this VarNet (pools=" + a.pools() + ") accepts: at least " + min + "x" + min);
	}

	/**
	 * Runs the network without gradients on {@code count} slices stored one after the other.
	 *
	 * @param kspace interleaved re/im, {@code count x coils x height x width}, zero where not sampled
	 * @param mask 0/1, {@code count x height x width}
	 * @param maps interleaved coil maps, the layout of {@code kspace}
	 * @param start interleaved start images {@code count x height x width} ({@link VarNetStart}) when the
	 *          architecture {@linkplain VarNetArchitecture#startsFromImage() starts from one}, else null
	 * @return the RSS images, {@code count x height x width}
	 * @throws IllegalArgumentException when {@code start} is given to a network that has none or missing for one
	 *           that needs it
	 */
	public float[] predict(final float[] kspace, final float[] mask, final float[] maps, final float[] start,
		final int count, final int coils, final int height, final int width)
	{
		return run(kspace, mask, maps, start, count, coils, height, width, false)[0];
	}

	/**
	 * As {@link #predict}, also the last cascade's coil k-space: {@code {rss, kRe, kIm}}, the k-space arrays
	 * {@code count x coils x height x width} (what a self-supervised score compares with held-back samples).
	 */
	public float[][] predictWithKSpace(final float[] kspace, final float[] mask, final float[] maps,
		final float[] start, final int count, final int coils, final int height, final int width)
	{
		return run(kspace, mask, maps, start, count, coils, height, width, true);
	}

	private float[][] run(final float[] kspace, final float[] mask, final float[] maps, final float[] start,
		final int count, final int coils, final int height, final int width, final boolean withKSpace)
	{
		if ((start != null) != net.architecture().startsFromImage()) throw new IllegalArgumentException(
			"start image " + (start == null ? "missing" : "given") + " for a VarNet with start " + net.architecture()
				.start());
		checkFits(coils, width, height);
		JniUtils.setGradMode(false);
		try (NDManager scratch = model.getNDManager().newSubManager()) {
			final NDList in = VarNet.inputs(scratch, kspace, mask, maps, start, new Shape(count, coils, height, width),
				new Shape(count, 1, height, width));
			final NDList out = net.forward(new ParameterStore(scratch, false), in, false);
			return withKSpace ? new float[][] { out.get(0).toFloatArray(), out.get(1).toFloatArray(), out.get(2)
				.toFloatArray() } : new float[][] { out.get(0).toFloatArray() };
		}
	}

	public VarNet net() {
		return net;
	}

	public Model djlModel() {
		return model;
	}

	/** The description this model was loaded with or last saved with; null for a fresh network. */
	public VarNetSidecar sidecar() {
		return sidecar;
	}

	@Override
	public void close() {
		model.close();
	}
}
