package org.accelmr.nn;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.accelmr.AccelMRException;
import org.accelmr.io.AtomicFile;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

/**
 * A {@link UNet} with its parameters in a DJL {@link Model}: made fresh, loaded from a {@link ModelFiles} pair
 * (checked against its {@link ModelSidecar}), saved atomically, and run on normalised image batches. Close it
 * to free the native memory.
 */
public final class UNetModel implements AutoCloseable {

	private final Model model;
	private final UNet net;
	private ModelSidecar sidecar;

	private UNetModel(final Model model, final UNet net, final ModelSidecar sidecar) {
		this.model = model;
		this.net = net;
		this.sidecar = sidecar;
	}

	/** A new network with parameters drawn from DJL's default initialisers under {@code seed}. */
	public static UNetModel create(final UNetArchitecture architecture, final long seed, final int threads) {
		TorchRuntime.engine(threads).setRandomSeed((int) seed);
		final UNet net = new UNet(architecture);
		final Model model = Model.newInstance("unet", TorchRuntime.device(), "PyTorch");
		model.setBlock(net);
		final int m = architecture.sizeMultiple();
		net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, m, m));
		return new UNetModel(model, net, null);
	}

	/**
	 * Loads {@code files}: the sidecar must pass {@link ModelSidecar#read}, the parameter file must exist, hash
	 * to the sidecar's {@code params_sha256} and hold parameters of the sidecar's architecture.
	 *
	 * @throws AccelMRException naming the file and the problem
	 */
	public static UNetModel load(final ModelFiles files, final int threads) {
		if (!Files.isRegularFile(files.params())) throw new AccelMRException("model file " + files.params() +
			" not found");
		final ModelSidecar sidecar = ModelSidecar.read(files.sidecar());
		final String sha = sha256(files.params());
		if (!sha.equalsIgnoreCase(sidecar.paramsSha256())) throw new AccelMRException("model file " + files
			.params() + " does not match its sidecar " + files.sidecar().getFileName() +
			" (SHA-256 differs: corrupt, or files from different models)");
		final UNetModel m = create(sidecar.architecture(), 0, threads);
		final List<Shape> expected = m.net.getParameters().values().stream().map(p -> p.getArray().getShape())
			.toList();
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(files
			.params()))))
		{
			m.net.loadParameters(m.model.getNDManager(), in);
			if (in.read() != -1) throw new MalformedModelException("trailing bytes");
			// DJL replaces arrays without comparing shapes: a smaller or larger network must fail here, not later
			final List<Shape> loaded = m.net.getParameters().values().stream().map(p -> p.getArray().getShape())
				.toList();
			if (!loaded.equals(expected)) throw new MalformedModelException("parameter shapes differ");
			// loaded arrays are plain tensors; fine-tuning and resuming need them to collect gradients again
			m.net.getParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
		}
		catch (final IOException | MalformedModelException | RuntimeException e) {
			m.close();
			throw new AccelMRException("model file " + files.params() + " does not hold a U-Net with chans=" +
				sidecar.architecture().chans() + ", pools=" + sidecar.architecture().pools() + " as " + files
					.sidecar().getFileName() + " says (" + e.getMessage() + ")", e);
		}
		final String bad = m.firstNonFiniteParameter();
		if (bad != null) {
			m.close();
			throw new AccelMRException("model file " + files.params() + " holds NaN or infinite weights (in " + bad +
				"): the run that wrote it diverged; retrain it");
		}
		m.sidecar = sidecar;
		return m;
	}

	/**
	 * Writes the parameters and {@code description} (with the parameter file's hash filled in), each with
	 * {@link AtomicFile} (a temporary file in the target folder, then moved into place), parameters first. A stop
	 * between the two moves leaves a pair whose hashes differ, which {@link #load} refuses. Nothing is written
	 * when a weight or a validation score is NaN or infinite.
	 *
	 * @throws AccelMRException naming the file when a weight or score is not finite or writing fails
	 */
	public void save(final ModelFiles files, final ModelSidecar description) {
		final String bad = firstNonFiniteParameter();
		if (bad != null) throw new AccelMRException("not writing model " + files.params() + ": parameter " + bad +
			" holds NaN or infinite values (training diverged)");
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			net.saveParameters(out);
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot write model " + files.params() + ": " + e.getMessage(), e);
		}
		final byte[] params = bytes.toByteArray();
		final ModelSidecar described = description.withParamsSha256(sha256(params));
		final String json = described.toJson();
		try {
			Files.createDirectories(files.params().toAbsolutePath().getParent());
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot write model " + files.params() + ": " + e.getMessage(), e);
		}
		AtomicFile.write(files.params(), tmp -> Files.write(tmp, params));
		AtomicFile.write(files.sidecar(), tmp -> Files.writeString(tmp, json, StandardCharsets.UTF_8));
		sidecar = described;
	}

	/**
	 * The name of the first parameter holding a NaN or infinite value, or null when all are finite. A network
	 * with such a weight outputs NaN everywhere, so it is never saved nor loaded.
	 */
	public String firstNonFiniteParameter() {
		for (final var p : net.getParameters()) {
			if (!p.getValue().isInitialized()) continue;
			for (final float v : p.getValue().getArray().toFloatArray())
				if (!Float.isFinite(v)) return p.getKey();
		}
		return null;
	}

	/**
	 * Runs the network without gradients on {@code count} normalised images of {@code height x width}, stored
	 * one after the other in {@code batch}; returns the outputs in the same layout.
	 */
	public float[] predict(final float[] batch, final int count, final int height, final int width) {
		final int min = net.architecture().minimumSize();
		if (height < min || width < min) throw new AccelMRException("image " + width + "x" + height +
			" is smaller than this U-Net (pools=" + net.architecture().pools() + ") accepts: at least " + min +
			"x" + min);
		JniUtils.setGradMode(false);
		try (NDManager scratch = model.getNDManager().newSubManager()) {
			final NDArray x = scratch.create(batch, new Shape(count, 1, height, width));
			final NDList y = net.forward(new ParameterStore(scratch, false), new NDList(x), false);
			return y.singletonOrThrow().toFloatArray();
		}
	}

	public UNet net() {
		return net;
	}

	public Model djlModel() {
		return model;
	}

	/** The description this model was loaded with or last saved with; null for a fresh network. */
	public ModelSidecar sidecar() {
		return sidecar;
	}

	@Override
	public void close() {
		model.close();
	}

	/** Hex SHA-256 of a file's bytes. */
	static String sha256(final Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
			in.transferTo(OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (final NoSuchFileException e) {
			throw new AccelMRException("model file " + file + " not found");
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot read model file " + file + ": " + e.getMessage(), e);
		}
	}

	private static String sha256(final byte[] bytes) {
		return HexFormat.of().formatHex(digest().digest(bytes));
	}

	private static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is required on every Java platform", e);
		}
	}
}
