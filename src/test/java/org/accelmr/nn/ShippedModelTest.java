package org.accelmr.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The model in models/ (the default of method=unet) is found, passes every load check and says what it is. */
class ShippedModelTest {

	@Test
	void shippedModelLoadsAndBeatsZeroFilledOnItsHeldOutSlices() {
		final ModelFiles files = ModelLocator.resolve("");
		assertEquals(ModelLocator.SHIPPED + ".params", files.params().getFileName().toString());
		try (UNetModel m = UNetModel.load(files, 1)) {
			final ModelSidecar s = m.sidecar();
			assertEquals(new UNetArchitecture(16, 4, 8, true), s.architecture());
			assertEquals(4, s.mask().acceleration());
			assertTrue(s.validation().ssim() > s.validation().zeroFilledSsim(), s.validation().toString());
			assertTrue(s.validation().slices() >= 10);
			assertTrue(files.params().toFile().length() < 20_000_000, "models must stay under 20 MB");
		}
	}
}
