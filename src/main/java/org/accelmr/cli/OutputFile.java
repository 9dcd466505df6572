package org.accelmr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.accelmr.AccelMRException;

/**
 * Checks an output path before any work starts, so a long run never ends in "cannot write": the extension is
 * one the writer knows, the folder exists, and the output is not one of the inputs (inputs are never
 * overwritten). The writers themselves write to a temporary file and move it into place.
 */
final class OutputFile {

	/** Extensions of reconstruction (real image) files. */
	static final List<String> VOLUME_EXTENSIONS = List.of(".h5", ".tif", ".tiff", ".npy", ".cfl", ".nii", ".nii.gz");
	/** Extensions k-space and masks can be written as (jhdf cannot write HDF5 compound types). */
	static final List<String> KSPACE_EXTENSIONS = List.of(".npy", ".cfl");

	private OutputFile() {}

	static Path check(final Key key, final Path output, final List<String> extensions, final Path... inputs) {
		final String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
		if (extensions.stream().noneMatch(name::endsWith)) throw new AccelMRException(key.key() + "=" + output +
			": expected a file ending in " + String.join(", ", extensions));
		final Path folder = output.toAbsolutePath().getParent();
		if (folder == null || !Files.isDirectory(folder)) throw new AccelMRException(key.key() + "=" + output +
			": folder " + folder + " does not exist");
		for (final Path input : inputs)
			if (input != null && output.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize()))
				throw new AccelMRException(key.key() + "=" + output + " is also an input; refusing to overwrite it");
		return output;
	}
}
