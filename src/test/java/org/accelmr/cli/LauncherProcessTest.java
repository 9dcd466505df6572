package org.accelmr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.accelmr.train.Checkpoints;
import org.accelmr.train.UNetTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./accelmr} script in its own JVM, on the test class path ({@code ACCELMR_CLASSPATH}, so no
 * Maven build runs inside Maven): its exit codes, its one-line errors, and a macro from macros/ run headless
 * whose output files are checked (ImageJ's own exit status does not tell).
 */
class LauncherProcessTest {

	@TempDir
	Path dir;

	@Test
	void unknownKeyExitsTwoWithOneLineOnStderr() throws Exception {
		final Result r = launch("reconstruct", "input=x.h5", "output=" + dir.resolve("y.h5"), "acceleraton=4");
		assertEquals(2, r.code);
		assertEquals(List.of(
			"accelmr: unknown key 'acceleraton' for reconstruct; valid keys: input, output, method, mask, acceleration, center_fraction, calibration, seed, lambda, iterations, tolerance, coil_maps, model, data_consistency, adapt, threads, repetition, contrast, prewhiten, coils, compression"),
			r.err.lines().toList());
	}

	@Test
	void reconstructMacroRunsHeadlessAndWritesItsOutput() throws Exception {
		KSpaceFiles.write(KSpaceSimulator.simulate(Phantoms.brain(48, 40), new SimulationConfig(2, true, 0, 1)), dir
			.resolve("kspace.npy"));
		// no trailing slash: getArgument() adds it, so the macro's dir + "kspace.npy" still names the file
		final Result r = launch("macro", "macros/reconstruct.ijm", "output=" + dir);
		assertEquals(0, r.code, r.err);
		final FloatVolume recon = VolumeFiles.read(dir.resolve("reconstruction.tif"));
		assertEquals(48, recon.width());
		assertEquals(40, recon.height());
		assertTrue(recon.max() > 0, "a zero-filled brain is not black");
	}

	@Test
	void aFailingCommandInAMacroFailsTheRun() throws Exception {
		final Path macro = Files.writeString(dir.resolve("bad.ijm"), "newImage(\"x\", \"32-bit black\", 16, 16, 1);\n" +
			"run(\"Reconstruct\", \"method=zero-filled\");\n");
		// a fresh machine: no ~/.java yet, so java.util.prefs creates it when ImageJ/SciJava first read a
		// preference, and must not say so on stderr (the one line below is all a failing run prints)
		final Path freshHome = Files.createDirectory(dir.resolve("fresh-home"));
		final Result r = launchWith(Map.of("ACCELMR_JAVA_OPTS", "-Djava.util.prefs.userRoot=" + freshHome), "macro",
			macro.toString());
		assertTrue(Files.isDirectory(freshHome.resolve(".java/.userPrefs")), "the test did exercise a fresh prefs root");
		assertEquals(2, r.code);
		assertEquals(List.of("accelmr: bad.ijm: Reconstruct: input: the image is not k-space; use Open k-space... " +
			"or Simulate k-space first"), r.err.lines().toList());
	}

	@Test
	void trainingStoppedLikeCtrlCLeavesItsCheckpointAndTheSameLineResumes() throws Exception {
		final Path data = TrainSubcommandTest.tinyData(dir), model = dir.resolve("tiny");
		final List<String> line = new ArrayList<>(List.of(Path.of("accelmr").toAbsolutePath().toString(), "train",
			"data=" + data, "output=" + model, "epochs=1000"));
		line.addAll(List.of(TrainSubcommandTest.TINY));
		final Path out = dir.resolve("train.txt");
		final ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(out.toFile());
		pb.environment().put("ACCELMR_CLASSPATH", System.getProperty("java.class.path"));
		pb.environment().put("ACCELMR_XMX", "512m");
		final Process p = pb.start();
		final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (!Files.readString(out).contains("epoch 2/1000 done") && p.isAlive() && System.nanoTime() < deadline)
			Thread.sleep(100);
		final long crashReports = crashReports();
		p.destroy(); // SIGTERM, handled as Ctrl-C is: the run stops after its current step
		assertTrue(p.waitFor(30, TimeUnit.SECONDS));
		final String printed = Files.readString(out);
		assertTrue(printed.contains("epoch 2/1000 done"), printed);
		assertTrue(printed.contains("stopping after the current step") && printed.contains("stopped: the files of " +
			"the last finished epoch remain"), printed);
		assertEquals(StopOnSignal.STOPPED, p.exitValue(), printed);
		assertEquals(crashReports, crashReports(), "the JVM wrote a fatal-error report (hs_err_pid*.log)");
		assertTrue(Files.isRegularFile(Checkpoints.current(model).orElseThrow().params()));

		final List<String> again = new ArrayList<>(List.of("train", "data=" + data, "output=" + model, "epochs=1"));
		again.addAll(List.of(TrainSubcommandTest.TINY));
		final Result resumed = launch(again.toArray(String[]::new));
		assertEquals(0, resumed.code, resumed.out + resumed.err);
		// two or more epochs were saved before the stop, so a 1-epoch run has nothing left to do
		assertTrue(resumed.out.contains("The run is complete: "), resumed.out);
		assertTrue(resumed.out.contains("done (" + UNetTrainer.COMPLETE + ")"), resumed.out);
		assertTrue(Files.isRegularFile(dir.resolve("tiny.params")));
	}

	/** The JVM fatal-error reports in the launched process's working folder (this one's). */
	private static long crashReports() throws IOException {
		try (java.util.stream.Stream<Path> files = Files.list(Path.of(""))) {
			return files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).count();
		}
	}

	private record Result(int code, String out, String err) {}

	private Result launch(final String... args) throws IOException, InterruptedException {
		return launchWith(Map.of(), args);
	}

	private Result launchWith(final Map<String, String> env, final String... args) throws IOException,
		InterruptedException
	{
		final List<String> command = new ArrayList<>(List.of(Path.of("accelmr").toAbsolutePath().toString()));
		command.addAll(List.of(args));
		final ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
			.redirectError(dir.resolve("stderr.txt").toFile());
		pb.environment().put("ACCELMR_CLASSPATH", System.getProperty("java.class.path"));
		pb.environment().put("ACCELMR_XMX", "512m");
		pb.environment().putAll(env);
		final Process p = pb.start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher timed out");
		final Result r = new Result(p.exitValue(), Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
			Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
		Files.delete(dir.resolve("stdout.txt"));
		Files.delete(dir.resolve("stderr.txt"));
		return r;
	}
}
