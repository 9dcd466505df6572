package org.accelmr.nn;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.accelmr.AccelMRException;

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
		m.sidecar = sidecar;
		return m;
	}

	/**
	 * Writes the parameters and {@code description} (with the parameter file's hash filled in), each to a
	 * temporary file in the target folder first and then moved into place, so a crash leaves the old pair.
	 */
	public void save(final ModelFiles files, final ModelSidecar description) {
		try {
			final Path dir = files.params().toAbsolutePath().getParent();
			Files.createDirectories(dir);
			final Path tmpParams = Files.createTempFile(dir, ".unet", ".params.tmp");
			final Path tmpJson = Files.createTempFile(dir, ".unet", ".json.tmp");
			try {
				try (OutputStream os = Files.newOutputStream(tmpParams); DataOutputStream out =
					new DataOutputStream(new BufferedOutputStream(os)))
				{
					net.saveParameters(out);
				}
				final ModelSidecar described = description.withParamsSha256(sha256(tmpParams));
				Files.writeString(tmpJson, described.toJson(), StandardCharsets.UTF_8);
				readableByAll(tmpParams);
				readableByAll(tmpJson);
				Files.move(tmpParams, files.params(), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
				Files.move(tmpJson, files.sidecar(), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
				sidecar = described;
			}
			finally {
				Files.deleteIfExists(tmpParams);
				Files.deleteIfExists(tmpJson);
			}
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot write model " + files.params() + ": " + e.getMessage(), e);
		}
	}

	/**
	 * Runs the network without gradients on {@code count} normalised images of {@code height x width}, stored
	 * one after the other in {@code batch}; returns the outputs in the same layout.
	 */
	public float[] predict(final float[] batch, final int count, final int height, final int width) {
		final int min = net.architecture().minimumSize();
		if (height < min || width < min) throw new AccelMRException("image " + height + "x" + width +
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

	/** Temporary files are owner-only; a model is meant to be shared (rw-r--r--, where POSIX permissions exist). */
	private static void readableByAll(final Path file) throws IOException {
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) Files.setPosixFilePermissions(file,
			PosixFilePermissions.fromString("rw-r--r--"));
	}

	/** Hex SHA-256 of a file's bytes. */
	static String sha256(final Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance(
			"SHA-256")))
		{
			in.transferTo(OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (final NoSuchFileException e) {
			throw new AccelMRException("model file " + file + " not found");
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot read model file " + file + ": " + e.getMessage(), e);
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is required on every Java platform", e);
		}
	}
}
