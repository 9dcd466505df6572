package org.accelmr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.nn.BackgroundLevel;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.VarNetModel;
import org.accelmr.nn.VarNetSidecar;
import org.accelmr.progress.CancelledException;
import org.accelmr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny end-to-end runs: 2 cascades of chans-4, 2-pool U-Nets on matrices 19x19 to 48x48. */
class VarNetTrainerTest {

	@TempDir
	Path dir;

	private TrainingConfig tiny(final Path data, final String output, final int epochs, final int steps) {
		return TrainingConfig.DEFAULTS.with(Map.ofEntries(Map.entry("architecture", "varnet"), Map.entry("data", data
			.toString()), Map.entry("output", output), Map.entry("epochs", Integer.toString(epochs)), Map.entry(
				"steps_per_epoch", Integer.toString(steps)), Map.entry("batch_size", "2"), Map.entry("cascades", "2"),
			Map.entry("chans", "4"), Map.entry("pools", "2"), Map.entry("norm_groups", "2"), Map.entry("crop", "48"),
			Map.entry("val_slices", "3"), Map.entry("max_coils", "4"), Map.entry("val_fraction", "0.2"), Map.entry(
				"lr", "0.005"), Map.entry("max_noise", "0"), Map.entry("loss", "ssim"), Map.entry("center_fraction_min", "0.12"), Map.entry("center_fraction_max", "0.12"),
			Map.entry("coil_maps", "rss")));
	}

	private Path data() {
		return TrainingFixtures.phantomFolder(dir);
	}

	@Test
	void learnsToBeatZeroFilledThenResumesAndFineTunes() {
		final Path data = data();
		final String out = dir.resolve("models/vn").toString();
		final TrainingFixtures.Recording progress = new TrainingFixtures.Recording();
		final TrainingResult first = VarNetTrainer.train(tiny(data, out, 2, 40), progress);
		assertEquals(2, first.epochsDone());
		assertEquals(80, first.steps());
		assertTrue(first.best().ssim() > first.best().zeroFilledSsim() + 0.01, "validation SSIM " + first.best()
			.ssim() + " vs zero-filled " + first.best().zeroFilledSsim() + "; " + progress.lines);
		assertTrue(first.best().psnr() > first.best().zeroFilledPsnr(), progress.lines.toString());
		assertTrue(Files.isRegularFile(Path.of(out + ".state.json")));
		// the state names a complete checkpoint pair of its step (the U-Net's Checkpoints)
		final ModelFiles checkpoint = Checkpoints.current(Path.of(out)).orElseThrow();
		assertEquals("vn.checkpoint-80.params", checkpoint.params().getFileName().toString());
		assertTrue(Files.isRegularFile(checkpoint.sidecar()));

		final TrainingFixtures.Recording again = new TrainingFixtures.Recording();
		final TrainingResult resumed = VarNetTrainer.train(tiny(data, out, 3, 5), again);
		assertEquals(3, resumed.epochsDone());
		assertEquals(85, resumed.steps());
		assertTrue(again.lines.contains("Resuming after epoch 2, step 80"), again.lines.toString());

		try (VarNetModel m = VarNetModel.load(ModelFiles.of(Path.of(out)), 1)) {
			final VarNetSidecar s = m.sidecar();
			assertEquals(2, s.architecture().cascades());
			assertEquals(4, s.architecture().maxCoils());
			assertTrue(s.training().command().contains("architecture=varnet"));
			assertEquals(3, s.validation().slices());
			// chosen by validation among the candidates, and recorded even when it is none
			assertTrue(java.util.Arrays.stream(BackgroundLevel.candidates()).anyMatch(f -> f == s.backgroundFloor()), String
				.valueOf(s.backgroundFloor()));
		}

		final String tuned = dir.resolve("models/tuned").toString();
		final Map<String, String> keys = new HashMap<>(tiny(data, tuned, 1, 2).asMap());
		keys.put("init", out);
		keys.put("cascades", "3");
		final TrainingResult ft = VarNetTrainer.train(TrainingConfig.DEFAULTS.with(keys), Progress.NONE);
		try (VarNetModel m = VarNetModel.load(ft.model(), 1)) {
			assertEquals(2, m.sidecar().architecture().cascades(), "the architecture comes from init");
			assertEquals("vn", m.sidecar().training().init(), "file names only");
		}
		// resuming a finished run does nothing and says so; fine-tuning into the init's own files is refused
		final TrainingFixtures.Recording done = new TrainingFixtures.Recording();
		assertEquals(UNetTrainer.COMPLETE, VarNetTrainer.train(tiny(data, out, 3, 5), done).stopReason());
		assertTrue(done.lines.toString().contains("The run is complete"), done.lines.toString());
		keys.put("output", out);
		assertEquals("output=" + out + " would overwrite init=" + out + " (an input); choose another output",
			assertThrows(AccelMRException.class, () -> VarNetTrainer.train(TrainingConfig.DEFAULTS.with(keys),
				Progress.NONE)).getMessage());
	}

