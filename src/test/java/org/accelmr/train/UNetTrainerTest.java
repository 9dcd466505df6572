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
		return TrainingFixtures.phantomFolder(dir);
	}

	@Test
	void trainsResumesAndFineTunes() {
		final Path data = data();
		final String out = dir.resolve("models/tiny").toString();
		final TrainingFixtures.Recording progress = new TrainingFixtures.Recording();
		final TrainingResult first = UNetTrainer.train(tiny(data, out, 2), progress);
		assertEquals(2, first.epochsDone());
		assertEquals(6, first.steps());
		assertTrue(Files.isRegularFile(Path.of(out + ".params")));
		assertEquals(ModelFiles.of(dir.resolve("models/tiny.checkpoint-6")), Checkpoints.current(Path.of(out))
			.orElseThrow());
		assertTrue(Files.isRegularFile(Path.of(out + ".checkpoint-6.params")));
		assertTrue(Files.isRegularFile(Path.of(out + ".state.json")));
		assertTrue(progress.lines.stream().anyMatch(l -> l.startsWith("epoch 2/2 done: train loss")), progress.lines
			.toString());

		// resume: only the third epoch runs, the step counter continues
		final TrainingFixtures.Recording again = new TrainingFixtures.Recording();
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
			// file names only: a model description names no folder of the machine that trained it
			assertEquals("tiny", m.sidecar().training().init());
			assertEquals("data", m.sidecar().training().data());
			assertTrue(m.sidecar().training().command().contains(" output=tuned "), m.sidecar().training().command());
			assertTrue(!m.sidecar().toJson().contains(dir.toString()), m.sidecar().toJson());
		}
	}

	@Test
	void tenIdenticalTinyRunsGiveTheSameFiniteResult() {
		// the flake of issue 8: identical runs must give identical, finite numbers (batches depend only on the
		// seed and the step; libtorch runs on one thread here, as TrainingConfig's default)
		final Path data = data();
		final List<Double> ssims = new ArrayList<>();
		for (int run = 0; run < 10; run++) {
			final TrainingResult r = UNetTrainer.train(tiny(data, dir.resolve("runs/m" + run).toString(), 1),
				Progress.NONE);
			ssims.add(r.best().ssim());
			try (UNetModel m = UNetModel.load(r.model(), 1)) {
				assertEquals(null, m.firstNonFiniteParameter());
			}
		}
		assertTrue(Double.isFinite(ssims.get(0)), ssims.toString());
		// on one libtorch thread the runs agree bitwise; the tolerance only allows for summation order
		for (final double s : ssims)
			assertEquals(ssims.get(0), s, 1e-6, ssims.toString());
	}

	@Test
	void constantSlicesGiveAFiniteLoss() {
		// a stack of flat slices: whole patches of constant target, the 0/0 case of SSIM; both losses stay finite
		final Path data = dir.resolve("flat");
		try {
			Files.createDirectories(data);
		}
		catch (final java.io.IOException e) {
			throw new AssertionError(e);
		}
		final float[][] slices = new float[14][40 * 36];
		for (final float[] s : slices)
			java.util.Arrays.fill(s, 100f);
		VolumeFiles.write(new org.accelmr.kspace.FloatVolume(40, 36, slices), data.resolve("flat.npy"));
		for (final String loss : List.of("ssim", "l1")) {
			final Map<String, String> keys = new java.util.HashMap<>(tiny(data, dir.resolve("flat-" + loss)
				.toString(), 2).asMap());
			keys.put("loss", loss);
			keys.put("crop", "16"); // 16x16 patches fit inside the 40x36 flat region
			keys.put("max_noise", "0");
			final TrainingFixtures.Recording progress = new TrainingFixtures.Recording();
			final TrainingResult r = UNetTrainer.train(TrainingConfig.DEFAULTS.with(keys), progress);
			assertTrue(Double.isFinite(r.best().ssim()), loss + ": " + progress.lines);
			assertTrue(progress.lines.stream().filter(l -> l.contains(" done: train loss ")).noneMatch(l -> l
				.contains("NaN")), progress.lines.toString());
		}
	}

	@Test
	void ssimLossOfAConstantPatchIsFinite() {
		org.accelmr.nn.TorchRuntime.engine(1);
		try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
			final ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(2, 1, 16, 16);
			final ai.djl.ndarray.NDArray flat = m.full(shape, 0.37f), other = m.full(shape, -1.2f);
			// fastMRI's formula is 0/0 here: data range 0 and flat windows on both sides
			assertEquals(0, SsimLoss.compute(flat, flat).getFloat(), 1e-3);
			final float apart = SsimLoss.compute(other, flat).getFloat();
			assertTrue(Float.isFinite(apart) && apart > 0.5, "loss " + apart);
		}
	}

	@Test
	void aDivergingRunStopsWithOneLineAndKeepsTheLastCheckpoint() throws Exception {
		final Path data = data();
		final String out = dir.resolve("models/d").toString();
		UNetTrainer.train(tiny(data, out, 1), Progress.NONE);
		// make the checkpoint's weights so large that the next step overflows (as a run blowing up would)
		final ModelFiles checkpoint = Checkpoints.current(Path.of(out)).orElseThrow();
		try (UNetModel m = UNetModel.load(checkpoint, 1)) {
			m.net().getParameters().forEach(p -> p.getValue().getArray().muli(1e38f));
			m.save(checkpoint, m.sidecar());
		}
		final byte[] params = Files.readAllBytes(checkpoint.params());
		final String state = Files.readString(Path.of(out + ".state.json"));
		final byte[] best = Files.readAllBytes(Path.of(out + ".params"));

		final AccelMRException e = assertThrows(AccelMRException.class, () -> UNetTrainer.train(tiny(data, out, 2),
			Progress.NONE));
		assertTrue(e.getMessage().matches("training diverged at epoch 2, step 4: the loss is (NaN|Infinity); stopped, " +
			"the checkpoint of step 3 \\(d\\.checkpoint-3\\.params\\) and the best model are kept; try a lower " +
			"lr="), e.getMessage());
		assertTrue(java.util.Arrays.equals(params, Files.readAllBytes(checkpoint.params())));
		assertEquals(state, Files.readString(Path.of(out + ".state.json")));
		assertTrue(java.util.Arrays.equals(best, Files.readAllBytes(Path.of(out + ".params"))));
		try (var files = Files.list(dir.resolve("models"))) {
			assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
				"no temporary files");
		}
	}

	@Test
	void aStopBetweenCheckpointAndStateResumesFromTheStatesStep() throws Exception {
		final Path data = data();
		final String out = dir.resolve("models/s").toString();
		UNetTrainer.train(tiny(data, out, 1), Progress.NONE);
		final ModelFiles step3 = Checkpoints.current(Path.of(out)).orElseThrow();
		// a stop after the pair of step 6 was written but before the state was replaced leaves this behind
		final ModelFiles step6 = ModelFiles.of(dir.resolve("models/s.checkpoint-6"));
		Files.copy(step3.params(), step6.params());
		Files.copy(step3.sidecar(), step6.sidecar());
		// and a kill during a write leaves an empty temporary file
		final Path part = Files.createFile(dir.resolve("models/.s.state.json.k1x2.part"));
		final TrainingFixtures.Recording progress = new TrainingFixtures.Recording();
		final TrainingResult r = UNetTrainer.train(tiny(data, out, 2), progress);
		assertTrue(progress.lines.contains("Resuming after epoch 1, step 3"), progress.lines.toString());
		assertEquals(6, r.steps());
		assertEquals(ModelFiles.of(dir.resolve("models/s.checkpoint-6")), Checkpoints.current(Path.of(out))
			.orElseThrow());
		assertTrue(Files.notExists(step3.params()) && Files.notExists(step3.sidecar()), "old pair deleted");
		assertTrue(Files.notExists(part), "temporary file of a killed write deleted");

		// a state whose pair is missing, or of another step, is one line that names the state file
		Files.delete(step6.params());
		final String missing = assertThrows(AccelMRException.class, () -> UNetTrainer.train(tiny(data, out, 3),
			Progress.NONE)).getMessage();
		assertEquals("training state " + Path.of(out + ".state.json").toAbsolutePath() + " names checkpoint " +
			"s.checkpoint-6.params, which is missing (delete the state file or set resume=false to start again)",
			missing);
	}

	@Test
	void theTimeLimitEndsAtACheckpointAndTheSameLineContinues() {
		final Path data = data();
		final String out = dir.resolve("models/t").toString();
		final Map<String, String> keys = new java.util.HashMap<>(tiny(data, out, 1).asMap());
		keys.put("max_minutes", "1e-6"); // every run ends after its first step
		final TrainingConfig line = TrainingConfig.DEFAULTS.with(keys);
		final TrainingFixtures.Recording first = new TrainingFixtures.Recording();
		final TrainingResult r1 = UNetTrainer.train(line, first);
		assertEquals("time limit", r1.stopReason());
		assertEquals(1, r1.steps());
		assertEquals(0, r1.epochsDone());
		assertTrue(first.lines.stream().anyMatch(l -> l.startsWith("time limit (0m00s) reached at epoch 1/1 step 1/3:" +
			" checkpoint saved")), first.lines.toString());
		assertTrue(Files.notExists(Path.of(out + ".params")), "no model before the first epoch is validated");

		// the same line continues inside the epoch, one step per run here, and validates the epoch at its end
		assertEquals(2, UNetTrainer.train(line, Progress.NONE).steps());
		final TrainingFixtures.Recording third = new TrainingFixtures.Recording();
		final TrainingResult r3 = UNetTrainer.train(line, third);
		assertEquals(3, r3.steps());
		assertEquals(1, r3.epochsDone());
		assertTrue(third.lines.contains("Resuming after epoch 0, step 2"), third.lines.toString());
		assertTrue(third.lines.stream().anyMatch(l -> l.startsWith("epoch 1/1 done: train loss")), third.lines
			.toString());
		assertTrue(Files.isRegularFile(Path.of(out + ".params")));

		// then the run is complete: the same line says so and trains nothing
		final TrainingFixtures.Recording fourth = new TrainingFixtures.Recording();
		final TrainingResult r4 = UNetTrainer.train(line, fourth);
		assertEquals(UNetTrainer.COMPLETE, r4.stopReason());
		assertEquals(3, r4.steps());
		assertEquals(List.of("The run is complete: 1 of 1 epochs done; raise epochs= to train further, or choose a " +
			"new output"), fourth.lines);
	}

	@Test
	void anOutputThatWouldOverwriteAnInputIsRefused() {
		final Path data = data();
		final String out = dir.resolve("models/in").toString();
		UNetTrainer.train(tiny(data, out, 1), Progress.NONE);
		final byte[] before;
		try {
			before = Files.readAllBytes(Path.of(out + ".params"));
		}
		catch (final java.io.IOException e) {
			throw new AssertionError(e);
		}
		for (final String init : List.of(out, out + ".params", out + ".json")) {
			final Map<String, String> keys = new java.util.HashMap<>(tiny(data, out, 2).asMap());
			keys.put("init", init);
			final String m = assertThrows(AccelMRException.class, () -> UNetTrainer.train(TrainingConfig.DEFAULTS
				.with(keys), Progress.NONE)).getMessage();
			assertEquals("output=" + out + " would overwrite init=" + init + " (an input); choose another " +
				"output", m);
		}
		final Path file = data.resolve("stack.npy");
		final String m = assertThrows(AccelMRException.class, () -> UNetTrainer.train(tiny(file, file.toString(), 1),
			Progress.NONE)).getMessage();
		assertEquals("output=" + file + " would overwrite data=" + file + " (an input); choose another output", m);
		try {
			assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(Path.of(out + ".params"))));
		}
		catch (final java.io.IOException e) {
			throw new AssertionError(e);
		}
	}

	@Test
	void aFewHundredStepsLearnBeyondZeroFilling() {
		// a tiny, easy task (one coil, no noise, R = 4): 200 steps must beat the zero-filled input on the held-out
		// slices, which an untrained or broken network does not (its first validation is below zero-filled)
		final Map<String, String> keys = new java.util.HashMap<>(tiny(data(), dir.resolve("models/learn")
			.toString(), 5).asMap());
		keys.putAll(Map.of("steps_per_epoch", "40", "max_coils", "1", "max_noise", "0", "lr", "0.003"));
		final TrainingFixtures.Recording progress = new TrainingFixtures.Recording();
		final TrainingResult r = UNetTrainer.train(TrainingConfig.DEFAULTS.with(keys), progress);
		assertEquals(200, r.steps());
		final ModelSidecar.ValidationMetrics best = r.best();
		assertTrue(best.ssim() > best.zeroFilledSsim() + 0.03, best + "\n" + String.join("\n", progress.lines));
		assertTrue(best.psnr() > best.zeroFilledPsnr(), best.toString());
	}

	@Test
	void cancellingStopsWithinAStepAndKeepsNoHalfFiles() {
		final Path data = data();
		final String out = dir.resolve("models/c").toString();
		final TrainingFixtures.Recording progress = new TrainingFixtures.Recording();
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
