package org.accelmr.nn;

import java.nio.file.Path;

/**
 * Where a model's two files are: {@code NAME.params} (DJL parameters) and {@code NAME.json} (the
 * {@link ModelSidecar}). Users may name either file or the common stem.
 *
 * @param params the parameter file
 * @param sidecar the JSON description
 */
public record ModelFiles(Path params, Path sidecar) {

	public static final String PARAMS = ".params";
	public static final String SIDECAR = ".json";

	/** From {@code models/NAME}, {@code models/NAME.params} or {@code models/NAME.json}. */
	public static ModelFiles of(final Path path) {
		final String name = path.getFileName().toString();
		final String stem = name.endsWith(PARAMS) ? name.substring(0, name.length() - PARAMS.length()) : name
			.endsWith(SIDECAR) ? name.substring(0, name.length() - SIDECAR.length()) : name;
		return new ModelFiles(path.resolveSibling(stem + PARAMS), path.resolveSibling(stem + SIDECAR));
	}
}
