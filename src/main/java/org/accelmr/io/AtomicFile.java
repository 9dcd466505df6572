package org.accelmr.io;

import java.io.IOException;
import java.security.SecureRandom;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.accelmr.AccelMRException;

/**
 * Writing a file so that readers see either the old file or the complete new one, never half of it: the
 * content goes to a temporary file in the same folder (same file system, so the rename is atomic), which then
 * replaces the target. On any failure the temporary file is deleted and the target is untouched. Public so that
 * other writers (the batch's metrics table) share the one implementation.
 */
public final class AtomicFile {

	/** Writes the whole content to the given (temporary) path. */
	@FunctionalInterface
	public interface Content {

		void writeTo(Path temporary) throws IOException;
	}

	private AtomicFile() {}

	/**
	 * The file comes out with the permissions of any newly created file (rw-r--r-- under umask 022), not the
	 * owner-only ones of {@link Files#createTempFile}, since results are shared with others.
	 *
	 * @throws AccelMRException naming the target when the folder is missing or writing fails
	 */
	public static void write(final Path target, final Content content) {
		final Path abs = target.toAbsolutePath();
		final Path folder = abs.getParent();
		if (folder == null || !Files.isDirectory(folder)) throw new AccelMRException(target +
			": cannot write, folder " + folder + " does not exist");
		Path temp = null;
		try {
			temp = createTemporary(folder, abs.getFileName().toString());
			content.writeTo(temp);
			try {
				Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
			}
			temp = null;
		}
		catch (final IOException | RuntimeException e) {
			if (e instanceof AccelMRException a) throw a;
			throw new AccelMRException(target + ": could not write (" + e.getMessage() + ")", e);
		}
		finally {
			if (temp != null) try {
				Files.deleteIfExists(temp);
			}
			catch (final IOException ignored) {
				// the failure being reported matters more than a leftover temporary file
			}
		}
	}

	/**
	 * A new empty file {@code .NAME.RANDOM.part} in {@code folder}, created with the default permissions (the
	 * process umask applies), unlike {@link Files#createTempFile}, which makes it owner-only.
	 */
	private static Path createTemporary(final Path folder, final String name) throws IOException {
		for (int attempt = 0;; attempt++) {
			final Path candidate = folder.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) +
				".part");
			try {
				return Files.createFile(candidate);
			}
			catch (final FileAlreadyExistsException e) {
				if (attempt > 100) throw e;
			}
		}
	}

	private static final SecureRandom RANDOM = new SecureRandom();
}
