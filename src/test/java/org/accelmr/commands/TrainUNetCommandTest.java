package org.accelmr.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelSidecar;
import org.accelmr.sim.Phantoms;
import org.accelmr.train.Checkpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.module.ModuleService;

/**
 * Train network through SciJava's CommandService on a tiny folder: status messages carry loss and ETA, cancel
 * leaves the last finished epoch's checkpoint, and running again resumes from it.
 */
class TrainUNetCommandTest {

	private static Context context;
	private static ByteArrayOutputStream log;

	@TempDir
	Path dir;

	/** Records status messages and, once one contains {@code cancelOn}, cancels the running command. */
	public static final class StatusRecorder {

		// status events arrive on SciJava's event thread (published later), while the test reads the list
		final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();

		/** Whether a message matching {@code wanted} arrives within 10 s (events are delivered asynchronously). */
		boolean arrives(final java.util.function.Predicate<String> wanted) throws InterruptedException {
			final long end = System.nanoTime() + 10_000_000_000L;
			while (System.nanoTime() < end) {
				if (messages.stream().anyMatch(wanted)) return true;
				Thread.sleep(20);
			}
			return false;
		}
		String cancelOn;
		TrainUNetCommand command;

		@EventHandler
		public void onStatus(final StatusEvent e) {
			if (e.getStatusMessage() == null) return;
			messages.add(e.getStatusMessage());
			if (cancelOn != null && command != null && e.getStatusMessage().contains(cancelOn)) command.cancel(
				"cancelled by the test");
		}
	}

	@BeforeAll
	static void startSciJava() {
		context = new Context(CommandService.class, StatusService.class, EventService.class);
		log = CommandInputs.captureLog(context);
	}

	@AfterAll
	static void stopSciJava() {
		context.dispose();
	}

	private Map<String, Object> inputs(final Path data, final Path output, final int epochs) {
		final Map<String, Object> m = new HashMap<>(Map.of("data", data.toFile(), "output", output.toFile(), "epochs",
			epochs, "steps_per_epoch", 3, "batch_size", 2, "chans", 4, "pools", 2, "norm_groups", 2, "crop", 32,
			"val_slices", 2));
		m.put("max_coils", 4);
		m.put("val_fraction", 0.2);
		return m;
	}

	private Path data() throws IOException {
		final Path data = Files.createDirectories(dir.resolve("data"));
		final float[] base = Phantoms.brain(40, 36).slice(0);
		final float[][] slices = new float[14][];
		for (int z = 0; z < slices.length; z++) {
			slices[z] = base.clone();
			for (int i = 0; i < base.length; i++)
				slices[z][i] *= 1 + 0.05f * z;
		}
		VolumeFiles.write(new FloatVolume(40, 36, slices), data.resolve("stack.npy"));
		return data;
	}

	@Test
	void cancelKeepsTheCheckpointAndRunningAgainResumes() throws Exception {
		final Path data = data(), model = dir.resolve("models/tiny");
		final StatusRecorder recorder = new StatusRecorder();
		context.service(EventService.class).subscribe(recorder);
		final CommandService commands = context.service(CommandService.class);

		// cancel as soon as epoch 1 of 3 is saved: the command stops at its next step
		final ModuleService modules = context.service(ModuleService.class);
		final CommandModule first = (CommandModule) modules.createModule(commands.getCommand(TrainUNetCommand.class));
		recorder.command = (TrainUNetCommand) first.getDelegateObject();
		recorder.cancelOn = "epoch 1/3 done";
		final CommandModule ran = (CommandModule) modules.run(first, true, inputs(data, model, 3)).get();
		assertTrue(ran.isCanceled());
		assertTrue(recorder.arrives(m -> m.matches("AccelMR: epoch 1/3 done: train loss \\d.*")), String.join("\n",
			recorder.messages));
		assertEquals(1, ModelSidecar.read(Checkpoints.current(model).orElseThrow().sidecar()).training()
			.epochs());

		recorder.cancelOn = null;
		final CommandModule second = commands.run(TrainUNetCommand.class, true, inputs(data, model, 2)).get();
		assertFalse(second.isCanceled(), second.getCancelReason());
		assertTrue(recorder.arrives("AccelMR: Resuming after epoch 1, step 3"::equals), String.join("\n",
			recorder.messages));
		final TrainUNetCommand done = (TrainUNetCommand) second.getDelegateObject();
		assertEquals(2, done.result().epochsDone());
		assertEquals(6, done.result().steps());
		assertEquals(ModelFiles.of(model).params().toString(), second.getOutput("model"));
	}

	@Test
	void anOutputNamedAsTheInitModelCancelsWithOneLine() throws Exception {
		final Path data = data(), model = dir.resolve("models/tiny");
		final CommandService commands = context.service(CommandService.class);
		assertFalse(commands.run(TrainUNetCommand.class, true, inputs(data, model, 1)).get().isCanceled());
		final byte[] params = Files.readAllBytes(ModelFiles.of(model).params());
		final Map<String, Object> same = inputs(data, model, 2);
		same.put("init", ModelFiles.of(model).params().toFile());
		same.put("resume", false);
		final CommandModule m = commands.run(TrainUNetCommand.class, true, same).get();
		assertTrue(m.isCanceled());
		assertEquals("output=" + model + " would overwrite init=" + ModelFiles.of(model).params() + " (an input); " +
			"choose another output", m.getCancelReason());
		assertTrue(java.util.Arrays.equals(params, Files.readAllBytes(ModelFiles.of(model).params())));
	}

	@Test
	void anEmptyDataFolderCancelsWithOneLine() throws Exception {
		final Path empty = Files.createDirectories(dir.resolve("empty"));
		final CommandModule m = context.service(CommandService.class).run(TrainUNetCommand.class, true, inputs(empty,
			dir.resolve("m"), 1)).get();
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().startsWith("data folder " + empty + " holds no "), m.getCancelReason());
		assertFalse(m.getCancelReason().contains("\n"));
		assertFalse(new File(dir.toFile(), "m.params").exists());
	}
}
