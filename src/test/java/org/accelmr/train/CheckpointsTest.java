package org.accelmr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelSidecar.ValidationMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

	/**
	 * {@code select} decides which epoch is the best: an epoch that gains PSNR but loses a little SSIM is kept with
	 * {@code select=psnr} and not with {@code select=ssim}, and the count of epochs without improvement (what
	 * patience reads) follows the same score.
	 */
	@Test
	void selectChoosesTheScoreThatKeepsACheckpoint(@TempDir final Path dir) throws Exception {
		final ValidationMetrics start = new ValidationMetrics(0, 12, 0.9205, 39.18, 0.72, 26.4);
		final ValidationMetrics sharper = new ValidationMetrics(1, 12, 0.9199, 39.52, 0.72, 26.4);
		for (final String select : List.of("ssim", "psnr")) {
			final Path folder = Files.createDirectories(dir.resolve(select));
			final ModelFiles best = ModelFiles.of(folder.resolve("m"));
			final Checkpoints checkpoints = new Checkpoints(folder, "m");
			final List<String> written = new ArrayList<>();
			TrainingState s = checkpoints.endEpoch(TrainingState.START, start, 0, 0, 0, best, select, f -> {
				written.add(f.params().getFileName().toString());
				touch(f);
			});
			s = checkpoints.endEpoch(s, sharper, 1, 50, 1, best, select, f -> {
				written.add(f.params().getFileName().toString());
				touch(f);
			});
			final boolean psnr = select.equals("psnr");
			assertEquals(psnr ? 1 : 0, s.best().epoch(), select + ": best epoch");
			assertEquals(psnr ? 0 : 1, s.epochsWithoutImprovement(), select + ": epochs without improvement");
			assertEquals(psnr ? 4 : 3, written.size(), select + ": files written " + written);
		}
	}

	private static void touch(final ModelFiles f) {
		try {
			Files.writeString(f.params(), "p");
			Files.writeString(f.sidecar(), "{}");
		}
		catch (final java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
