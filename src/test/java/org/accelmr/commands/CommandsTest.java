package org.accelmr.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.accelmr.imagej.ImgVolumes;
import org.accelmr.imagej.KSpaceImage;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.mask.SamplingMask;
import org.accelmr.metrics.Metrics;
import org.accelmr.progress.Progress;
import org.accelmr.recon.ZeroFilledRecon;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Every AccelMR command run through SciJava's CommandService, chained as a user chains them in Fiji, each
 * result compared with the core call it wraps; bad input cancels the command with the core's one-line message.
 */
class CommandsTest {

	private static Context context;
	private static ByteArrayOutputStream log;
	private static CommandService commands;

	@TempDir
	Path dir;

	@BeforeAll
	static void startSciJava() {
		context = new Context(CommandService.class);
		commands = context.service(CommandService.class);
		log = CommandInputs.captureLog(context);
	}

	@AfterAll
	static void stopSciJava() {
		context.dispose();
	}

	private static CommandModule run(final Class<? extends Command> command, final Object... keyValues)
		throws Exception
	{
		return CommandInputs.run(commands, command, keyValues);
	}

	private static KSpace kspaceOf(final CommandModule module, final String output) {
		return KSpaceImage.find(module.getOutput(output)).orElseThrow();
	}

	@Test
	void openSimulateUndersampleReconstructEvaluateChainLikeTheCore() throws Exception {
		final FloatVolume brain = Phantoms.brain(40, 32);
		final CommandModule simulated = run(SimulateKSpaceCommand.class, "input", brain.asImg(), "coils", 3, "seed",
			11);
		assertFalse(simulated.isCanceled(), simulated.getCancelReason());
		final KSpace full = kspaceOf(simulated, "kspace");
		final KSpace expectedFull = KSpaceSimulator.simulate(brain, new SimulationConfig(3, true, 0, 11));
		assertEquals(3, full.data().coils());
		assertEquals(expectedFull.data().plane(0, 2)[77], full.data().plane(0, 2)[77], 0f);

		// the file route gives the same k-space as the simulated image
		final Path file = dir.resolve("k.npy");
		KSpaceFiles.write(full, file);
		final CommandModule opened = run(OpenKSpaceCommand.class, "input", file.toFile());
		assertEquals(full.data().plane(0, 1)[31], kspaceOf(opened, "kspace").data().plane(0, 1)[31], 0f);

		final CommandModule under = run(UndersampleKSpaceCommand.class, "input", opened.getOutput("kspace"), "mask",
			"equispaced-fraction", "acceleration", 4.0, "center_fraction", 0.1, "seed", 5);
		final SamplingMask mask = Masks.create("equispaced-fraction", 4, 0.1, 24).sample(40, 32, 5);
		assertEquals(mask.acceleration(), (double) under.getOutput("achieved_acceleration"), 1e-12);
		assertEquals(mask, kspaceOf(under, "undersampled").mask());
		final Img<?> maskImage = (Img<?>) under.getOutput("sampling_mask");
		assertEquals(40, maskImage.dimension(0));

		final CommandModule recon = run(ReconstructCommand.class, "input", under.getOutput("undersampled"),
			"method", "zero-filled", "threads", 1);
		assertFalse(recon.isCanceled(), recon.getCancelReason());
		@SuppressWarnings("unchecked")
		final FloatVolume image = ImgVolumes.toVolume((Img<FloatType>) recon.getOutput("reconstruction"), "r");
		final FloatVolume expected = new ZeroFilledRecon(1).reconstruct(full.undersample(mask), Progress.NONE);
		assertEquals(0, Metrics.nmse(expected, image), 1e-12);

		final FloatVolume reference = new ZeroFilledRecon(1).reconstruct(full, Progress.NONE);
		final CommandModule scores = run(EvaluateReconstructionCommand.class, "reference", reference.asImg(),
			"reconstruction", recon.getOutput("reconstruction"));
		assertFalse(scores.isCanceled(), scores.getCancelReason());
		assertEquals(Metrics.psnr(reference, expected), (double) scores.getOutput("psnr"), 1e-9);
		assertEquals(Metrics.ssim(reference, expected), (double) scores.getOutput("ssim"), 1e-9);
		assertEquals(Metrics.nmse(reference, expected), (double) scores.getOutput("nmse"), 1e-12);
		assertEquals(Metrics.psnr(reference, expected), ij.measure.ResultsTable.getResultsTable().getValue("PSNR",
			ij.measure.ResultsTable.getResultsTable().size() - 1), 1e-9);
	}

