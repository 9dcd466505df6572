package org.accelmr.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.accelmr.cs.SolverSettings;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.RandomMask;
import org.accelmr.metrics.Metrics;
import org.accelmr.pipeline.PipelineResult;
import org.accelmr.pipeline.ReconstructionPipeline;
import org.accelmr.pipeline.Undersampling;
import org.accelmr.progress.Progress;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;

/**
 * The shipped VarNet (the default of method=varnet) starts single-coil data from TV (start=auto) and, on a
 * held-out Colin27 slice (z = 94, inside the slab no model trained on) with one coil, little noise and an R = 4
 * random column mask, ends at least as well as TV itself at its defaults: its cascades put the measured samples
 * back, which is where its single-coil gain comes from (models/README.md).
 */
class ShippedVarNetTest {

	@Test
	void theShippedVarNetStartsSingleCoilDataFromTvAndEndsAheadOfIt() {
		final FloatVolume slice = ShippedModelTest.heldOutSlice();
		final int w = slice.width(), h = slice.height();
		final KSpace full = KSpaceSimulator.simulate(slice, new SimulationConfig(1, true, 0.002, 7));
		final ComplexStack images = full.data().copy();
		CenteredFFT.inverse(images, 1);
		final FloatVolume target = CoilCombination.rss(images);
		final KSpace measured = full.undersample(new RandomMask(4, 0.08).sample(w, h, 11));
		final FloatVolume tv = run("tv", measured).image();
		final PipelineResult vn = run("varnet", measured);
		final FloatVolume varnet = vn.image();
		// the start's λ is recorded as tv's and wavelet's are (OUTPUT.json, metrics.csv)
		assertEquals(1, vn.solves().size());
		assertTrue(vn.solves().get(0).lambda() > 0 && vn.solves().get(0).iterations() > 0, vn.solves().toString());
		try (VarNetModel m = VarNetModel.load(ModelLocator.resolve("", org.accelmr.recon.VarNetRecon.SHIPPED), 1)) {
			assertEquals(VarNetArchitecture.AUTO, m.sidecar().architecture().start());
		}
		final double max = target.max();
		final double psnrTv = Metrics.psnr(target, tv, max), psnrVarnet = Metrics.psnr(target, varnet, max);
		final double ssimTv = Metrics.ssim(target, tv, max), ssimVarnet = Metrics.ssim(target, varnet, max);
		// measured (session 5): tv 22.6190 dB / 0.62180, varnet 22.6195 / 0.62224: ahead by the data consistency only
		assertTrue(psnrVarnet > psnrTv, "PSNR varnet " + psnrVarnet + " vs tv " + psnrTv);
		assertTrue(ssimVarnet > ssimTv, "SSIM varnet " + ssimVarnet + " vs tv " + ssimTv);
	}

	private static PipelineResult run(final String method, final KSpace k) {
		return ReconstructionPipeline.reconstruct(k, new ReconstructionSettings(method, SolverSettings.AUTO_LAMBDA, 200,
			"espirit", "", 1), Undersampling.NONE, Progress.NONE);
	}
}
