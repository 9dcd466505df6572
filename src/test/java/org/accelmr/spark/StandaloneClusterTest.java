package org.accelmr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.accelmr.TestResources;
import org.accelmr.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1: a Master and two Workers started from spark-core's own classes in
 * their own JVMs (one core each). One worker, and with it its executor, is killed while files are being
 * reconstructed; Spark reruns the lost tasks on the other, and every output ends up present, equal to the local
 * engine's and never partial.
 */
class StandaloneClusterTest {

	private static final String[] OPENS = { "java.lang", "java.lang.invoke", "java.util", "java.nio", "sun.nio.ch",
		"sun.nio.cs", "sun.security.action", "sun.util.calendar" };

	@TempDir
	Path dir;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stopCluster() {
		for (final Process p : processes) {
			p.descendants().forEach(ProcessHandle::destroyForcibly);
			p.destroyForcibly();
		}
	}

	private static String classPath() {
		final String surefire = System.getProperty("surefire.test.class.path");
		return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
	}

	private Process start(final String name, final String... arguments) throws IOException {
		final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Xmx512m"));
		for (final String p : OPENS)
			command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
		command.addAll(List.of("-cp", classPath()));
		command.addAll(List.of(arguments));
		final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(
			name + ".log").toFile());
		// Workers build executor commands from SPARK_HOME: an empty jars/ folder there, the classes come from
		// spark.executor.extraClassPath
		builder.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
		builder.environment().put("SPARK_SCALA_VERSION", "2.13");
		builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
		final Process p = builder.start();
		processes.add(p);
		return p;
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	private static void awaitPort(final int port) throws InterruptedException {
		for (int i = 0; i < 600; i++) {
			try (Socket s = new Socket("127.0.0.1", port)) {
				return;
			}
			catch (final IOException e) {
				Thread.sleep(100);
			}
		}
		throw new AssertionError("the Spark master did not open port " + port);
	}

	@Test
	@Timeout(value = 8, unit = TimeUnit.MINUTES)
	void aJobSurvivesAWorkerKilledInTheMiddle() throws Exception {
		Files.createDirectories(dir.resolve("spark-home/jars"));
		final Path in = Files.createDirectory(dir.resolve("in"));
		for (int i = 0; i < 8; i++)
			Files.copy(TestResources.path(i % 2 == 0 ? "/batch/volume_a.h5" : "/batch/volume_b.h5"), in.resolve(
				"volume_" + i + ".h5"));
		final String[] keys = { "input=" + in, "method=wavelet", "iterations=400", "coil_maps=rss", "threads=1" };

		final int port = freePort();
		start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(
			port), "--webui-port", Integer.toString(freePort()));
		awaitPort(port);
		final String master = "spark://127.0.0.1:" + port;
		final Process doomed = start("worker1", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
			"--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()), "--work-dir", dir.resolve(
				"work1").toString(), master);
		start("worker2", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory",
			"1g", "--webui-port", Integer.toString(freePort()), "--work-dir", dir.resolve("work2").toString(), master);

		final Path out = dir.resolve("cluster");
		final AtomicBoolean killed = new AtomicBoolean();
		final Thread killer = new Thread(() -> {
			try {
				while (!killed.get()) {
					if (Files.isDirectory(out)) try (Stream<Path> files = Files.list(out)) {
						if (files.anyMatch(p -> p.getFileName().toString().startsWith("volume_"))) {
							doomed.descendants().forEach(ProcessHandle::destroyForcibly); // its executor
							doomed.destroyForcibly();
							killed.set(true);
						}
					}
					Thread.sleep(20);
				}
			}
			catch (final IOException | InterruptedException e) {
				// the assertions below report a worker that was never killed
			}
		}, "worker-killer");
		killer.setDaemon(true);
		killer.start();

		System.setProperty("spark.executor.extraClassPath", String.join(File.pathSeparator, classPath()));
		System.setProperty("spark.executor.memory", "512m");
		final String[] cluster;
		try {
			cluster = run(concat(keys, "batch", "output=" + out, "engine=spark", "master=" + master));
		}
		finally {
			System.clearProperty("spark.executor.extraClassPath");
			System.clearProperty("spark.executor.memory");
			killed.set(true);
		}
		assertTrue(!doomed.isAlive(), "worker 1 was not killed during the job");
		assertEquals("0", cluster[0], cluster[1] + cluster[2]);
		assertTrue(cluster[1].contains("8 reconstructed, 0 skipped, 0 failed"), cluster[1]);

		final String[] local = run(concat(keys, "batch", "output=" + dir.resolve("local")));
		assertEquals("0", local[0], local[2]);
		for (int i = 0; i < 8; i++)
			assertArrayEquals(Files.readAllBytes(dir.resolve("local").resolve("volume_" + i + ".h5")), Files.readAllBytes(
				out.resolve("volume_" + i + ".h5")), "volume_" + i);
		try (Stream<Path> files = Files.list(out)) {
			assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".part")));
		}
	}

	private static String[] concat(final String[] keys, final String... first) {
		final List<String> all = new ArrayList<>(List.of(first));
		all.addAll(List.of(keys));
		return all.toArray(String[]::new);
	}

	private static String[] run(final String... args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		final int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8));
		return new String[] { Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(
			StandardCharsets.UTF_8) };
	}
}
