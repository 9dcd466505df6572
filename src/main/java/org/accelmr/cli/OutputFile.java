package org.accelmr.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.accelmr.AccelMRException;
import org.accelmr.io.DataFiles;

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

	/**
	 * Keys whose value can name a file or folder a command reads. Some also take names ({@code mask=random},
	 * {@code coil_maps=espirit}); as paths those match no output, so they need no special case.
	 */
	static final Set<Key> INPUT_KEYS = EnumSet.of(Key.INPUT, Key.MASK, Key.COIL_MAPS, Key.MODEL, Key.INIT, Key.DATA,
		Key.VAL_DATA, Key.REFERENCE, Key.RECONSTRUCTION);

	/** The input keys that name a folder for some commands (everywhere else a folder is refused). */
	static final Map<String, Set<Key>> FOLDER_INPUTS = Map.of("batch", EnumSet.of(Key.INPUT), "train", EnumSet.of(
		Key.DATA, Key.VAL_DATA));

	private OutputFile() {}

	/** What the user gave for every input key this command takes, as paths (what {@link #check} protects). */
	static Path[] inputs(final Arguments arguments) {
		return INPUT_KEYS.stream().filter(arguments::takes).map(arguments::text).filter(v -> !v.isEmpty()).map(
			OutputFile::pathOrNull).filter(Objects::nonNull).toArray(Path[]::new);
	}

	private static Path pathOrNull(final String value) {
		try {
			return Path.of(value);
		}
		catch (final InvalidPathException e) {
			return null; // not a path, so no file it could overwrite
		}
	}

	/**
	 * Checks an output before any work starts: a known extension, an existing folder, and no overlap with any
	 * input (the same file by absolute normalised path, or the other half of a {@code .cfl}/{@code .hdr} pair).
	 *
	 * @param inputs the command's inputs, usually {@link #inputs(Arguments)} plus outputs checked before
	 */
	static Path check(final Key key, final Path output, final List<String> extensions, final Path... inputs) {
		final String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
		if (extensions.stream().noneMatch(name::endsWith)) throw new AccelMRException(key.key() + "=" + output +
			": expected a file ending in " + String.join(", ", extensions));
		final Path folder = output.toAbsolutePath().getParent();
		if (folder == null || !Files.isDirectory(folder)) throw new AccelMRException(key.key() + "=" + output +
			": folder " + folder + " does not exist");
		for (final Path input : inputs)
			if (input != null && DataFiles.overlap(output, input)) throw new AccelMRException(key.key() + "=" +
				output + " is also an input (" + input + "); refusing to overwrite it");
		return output;
	}
}