	/** The model card's noise matches what the simulation draws: nothing below its smallest level. */
	@Test
	void theRecordedNoiseIsWhatTheSimulationDraws() {
		assertEquals("no noise", VarNetTrainer.noise(0));
		assertEquals("no noise", VarNetTrainer.noise(0.002));
		assertEquals("no noise (25% of samples) or complex noise 0.3-1.0% of max (log-uniform)", VarNetTrainer.noise(
			0.01));
	}

	/**
	 * start=tv: every sample (validation included) gets its TV solution as the start image, batches come from the
	 * pool, the model records its start, and it is above zero-filled from the first epoch (SSIM by 0.03, PSNR by
	 * 0.15 dB; measured against the noisy fully sampled scan 0.396 vs 0.349 and 20.99 vs 20.75 dB), since a fresh
	 * network returns the TV solution with the measured samples put back.
	 */
	@Test
	void aNetworkStartingFromTheTvSolutionTrainsAndRecordsItsStart() {
		final String out = dir.resolve("models/tv").toString();
		final TrainingFixtures.Recording progress = new TrainingFixtures.Recording();
		final TrainingResult r = VarNetTrainer.train(tiny(data(), out, 1, 4).with(Map.of("start", "tv")), progress);
		assertTrue(progress.lines.stream().anyMatch(l -> l.contains("start image SSIM")), progress.lines.toString());
		assertTrue(r.best().ssim() > r.best().zeroFilledSsim() + 0.03, progress.lines.toString());
		assertTrue(r.best().psnr() > r.best().zeroFilledPsnr() + 0.15, progress.lines.toString());
		try (VarNetModel m = VarNetModel.load(r.model(), 1)) {
			assertEquals("tv", m.sidecar().architecture().start());
			assertTrue(m.sidecar().training().command().contains("start=tv"), m.sidecar().training().command());
		}
		assertEquals("start must be zero-filled, tv, wavelet or auto, got admm", assertThrows(AccelMRException.class,
			() -> TrainingConfig.DEFAULTS.with(Map.of("start", "admm"))).getMessage());
	}

	/**
	 * supervision=self learns from undersampled k-space alone (no reference image): a folder with an undersampled
	 * 4-coil .npy; started from TV the network predicts held-back samples from the first epoch (score 1 - loss/2
	 * above 0.2, where zero-filled scores 0); the sidecar says how it was trained; fully sampled data is refused.
	 */
	@Test
	void selfSupervisedTrainingLearnsFromUndersampledScansAlone() throws Exception {
		final Path scans = dir.resolve("scans");
		Files.createDirectories(scans);
		final org.accelmr.kspace.KSpace full = org.accelmr.sim.KSpaceSimulator.simulate(TrainingDataTest.phantomStack(40,
			36, 5), new org.accelmr.sim.SimulationConfig(4, true, 0.002, 3));
		org.accelmr.io.KSpaceFiles.write(full.undersample(new org.accelmr.mask.RandomMask(3, 0.2).sample(40, 36, 4)),
			scans.resolve("under.npy"));
		final String out = dir.resolve("models/self").toString();
		final TrainingFixtures.Recording progress = new TrainingFixtures.Recording();
		final TrainingResult r = VarNetTrainer.train(tiny(scans, out, 1, 4).with(Map.of("supervision", "self",
			"start", "tv")), progress);
		assertTrue(r.best().ssim() > 0.2, "self-supervised score " + r.best().ssim() + "; " + progress.lines);
		assertTrue(Double.isFinite(r.best().psnr()) && r.best().psnr() > 0, progress.lines.toString());
		try (VarNetModel m = VarNetModel.load(r.model(), 1)) {
			assertTrue(m.sidecar().training().augmentation().startsWith("none: self-supervised"), m.sidecar()
				.training().augmentation());
			assertEquals(4, m.sidecar().training().trainingSlices());
			assertEquals(0, m.sidecar().backgroundFloor(), "no magnitude reference to choose one with");
		}
		final Path fullFolder = dir.resolve("full");
		Files.createDirectories(fullFolder);
		org.accelmr.io.KSpaceFiles.write(full, fullFolder.resolve("full.npy"));
		final AccelMRException e = assertThrows(AccelMRException.class, () -> VarNetTrainer.train(tiny(fullFolder, dir
			.resolve("models/f").toString(), 1, 1).with(Map.of("supervision", "self")), Progress.NONE));
		assertTrue(e.getMessage().contains("looks fully sampled"), e.getMessage());
		assertEquals("supervision must be full, or self with architecture=varnet, got self", assertThrows(
			AccelMRException.class, () -> TrainingConfig.DEFAULTS.with(Map.of("supervision", "self"))).getMessage());
	}

