package org.accelmr.nn;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.UnaryOperator;

import org.accelmr.AccelMRException;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Reading and writing a network's {@link ModelFiles} pair the way every AccelMR model does: parameters checked
 * against the sidecar's SHA-256 and the expected shapes on load; both files written to temporary files in the
 * target folder and moved into place on save, so a crash leaves the previous pair.
 */
final class ParameterFiles {

	private ParameterFiles() {}

	/**
	 * Writes {@code block}'s parameters and the sidecar text {@code describe} makes from their SHA-256.
	 *
	 * @return the sidecar text written
	 */
	static String save(final Block block, final ModelFiles files, final UnaryOperator<String> describe) {
		try {
			final Path dir = files.params().toAbsolutePath().getParent();
			Files.createDirectories(dir);
			final Path tmpParams = Files.createTempFile(dir, ".model", ".params.tmp");
			final Path tmpJson = Files.createTempFile(dir, ".model", ".json.tmp");
			try {
				try (OutputStream os = Files.newOutputStream(tmpParams); DataOutputStream out = new DataOutputStream(
					new BufferedOutputStream(os)))
				{
					block.saveParameters(out);
				}
				final String json = describe.apply(UNetModel.sha256(tmpParams));
				Files.writeString(tmpJson, json, StandardCharsets.UTF_8);
				readableByAll(tmpParams);
				readableByAll(tmpJson);
				Files.move(tmpParams, files.params(), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
				Files.move(tmpJson, files.sidecar(), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
				return json;
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
	 * Loads {@code files.params()} into {@code block} (initialised with the expected shapes), after checking its
	 * SHA-256 against {@code sha}.
	 *
	 * @param what how the error names the expected network, e.g. "a VarNet with 8 cascades, chans 18"
	 * @throws AccelMRException naming the file when it is missing, corrupt, or holds another network
	 */
	static void load(final Block block, final NDManager manager, final ModelFiles files, final String sha,
		final String what)
	{
		if (!Files.isRegularFile(files.params())) throw new AccelMRException("model file " + files.params() +
			" not found");
		if (!UNetModel.sha256(files.params()).equalsIgnoreCase(sha)) throw new AccelMRException("model file " + files
			.params() + " does not match its sidecar " + files.sidecar().getFileName() +
			" (SHA-256 differs: corrupt, or files from different models)");
		final List<Shape> expected = shapes(block);
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(files.params()))))
		{
			block.loadParameters(manager, in);
			if (in.read() != -1) throw new MalformedModelException("trailing bytes");
			// DJL replaces arrays without comparing shapes: a smaller or larger network must fail here, not later
			if (!shapes(block).equals(expected)) throw new MalformedModelException("parameter shapes differ");
			// loaded arrays are plain tensors; fine-tuning and resuming need them to collect gradients again
			block.getParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
		}
		catch (final IOException | MalformedModelException | RuntimeException e) {
			throw new AccelMRException("model file " + files.params() + " does not hold " + what + " as " + files
				.sidecar().getFileName() + " says (" + e.getMessage() + ")", e);
		}
	}

	private static List<Shape> shapes(final Block block) {
		return block.getParameters().values().stream().map(p -> p.getArray().getShape()).toList();
	}

	/** Temporary files are owner-only; a model is meant to be shared (rw-r--r--, where POSIX permissions exist). */
	private static void readableByAll(final Path file) throws IOException {
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) Files.setPosixFilePermissions(file,
			PosixFilePermissions.fromString("rw-r--r--"));
	}
}
