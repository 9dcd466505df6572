package org.accelmr.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.accelmr.AccelMRException;
import org.accelmr.batch.BatchConfig;
import org.accelmr.batch.BatchReconstruction;
import org.accelmr.batch.BatchReport;
import org.accelmr.batch.FileResult;
import org.accelmr.progress.Progress;
import org.accelmr.recon.ReconstructionMethods;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.recon.Reconstructor;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * A batch on Apache Spark, with the local batch's semantics: the driver plans (lists this shard's files, skips
 * finished outputs, fails unreadable files, writes {@code metrics.csv}), one Spark task per file runs
 * {@link BatchReconstruction#reconstructFile} on an executor with the thread count the local engine would give
 * that file (so outputs are byte-identical to {@code engine=local}), and the driver merges the rows into
 * {@code metrics.csv} and prints files done and the ETA as tasks end. Outputs are written atomically; a task lost
 * with its executor is retried by Spark, and temporaries a lost executor left behind are removed at the end.
 * Each executor JVM keeps its reconstructors (a loaded network, a read coil-map file) for all its tasks.
 */
public final class SparkBatch {

	/**
	 * Rebuilds the batch's configuration on an executor (the launcher re-parses its {@code key=value} words).
	 * Implement it as a named class: executors cannot deserialise lambdas (see {@link FileTask}).
	 */
	@FunctionalInterface
	public interface ConfigFactory extends Serializable {

		BatchConfig create();
	}

	private SparkBatch() {}

	/**
	 * @param config the configuration on the driver
	 * @param onExecutor the same configuration, built where the task runs
	 * @param master the Spark master unless {@code spark.master} is already set (spark-submit)
	 * @param log one line per settled file, on the driver
	 * @throws AccelMRException as the local batch does (folders, method), or when Spark cannot start
	 */
	public static BatchReport run(final BatchConfig config, final ConfigFactory onExecutor, final String master,
		final Progress progress, final Consumer<String> log)
	{
		final BatchReconstruction.Plan plan = BatchReconstruction.plan(config, progress, log);
		if (plan.todo().isEmpty()) return BatchReconstruction.finish(plan, List.of());
		final List<String> files = plan.todo().keySet().stream().map(p -> p.toAbsolutePath().toString()).toList();
		final String outputDir = plan.outputDir().toString();
		final int threads = plan.fileSettings().threads();
		final SparkConf conf = configuration(master);
		final List<FileResult> results;
		try (JavaSparkContext spark = new JavaSparkContext(conf)) {
			spark.setLogLevel("WARN");
			spark.sc().addSparkListener(new DriverProgress(progress, files.size(), plan.settled().size(), plan
				.files()));
			results = spark.parallelize(files, files.size()).map(new FileTask(onExecutor, outputDir, threads))
				.collect();
		}
		catch (final AccelMRException e) {
			throw e;
		}
		catch (final RuntimeException e) {
			throw new AccelMRException("engine=spark failed: " + e.getMessage(), e);
		}
		results.forEach(r -> log.accept(BatchReconstruction.describe(r)));
		removeLostTemporaries(plan.outputDir(), plan.todo().keySet().stream().map(p -> p.getFileName().toString())
			.toList());
		return BatchReconstruction.finish(plan, results);
	}

	/**
	 * The application's settings: the master unless spark-submit gave one; in local mode the driver binds to the
	 * loopback address (no network needed, nothing exposed); no web UI (its port would collide between parallel
	 * jobs on one machine); four tries per task, as on a cluster.
	 */
	static SparkConf configuration(final String master) {
		final SparkConf conf = new SparkConf().setAppName("AccelMR batch").setIfMissing("spark.master", master);
		if (conf.get("spark.master").startsWith("local")) {
			conf.setIfMissing("spark.driver.host", "127.0.0.1");
			conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
		}
		conf.setIfMissing("spark.ui.enabled", "false");
		conf.setIfMissing("spark.task.maxFailures", "4");
		return conf;
	}

	/** Deletes {@code .NAME.*.part} temporaries of this run's files (left when an executor died mid-write). */
	private static void removeLostTemporaries(final Path folder, final List<String> names) {
		try (Stream<Path> entries = Files.list(folder)) {
			for (final Path p : entries.toList()) {
				final String n = p.getFileName().toString();
				if (n.startsWith(".") && n.endsWith(".part") && names.stream().anyMatch(name -> n.startsWith("." + name +
					"."))) Files.deleteIfExists(p);
			}
		}
		catch (final IOException e) {
			// a leftover hidden temporary is harmless; the results are complete
		}
	}

	/**
	 * The task of one file. A named class, not a lambda: a cluster's executors deserialise it with their own class
	 * loader, which cannot resolve a lambda's synthetic deserialiser.
	 */
	private static final class FileTask implements Function<String, FileResult> {

		private static final long serialVersionUID = 1L;
		private final ConfigFactory factory;
		private final String outputDir;
		private final int threads;

		FileTask(final ConfigFactory factory, final String outputDir, final int threads) {
			this.factory = factory;
			this.outputDir = outputDir;
			this.threads = threads;
		}

		@Override
		public FileResult call(final String file) {
			return Executor.reconstruct(factory, file, outputDir, threads);
		}
	}

	/** What runs inside an executor JVM: its reconstructors, kept between tasks. */
	static final class Executor {

		private static final Map<ReconstructionSettings, BlockingQueue<Reconstructor>> METHODS =
			new ConcurrentHashMap<>();

		private Executor() {}

		static FileResult reconstruct(final ConfigFactory factory, final String file, final String outputDir,
			final int threads)
		{
			final BatchConfig config = factory.create();
			final ReconstructionSettings settings = config.settings().withThreads(threads);
			final BlockingQueue<Reconstructor> idle = METHODS.computeIfAbsent(settings, s -> new ArrayBlockingQueue<>(
				256));
			Reconstructor method = idle.poll();
			if (method == null) method = ReconstructionMethods.create(settings);
			try {
				return BatchReconstruction.reconstructFile(config, Path.of(file), Path.of(outputDir), method,
					Progress.NONE, line -> {});
			}
			finally {
				if (!idle.offer(method)) method.close();
			}
		}
	}

	/** Files done and the ETA on the driver, from task ends. */
	private static final class DriverProgress extends SparkListener {

		private final Progress progress;
		private final int tasks, settled, files;
		private final AtomicInteger done = new AtomicInteger();
		private final long start = System.nanoTime();

		DriverProgress(final Progress progress, final int tasks, final int settled, final int files) {
			this.progress = progress;
			this.tasks = tasks;
			this.settled = settled;
			this.files = files;
		}

		@Override
		public void onTaskEnd(final SparkListenerTaskEnd end) {
			if (!end.taskInfo().successful()) return;
			final int n = done.incrementAndGet();
			final double elapsed = (System.nanoTime() - start) / 1e9;
			final double left = elapsed / n * (tasks - n);
			progress.status(String.format(Locale.ROOT, "%d/%d files%s", settled + n, files, n < tasks ? String.format(
				Locale.ROOT, ", ETA %.0fs", left) : ""));
			progress.progress(settled + n, files);
		}
	}

}
