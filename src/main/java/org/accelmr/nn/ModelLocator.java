package org.accelmr.nn;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.accelmr.AccelMRException;

/**
 * Finds the model a reconstruction should use. A {@code model=} path is used as given. Without one, the shipped
 * model {@value #SHIPPED} is looked up, first match wins:
 * <ol>
 * <li>the folder in system property {@code accelmr.models} (the launcher sets it to its own {@code models/});</li>
 * <li>{@code models/} under the working directory (a source checkout);</li>
 * <li>{@code models/} beside, or one level above, the folder of the jar holding this class (an unpacked
 * distribution, or Fiji's {@code jars/} with {@code models/} next to it);</li>
 * <li>the class path resources {@code /models/NAME.params} and {@code .json} (inside the AccelMR jar, which is
 * how Fiji gets it), copied once to a temporary folder because DJL reads files.</li>
 * </ol>
 */
public final class ModelLocator {

	/** Stem of the shipped model's files. */
	public static final String SHIPPED = "unet-colin27";
	public static final String PROPERTY = "accelmr.models";

	private static final java.util.Map<String, ModelFiles> extracted = new java.util.HashMap<>();

	private ModelLocator() {}

	/**
	 * @param model a path (stem, .params or .json), or empty for the shipped model
	 * @throws AccelMRException when a given model or the shipped model cannot be found
	 */
	public static ModelFiles resolve(final String model) {
		return resolve(model, SHIPPED);
	}

	/**
	 * As {@link #resolve(String)} with another shipped model's stem (e.g. the variational network's).
	 *
	 * @param shipped stem searched for when {@code model} is empty
	 */
	public static ModelFiles resolve(final String model, final String shipped) {
		if (model != null && !model.isBlank()) {
			final ModelFiles files = ModelFiles.of(Path.of(model.trim()));
			if (!Files.isRegularFile(files.params())) throw new AccelMRException("model file " + files.params() +
				" not found");
			return files;
		}
		final List<Path> searched = new ArrayList<>();
		for (final Path dir : candidateFolders()) {
			final ModelFiles f = ModelFiles.of(dir.resolve(shipped));
			searched.add(dir);
			if (Files.isRegularFile(f.params()) && Files.isRegularFile(f.sidecar())) return f;
		}
		final ModelFiles resource = fromClassPath(shipped);
		if (resource != null) return resource;
		throw new AccelMRException("shipped model " + shipped + ".params not found in " + searched +
			" nor on the class path; give model=PATH");
	}

	private static List<Path> candidateFolders() {
		final List<Path> dirs = new ArrayList<>();
		final String property = System.getProperty(PROPERTY);
		if (property != null && !property.isBlank()) dirs.add(Path.of(property));
		dirs.add(Path.of("models"));
		try {
			final Path code = Path.of(ModelLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			final Path folder = Files.isDirectory(code) ? code : code.getParent();
			if (folder != null) {
				dirs.add(folder.resolve("models"));
				if (folder.getParent() != null) dirs.add(folder.getParent().resolve("models"));
			}
		}
		catch (final URISyntaxException | RuntimeException e) {
			// no file location for our code (unusual class loaders): the class path resource remains
		}
		return dirs;
	}

	private static synchronized ModelFiles fromClassPath(final String shipped) {
		final ModelFiles known = extracted.get(shipped);
		if (known != null && Files.isRegularFile(known.params())) return known;
		try (InputStream params = ModelLocator.class.getResourceAsStream("/models/" + shipped + ModelFiles.PARAMS);
			InputStream json = ModelLocator.class.getResourceAsStream("/models/" + shipped + ModelFiles.SIDECAR))
		{
			if (params == null || json == null) return null;
			final Path dir = Files.createTempDirectory("accelmr-model");
			final ModelFiles files = ModelFiles.of(dir.resolve(shipped));
			Files.copy(params, files.params(), StandardCopyOption.REPLACE_EXISTING);
			Files.copy(json, files.sidecar(), StandardCopyOption.REPLACE_EXISTING);
			files.params().toFile().deleteOnExit();
			files.sidecar().toFile().deleteOnExit();
			dir.toFile().deleteOnExit();
			extracted.put(shipped, files);
			return files;
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot extract the shipped model from the class path: " + e.getMessage(), e);
		}
	}
}
