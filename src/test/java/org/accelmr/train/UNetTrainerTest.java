package org.accelmr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.io.VolumeFiles;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelSidecar;
import org.accelmr.nn.UNetModel;
import org.accelmr.progress.CancelledException;
import org.accelmr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny end-to-end runs: chans 4, 2 pools, 32x32 patches, a few steps. */
class UNetTrainerTest {

	@TempDir
	Path dir;

	private TrainingConfig tiny(final Path data, final String output, final int epochs) {
		return TrainingConfig.DEFAULTS.with(Map.ofEntries(Map.entry("data", data.toString()), Map.entry("output",
			output), Map.entry("epochs", Integer.toString(epochs)), Map.entry("steps_per_epoch", "3"), Map.entry(
				"batch_size", "2"), Map.entry("chans", "4"), Map.entry("pools", "2"), Map.entry("norm_groups", "2"),
			Map.entry("crop", "32"), Map.entry("val_slices", "2"), Map.entry("max_coils", "4"), Map.entry("val_fraction",
				"0.2")));
	}

	private Path data() {
		final Path data = dir.resolve("data");
		try {
			Files.createDirectories(data);
		}
		catch (final java.io.IOException e) {
			throw new AssertionError(e);
		}
		VolumeFiles.write(TrainingDataTest.phantomStack(40, 36, 14), data.resolve("stack.npy"));
		return data;
	}

	private static final class Recording implements Progress {

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

	@Test
	void trainsResumesAndFineTunes() {
		final Path data = data();
		final String out = dir.resolve("models/tiny").toString();
		final Recording progress = new Recording();
		final TrainingResult first = UNetTrainer.train(tiny(data, out, 2), progress);
		assertEquals(2, first.epochsDone());
		assertEquals(6, first.steps());
		assertTrue(Files.isRegularFile(Path.of(out + ".params")));
		assertTrue(Files.isRegularFile(Path.of(out + ".last.params")));
		assertTrue(Files.isRegularFile(Path.of(out + ".state.json")));
		assertTrue(progress.lines.stream().anyMatch(l -> l.startsWith("epoch 2/2 done: train loss")), progress.lines
			.toString());

		// resume: only the third epoch runs, the step counter continues
		final Recording again = new Recording();
		final TrainingResult resumed = UNetTrainer.train(tiny(data, out, 3), again);
		assertEquals(3, resumed.epochsDone());
		assertEquals(9, resumed.steps());
		assertTrue(again.lines.contains("Resuming after epoch 2, step 6"), again.lines.toString());
		assertEquals(1, again.lines.stream().filter(l -> l.contains(" done: train loss")).count());

		// the best model loads and its sidecar describes the run
		try (UNetModel m = UNetModel.load(ModelFiles.of(Path.of(out)), 1)) {
			final ModelSidecar s = m.sidecar();
			assertEquals(4, s.architecture().chans());
			assertTrue(s.validation().ssim() > 0 && s.validation().ssim() <= 1, "ssim " + s.validation().ssim());
			assertTrue(s.training().command().contains("chans=4"));
			assertEquals(2, s.validation().slices());
		}

		// fine-tune into a new output: the architecture comes from init, not from chans=
		final String tuned = dir.resolve("models/tuned").toString();
		final Map<String, String> keys = new java.util.HashMap<>(tiny(data, tuned, 1).asMap());
		keys.put("init", out);
		keys.put("chans", "8");
		final TrainingResult ft = UNetTrainer.train(TrainingConfig.DEFAULTS.with(keys), Progress.NONE);
		assertEquals(1, ft.epochsDone());
		try (UNetModel m = UNetModel.load(ft.model(), 1)) {
			assertEquals(4, m.sidecar().architecture().chans());
			assertEquals(out, m.sidecar().training().init());
		}
	}

	@Test
	void cancellingStopsWithinAStepAndKeepsNoHalfFiles() {
		final Path data = data();
		final String out = dir.resolve("models/c").toString();
		final Recording progress = new Recording();
		progress.cancelAfter = 2;
		assertThrows(CancelledException.class, () -> UNetTrainer.train(tiny(data, out, 2), progress));
		assertEquals(2, progress.last);
		assertTrue(Files.notExists(Path.of(out + ".params")), "no model before the first epoch finished");
	}

	@Test
	void missingKeysAndEmptyDataAreReported() {
		assertEquals("output= is required, e.g. output=models/mymodel", assertThrows(AccelMRException.class,
			() -> UNetTrainer.train(TrainingConfig.DEFAULTS.with(Map.of("data", "x")), Progress.NONE)).getMessage());
		assertTrue(assertThrows(AccelMRException.class, () -> UNetTrainer.train(tiny(dir, dir.resolve("m")
			.toString(), 1), Progress.NONE)).getMessage().startsWith("data folder " + dir + " holds no"));
	}
}