	@Test
	void cancellingStopsWithinAStepAndKeepsNoHalfFiles() throws Exception {
		final String out = dir.resolve("models/c").toString();
		final TrainingFixtures.Recording progress = new TrainingFixtures.Recording();
		progress.cancelAfter = 2;
		assertThrows(CancelledException.class, () -> VarNetTrainer.train(tiny(data(), out, 2, 3), progress));
		assertEquals(2, progress.last);
		// what is there is complete: the network as it started, validated before the first step
		assertTrue(progress.lines.stream().anyMatch(l -> l.startsWith("before training: validation SSIM")), progress
			.lines.toString());
		try (VarNetModel m = VarNetModel.load(ModelFiles.of(Path.of(out + ".params")), 1)) {
			assertEquals(0, m.sidecar().training().steps());
		}
		try (var files = Files.list(dir.resolve("models"))) {
			assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".part")));
		}
	}

	@Test
	void badSettingsAreOneLine() {
		assertEquals("architecture must be unet or varnet, got resnet", assertThrows(AccelMRException.class,
			() -> TrainingConfig.DEFAULTS.with(Map.of("architecture", "resnet"))).getMessage());
		assertTrue(assertThrows(AccelMRException.class, () -> VarNetTrainer.train(tiny(data(), dir.resolve("m")
			.toString(), 1, 1).with(Map.of("crop", "16", "pools", "4")), Progress.NONE)).getMessage().startsWith(
				"crop (the largest matrix side) must be at least 32"));
	}

	/** As the U-Net's: the time limit ends inside an epoch at a checkpoint, and the same line continues there. */
	@Test
	void theTimeLimitEndsAtACheckpointAndTheSameLineContinues() {
		final Path data = data();
		final String out = dir.resolve("models/t").toString();
		final Map<String, String> keys = new HashMap<>(tiny(data, out, 1, 2).asMap());
		keys.put("max_minutes", "1e-6"); // every run ends after its first step
		final TrainingConfig line = TrainingConfig.DEFAULTS.with(keys);
		final TrainingFixtures.Recording first = new TrainingFixtures.Recording();
		final TrainingResult r1 = VarNetTrainer.train(line, first);
		assertEquals("time limit", r1.stopReason());
		assertEquals(1, r1.steps());
		assertEquals(0, r1.epochsDone());
		assertTrue(first.lines.stream().anyMatch(l -> l.startsWith("time limit (0m00s) reached at epoch 1/1 step 1/2:" +
			" checkpoint saved")), first.lines.toString());
		try (VarNetModel m = VarNetModel.load(ModelFiles.of(Path.of(out + ".params")), 1)) {
			assertEquals(0, m.sidecar().training().steps(), "the best model is still the network as it started");
		}
		final TrainingFixtures.Recording second = new TrainingFixtures.Recording();
		final TrainingResult r2 = VarNetTrainer.train(line, second);
		assertEquals(2, r2.steps());
		assertEquals(1, r2.epochsDone());
		assertTrue(second.lines.contains("Resuming after epoch 0, step 1"), second.lines.toString());
		assertTrue(Files.isRegularFile(Path.of(out + ".params")));
	}

}
