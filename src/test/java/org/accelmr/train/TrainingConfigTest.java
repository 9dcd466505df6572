package org.accelmr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.accelmr.AccelMRException;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

	@Test
	void keysOverrideDefaultsAndRoundTrip() {
		final TrainingConfig c = TrainingConfig.DEFAULTS.with(Map.of("data", "d", "output", "models/x", "epochs", "3",
			"lr", "2e-4", "loss", "ssim", "residual", "false", "crop", "64", "pools", "3"));
		assertEquals(3, c.epochs());
		assertEquals(2e-4, c.lr());
		assertEquals("ssim", c.loss());
		assertEquals(false, c.architecture().residual());
		assertEquals(3, c.architecture().pools());
		assertEquals(c, TrainingConfig.DEFAULTS.with(c.asMap()));
		assertEquals(TrainingConfig.KEYS, c.asMap().keySet());
	}

	@Test
	void badSettingsNameTheKey() {
		assertTrue(assertThrows(AccelMRException.class, () -> TrainingConfig.DEFAULTS.with(Map.of("epoch", "3")))
			.getMessage().startsWith("unknown training key 'epoch'; known keys: acceleration, architecture, batch_size"));
		assertEquals("epochs must be an integer, got 'many'", assertThrows(AccelMRException.class,
			() -> TrainingConfig.DEFAULTS.with(Map.of("epochs", "many"))).getMessage());
		assertEquals("loss must be l1 or ssim, got l2", assertThrows(AccelMRException.class,
			() -> TrainingConfig.DEFAULTS.with(Map.of("loss", "l2"))).getMessage());
		assertEquals("crop must be a multiple of 2^pools = 16, got 40", assertThrows(AccelMRException.class,
			() -> TrainingConfig.DEFAULTS.with(Map.of("crop", "40"))).getMessage());
		assertEquals("resume must be true or false, got 'yes'", assertThrows(AccelMRException.class,
			() -> TrainingConfig.DEFAULTS.with(Map.of("resume", "yes"))).getMessage());
		assertTrue(assertThrows(AccelMRException.class, () -> TrainingConfig.DEFAULTS.with(Map.of("architecture",
			"varnet", "mask_type", "poisson"))).getMessage().startsWith("mask_type must be random, equispaced or both"));
		assertTrue(assertThrows(AccelMRException.class, () -> TrainingConfig.DEFAULTS.with(Map.of("mask_type",
			"random"))).getMessage().contains("architecture=unet"));
		assertTrue(assertThrows(AccelMRException.class, () -> TrainingConfig.DEFAULTS.with(Map.of("architecture",
			"varnet", "supervision", "self", "val_data", "other.nii"))).getMessage().startsWith("val_data must be empty"));
		assertEquals("select must be ssim or psnr, got nmse", assertThrows(AccelMRException.class,
			() -> TrainingConfig.DEFAULTS.with(Map.of("select", "nmse"))).getMessage());
	}

	@Test
	void scheduleWarmsUpThenDecaysToOneTwentieth() {
		final var t = UNetTrainer.schedule(1e-3, 1000);
		assertEquals(1e-3 / 20, t.getNewValue(0), 1e-9); // warm-up: 20 steps, first is 1/20
		assertEquals(1e-3, t.getNewValue(19), 1e-9);
		assertEquals(1e-3 * (0.05 + 0.95 * 0.5), t.getNewValue(20 + 490), 1e-6);
		assertEquals(1e-3 / 20, t.getNewValue(1000), 1e-9);
	}
}
