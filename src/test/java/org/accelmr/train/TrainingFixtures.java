package org.accelmr.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.accelmr.io.VolumeFiles;
import org.accelmr.progress.Progress;

/** What the trainer tests share: a tiny training folder and a progress that records and can cancel. */
final class TrainingFixtures {

	private TrainingFixtures() {}

	/** {@code dir/data} holding a 14-slice 40x36 phantom stack as .npy. */
	static Path phantomFolder(final Path dir) {
		final Path data = dir.resolve("data");
		try {
			Files.createDirectories(data);
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		VolumeFiles.write(TrainingDataTest.phantomStack(40, 36, 14), data.resolve("stack.npy"));
		return data;
	}

	/** Keeps every status line and the last progress count; cancels once that count reaches {@link #cancelAfter}. */
	static final class Recording implements Progress {

		final List<String> lines = new ArrayList<>();
		int cancelAfter = Integer.MAX_VALUE;
		long last;

		@Override
		public void status(final String message) {
			lines.add(message);
		}

		@Override
		public void progress(final long done, final long total) {
			last = done;
		}

		@Override
		public boolean isCancelled() {
			return last >= cancelAfter;
		}
	}
}
