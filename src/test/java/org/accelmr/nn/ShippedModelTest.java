package org.accelmr.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.RandomMask;
import org.accelmr.metrics.Metrics;
import org.accelmr.progress.Progress;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;

/**
 * The model in models/ (the default of method=unet) is found, passes every load check, and beats zero-filling
 * on a slice it never trained on: Colin27 axial z = 94, inside the held-out slab z = 87..103 (models/README.md),
 * one of the built-in slices ({@link Phantoms#colinSlices()}: z = 62, 78, 94, 110), simulated as the model card
 * describes (birdcage coils, smooth phase, complex noise, an R = 4 random column mask).
 */
class ShippedModelTest {

	/** Index of z = 94 among the built-in slices. */
	private static final int HELD_OUT = 2;

	/** Colin27 z = 94 alone, the slice no shipped model trained on. */
	static FloatVolume heldOutSlice() {
		final FloatVolume colin = Phantoms.colinSlices();
		return new FloatVolume(colin.width(), colin.height(), new float[][] { colin.slice(HELD_OUT) });
	}

	@Test
	void theModelCardNamesNoPathOfTheMachineThatTrainedIt() throws java.io.IOException {
		final ModelFiles files = ModelLocator.resolve("");
		final String json = java.nio.file.Files.readString(files.sidecar());
		for (final String path : new String[] { "/work", "/root", "/tmp", "/home", "/Users", ":\\\\" })
			assertTrue(!json.contains(path), "sidecar names " + path);
		final ModelSidecar.TrainingSummary t = ModelSidecar.read(files.sidecar()).training();
		assertEquals("ch2.nii.gz", t.data());
		assertTrue(t.command().startsWith("data=ch2.nii.gz output=unet-colin27 init= epochs=50 "), t.command());
	}

	@Test
	void shippedModelLoadsAndBeatsZeroFilledOnItsHeldOutSlice() {
		final ModelFiles files = ModelLocator.resolve("");
		assertEquals(ModelLocator.SHIPPED + ".params", files.params().getFileName().toString());
		assertTrue(files.params().toFile().length() < 20_000_000, "models must stay under 20 MB");
		final FloatVolume slice = heldOutSlice();
		final int w = slice.width(), h = slice.height();
		final KSpace full = KSpaceSimulator.simulate(slice, new SimulationConfig(8, true, 0.01, 7));
		final ComplexStack images = full.data().copy();
		CenteredFFT.inverse(images, 1);
		final FloatVolume target = CoilCombination.rss(images);
		final ComplexStack measured = full.data().copy();
		new RandomMask(4, 0.08).sample(w, h, 11).applyTo(measured);
		CenteredFFT.inverse(measured, 1);
		final FloatVolume zeroFilled = CoilCombination.rss(measured);
		try (UNetModel m = UNetModel.load(files, 1)) {
			final ModelSidecar s = m.sidecar();
			assertEquals(new UNetArchitecture(16, 4, 8, true), s.architecture());
			assertEquals(4, s.mask().acceleration());
			final FloatVolume unet = new FloatVolume(w, h, UNetInference.apply(m, new float[][] { zeroFilled.slice(
				0) }, w, h, 1, Progress.NONE));
			final double max = target.max();
			final double ssimZf = Metrics.ssim(target, zeroFilled, max), ssimUnet = Metrics.ssim(target, unet, max);
			final double psnrZf = Metrics.psnr(target, zeroFilled, max), psnrUnet = Metrics.psnr(target, unet, max);
			// measured: zero-filled SSIM 0.664 / 22.7 dB, unet 0.828 / 25.9 dB
			assertTrue(ssimUnet > ssimZf + 0.05, "SSIM unet " + ssimUnet + " vs zero-filled " + ssimZf);
			assertTrue(psnrUnet > psnrZf + 1, "PSNR unet " + psnrUnet + " vs zero-filled " + psnrZf);
		}
	}
}