	@Test
	void reconstructKeepsTheKSpaceItWasGivenUntouched() throws Exception {
		final KSpace k = KSpaceSimulator.simulate(Phantoms.brain(24, 20), new SimulationConfig(2, false, 0, 1));
		final KSpaceImage image = KSpaceImage.of(k);
		final float before = k.data().plane(0, 0)[10];
		run(ReconstructCommand.class, "input", image);
		assertSame(k, image.kspace());
		assertEquals(before, k.data().plane(0, 0)[10], 0f);
	}

	@Test
	void badInputCancelsWithTheOneLineMessage() throws Exception {
		final KSpaceImage k = KSpaceImage.of(KSpaceSimulator.simulate(Phantoms.brain(24, 20), new SimulationConfig(1,
			false, 0, 1)));
		final CommandModule low = run(UndersampleKSpaceCommand.class, "input", k, "acceleration", 0.5);
		assertTrue(low.isCanceled());
		assertTrue(low.getCancelReason().contains("acceleration"), low.getCancelReason());
		final CommandModule method = run(ReconstructCommand.class, "input", k, "method", "magic");
		assertTrue(method.isCanceled());
		assertTrue(method.getCancelReason().contains("zero-filled"), "lists the valid methods: " + method
			.getCancelReason());
		final CommandModule notKSpace = run(ReconstructCommand.class, "input", Phantoms.brain(24, 20).asImg());
		assertTrue(notKSpace.getCancelReason().startsWith("input: the image is not k-space"));
		final CommandModule missing = run(OpenKSpaceCommand.class, "input", dir.resolve("none.h5").toFile());
		assertTrue(missing.getCancelReason().contains("none.h5"), missing.getCancelReason());
		// each refusal is logged once as an error, where Fiji's console shows it
		final String logged = log.toString(java.nio.charset.StandardCharsets.UTF_8);
		assertTrue(logged.contains("[ERROR] " + low.getCancelReason()), logged);
		assertTrue(logged.contains("[ERROR] " + missing.getCancelReason()), logged);
	}

	@Test
	void aCancelledCommandStopsAtTheCoreLoopsNextPollAndPublishesNothing() throws Exception {
		final ReconstructCommand command = new ReconstructCommand();
		final java.lang.reflect.Field input = ReconstructCommand.class.getDeclaredField("input");
		input.setAccessible(true);
		input.set(command, KSpaceImage.of(KSpaceSimulator.simulate(Phantoms.brain(24, 20), new SimulationConfig(2,
			false, 0, 1))));
		command.cancel("user pressed cancel");
		command.run();
		assertTrue(command.isCanceled());
		assertEquals("cancelled by the user", command.getCancelReason());
		assertEquals(null, command.reconstruction());
	}

	@Test
	void batchReconstructsAFolderAndSummarises() throws Exception {
		final Path in = java.nio.file.Files.createDirectory(dir.resolve("in"));
		java.nio.file.Files.copy(Path.of("src/test/resources/batch/volume_b.h5"), in.resolve("b.h5"));
		final CommandModule batch = run(BatchReconstructCommand.class, "input", in.toFile(), "output", dir.resolve(
			"out").toFile(), "mask", "equispaced", "acceleration", 2.0, "threads", 1);
		assertFalse(batch.isCanceled(), batch.getCancelReason());
		assertTrue(((String) batch.getOutput("summary")).startsWith("1 reconstructed, 0 skipped, 0 failed"));
		assertTrue(java.nio.file.Files.exists(dir.resolve("out/b.h5")));
	}
}
