package org.accelmr.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.batch.BatchConfig;
import org.accelmr.batch.BatchReconstruction;
import org.accelmr.batch.BatchReport;
import org.accelmr.batch.FileStatus;
import org.accelmr.batch.Shard;
import org.accelmr.spark.SparkBatch;
import org.accelmr.mask.Masks;

/**
 * {@code accelmr batch input=DIR output=DIR method=M [mask keys] [method keys]}: every .h5 of a folder into
 * fastMRI submission files and a metrics.csv (see docs/batch.md); a bad file is reported, not fatal, and a
 * rerun resumes. Exits 1 when some file failed, so scripts notice.
 */
public final class BatchSubcommand implements Subcommand {

	/** Exit code when the batch finished but some files failed. */
	public static final int SOME_FAILED = 1;

	static final Spec SPEC = new Spec("batch", "Batch reconstruct folder",
		"reconstruct every .h5 of a folder (parallel, resumable) with a metrics.csv", "", List.of(Key.INPUT,
			Key.OUTPUT, Key.METHOD, Key.MASK, Key.ACCELERATION, Key.CENTER_FRACTION, Key.CALIBRATION, Key.SEED,
			Key.LAMBDA, Key.ITERATIONS, Key.TOLERANCE, Key.COIL_MAPS, Key.MODEL, Key.DATA_CONSISTENCY, Key.ADAPT, Key.THREADS, Key.ENGINE,
			Key.MASTER, Key.SHARD, Key.REPETITION, Key.CONTRAST, Key.PREWHITEN, Key.COILS, Key.COMPRESSION), List.of(
				Key.INPUT, Key.OUTPUT), Map.of(Key.MASK, MaskChoice.NONE, Key.COILS, "0"),
		"./accelmr batch input=knee_val/ output=recon/ method=zero-filled mask=random acceleration=4");

	@Override
	public Spec spec() {
		return SPEC;
	}

	@Override
	public int run(final Arguments arguments, final PrintStream out) {
		final BatchConfig config = config(arguments);
		if (!config.shard().isAll()) out.println("shard " + config.shard() + " of the files in " + config.input() +
			" (name order, round-robin)");
		final BatchReport report = switch (arguments.text(Key.ENGINE)) {
			case "local" -> BatchReconstruction.run(config, new ConsoleProgress(out), out::println);
			case "spark" -> spark(arguments, config, out);
			default -> throw new AccelMRException("engine must be local or spark, got '" + arguments.text(Key.ENGINE) +
				"'");
		};
		out.println(report.summary() + "; table: " + report.metricsCsv());
		return report.count(FileStatus.FAILED) > 0 ? SOME_FAILED : Main.OK;
	}

	/**
	 * The batch on Spark; executors rebuild the configuration from the same words, so every key means there
	 * what it means here. Spark's classes are only touched on this path: the launcher adds them for engine=spark.
	 */
	private static BatchReport spark(final Arguments arguments, final BatchConfig config, final PrintStream out) {
		try {
			Class.forName("org.apache.spark.SparkConf", false, BatchSubcommand.class.getClassLoader());
		}
		catch (final ClassNotFoundException e) {
			throw new AccelMRException("engine=spark needs Apache Spark on the class path: use ./accelmr (it adds " +
				"Spark for engine=spark) or spark-submit with the AccelMR jar; see docs/cluster.md");
		}
		return SparkBatch.run(config, new ConfigOnExecutor(arguments.words()), arguments.text(Key.MASTER),
			new ConsoleProgress(out), out::println);
	}

	/** The batch's words, parsed again where a Spark task runs, so every key means there what it means here. */
	private record ConfigOnExecutor(List<String> words) implements SparkBatch.ConfigFactory {

		@Override
		public BatchConfig create() {
			return config(Arguments.parse(SPEC, words));
		}
	}

	static BatchConfig config(final Arguments arguments) {
		final BatchConfig plain = BatchConfig.of(arguments.path(Key.INPUT), arguments.path(Key.OUTPUT),
			ReconstructSubcommand.settings(arguments)).withShard(Shard.parse(arguments.text(Key.SHARD), System
				.getenv())).withScan(ReconstructSubcommand.scanOptions(arguments));
		final String mask = arguments.text(Key.MASK);
		if (mask.equals(MaskChoice.NONE)) return plain;
		if (!Masks.NAMES.contains(mask)) throw new AccelMRException("mask must be one of " + String.join(", ",
			Masks.NAMES) + " or none for batch (each volume gets its own seeded mask); got '" + mask + "'");
		return plain.withMask(Masks.create(mask, arguments.real(Key.ACCELERATION), arguments.real(
			Key.CENTER_FRACTION), arguments.integer(Key.CALIBRATION)), arguments.integer(Key.SEED));
	}

}
