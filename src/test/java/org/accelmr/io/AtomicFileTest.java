package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes leave normal permissions, replace the target whole, and leave nothing behind on failure. */
class AtomicFileTest {

	@TempDir
	Path dir;

	@Test
	void writtenFilesGetTheSamePermissionsAsAnyNewFile() throws IOException {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
		final Path plain = Files.createFile(dir.resolve("plain.txt")); // what the umask gives a new file
		final Path written = dir.resolve("written.txt");
		AtomicFile.write(written, temp -> Files.writeString(temp, "data"));
		// under umask 022 both are rw-r--r--; Files.createTempFile would have made the result rw-------
		assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
		assertEquals("data", Files.readString(written));
	}

	@Test
	void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
		final Path target = dir.resolve("t.txt");
		Files.writeString(target, "old");
		assertThrows(AccelMRException.class, () -> AtomicFile.write(target, temp -> {
			Files.writeString(temp, "half");
			throw new IOException("disk full");
		}));
		assertEquals("old", Files.readString(target));
		try (var files = Files.list(dir)) {
			assertEquals(1, files.count());
		}
	}
}
