package org.accelmr.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.accelmr.AccelMRException;
import org.accelmr.io.FastMriFile;
import org.accelmr.progress.CancelledException;
import org.accelmr.progress.Progress;
import org.accelmr.recon.ReconstructionMethods;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.recon.Reconstructor;

/**
 * Reconstructs every {@code .h5} of a folder into fastMRI submission-layout files of the same names, and keeps
 * {@code metrics.csv} beside them up to date as files finish.
 * <ul>
 * <li>Files run in parallel on {@code min(threads, files)} workers; each worker's reconstructor gets
 * {@code threads / workers} threads for the slices of its file.</li>
 * <li>Resume: a file whose output exists is {@code skipped}; its row (metrics included) is carried over from the
 * earlier {@code metrics.csv} when that has one.</li>
 * <li>A bad file (not HDF5, truncated, wrong layout, NaN) is {@code failed} with its one-line error in the table
 * and the log; the others go on. Outputs and the table are written atomically; inputs are only read.</li>
 * <li>Cancelling stops between chunks of slices and between files: the finished outputs and a table of them
 * remain, then {@link CancelledException} is thrown.</li>
 * </ul>
 */
public final class BatchReconstruction {

	private BatchReconstruction() {}

	public static BatchReport run(final BatchConfig config, final Progress progress) {
		return run(config, progress, line -> {});
	}

	/**
	 * @param log receives one line per settled file ("name: ok, ..." / "name: failed: why"), from worker threads
	 * @throws AccelMRException when a folder is missing, the folders are the same, the input has no .h5 files or
	 *           the method is unknown; never for a bad input file
	 * @throws CancelledException when cancelled, after the table of the finished files is written
	 */
	public static BatchReport run(final BatchConfig config, final Progress progress, final Consumer<String> log) {
		final Plan plan = plan(config, progress, log);
		final int workers = plan.workers();
		final BlockingQueue<Reconstructor> methods = new ArrayBlockingQueue<>(workers);
		for (int i = 0; i < workers; i++) // an unknown method fails here, before anything is written
			methods.add(ReconstructionMethods.create(plan.fileSettings()));
		final Map<String, FileResult> settled = new TreeMap<>(plan.settled());
		final BatchProgress tracker = plan.tracker(progress);
		final AtomicInteger threadNumber = new AtomicInteger();
		final ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
			final Thread t = new Thread(r, "accelmr-batch-" + threadNumber.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
		try {
			final List<Future<?>> jobs = new ArrayList<>();
			plan.todo().forEach((input, slices) -> jobs.add(pool.submit(() -> {
				final Progress cancel = tracker.cancelOnly();
				if (cancel.isCancelled()) return;
				final Reconstructor method = methods.remove();
				final FileResult result;
				try {
					result = reconstructFile(config, input, plan.outputDir(), method, cancel, tracker, log);
				}
				catch (final CancelledException e) {
					return;
				}
				finally {
					methods.add(method);
				}
				synchronized (settled) {
					settled.put(result.file(), result);
					MetricsCsv.write(plan.csv(), List.copyOf(settled.values()));
				}
			})));
			for (final Future<?> job : jobs)
				waitFor(job);
		}
		finally {
			pool.shutdownNow();
			methods.forEach(Reconstructor::close); // each worker's loaded model, once per batch
		}
		progress.checkCancelled();
		synchronized (settled) {
			return new BatchReport(List.copyOf(settled.values()), plan.csv());
		}
	}

	/**
	 * What a batch will do, decided before any reconstruction: the output folder (created), this shard's files,
	 * those already settled (output exists: skipped; unreadable: failed) and those to reconstruct with their slice
	 * counts, and how threads split between files. Writes the table of the settled files.
	 *
	 * @param workers files reconstructed at once, {@code min(threads, files to do)}
	 * @param fileSettings the method settings of one file: {@code threads / workers} threads each, so a file's
	 *          result does not depend on which engine runs it
	 */
	public record Plan(Path outputDir, Path csv, int files, Map<String, FileResult> settled, Map<Path, Integer> todo,
		int workers, ReconstructionSettings fileSettings)
	{

		public Plan {
			settled = Map.copyOf(settled);
			todo = java.util.Collections.unmodifiableMap(new TreeMap<>(todo));
		}

		BatchProgress tracker(final Progress progress) {
			return new BatchProgress(progress, files, settled.size(), todo.values().stream().mapToLong(
				Integer::longValue).sum());
		}
	}

	/** @see Plan */
	public static Plan plan(final BatchConfig config, final Progress progress, final Consumer<String> log) {
		final Path outputDir = prepareOutput(config);
		final List<Path> inputs = config.shard().of(listInputs(config.input()));
		final Path csv = outputDir.resolve(MetricsCsv.NAME);
		final Map<String, FileResult> earlier = MetricsCsv.readIfPresent(csv);
		final Map<String, FileResult> settled = new TreeMap<>();
		final Map<Path, Integer> todo = new TreeMap<>(); // input -> slices
		for (final Path input : inputs) {
			progress.checkCancelled();
			final String name = input.getFileName().toString();
			if (Files.exists(outputDir.resolve(name))) settled.put(name, skipped(name, earlier.get(name), log));
			else try (FastMriFile file = FastMriFile.open(input)) {
				todo.put(input, file.slices());
			}
			catch (final AccelMRException e) {
				settled.put(name, failed(name, 0, 0, e, log));
			}
		}
		final int workers = Math.max(1, Math.min(config.threads(), todo.size()));
		final ReconstructionSettings fileSettings = config.settings().withThreads(Math.max(1, config.threads() /
			workers));
		ReconstructionMethods.create(fileSettings).close(); // an unknown method fails before anything is written
		MetricsCsv.write(csv, List.copyOf(settled.values()));
		return new Plan(outputDir, csv, inputs.size(), settled, todo, workers, fileSettings);
	}

	/**
	 * One file to its result row: ok, or failed with its one-line error (a bad file never throws). The output
	 * is {@code outputDir/<input name>}, written atomically.
	 *
	 * @param method the file's reconstructor (not closed: the caller reuses it for its next files)
	 * @param tracker told about finished slices and the file, or null
	 * @throws CancelledException when cancelled; nothing is written then
	 */
	public static FileResult reconstructFile(final BatchConfig config, final Path input, final Path outputDir,
		final Reconstructor method, final Progress cancel, final Consumer<String> log)
	{
		return reconstructFile(config, input, outputDir, method, cancel, null, log);
	}

	private static FileResult reconstructFile(final BatchConfig config, final Path input, final Path outputDir,
		final Reconstructor method, final Progress cancel, final BatchProgress tracker, final Consumer<String> log)
	{
		final String name = input.getFileName().toString();
		final AtomicLong done = new AtomicLong();
		final long start = System.nanoTime();
		int slices = 0;
		FileResult result;
		try {
			try (FastMriFile file = FastMriFile.open(input)) {
				slices = file.slices();
			}
			result = new FileReconstruction(config).run(input, outputDir.resolve(name), method, cancel, n -> {
				done.addAndGet(n);
				if (tracker != null) tracker.slicesFinished(n);
			});
			log.accept(describe(result));
		}
		catch (final CancelledException e) {
			throw e;
		}
		catch (final RuntimeException | OutOfMemoryError e) { // a bad file must not stop the batch
			result = failed(name, slices, (System.nanoTime() - start) / 1e9, e, log);
		}
		finally {
			if (tracker != null) tracker.fileFinished(slices - done.get());
		}
		return result;
	}

	/** The report of a batch whose files ran elsewhere (a cluster): the plan's settled rows and these results. */
	public static BatchReport finish(final Plan plan, final List<FileResult> results) {
		final Map<String, FileResult> all = new TreeMap<>(plan.settled());
		for (final FileResult r : results)
			all.put(r.file(), r);
		MetricsCsv.write(plan.csv(), List.copyOf(all.values()));
		return new BatchReport(List.copyOf(all.values()), plan.csv());
	}

	// -- Folders --

	private static Path prepareOutput(final BatchConfig config) {
		if (!Files.isDirectory(config.input())) throw new AccelMRException("input: " + config.input() +
			" is not a folder");
		try {
			Files.createDirectories(config.output());
			final Path out = config.output().toRealPath();
			if (out.equals(config.input().toRealPath())) throw new AccelMRException("output: " + config.output() +
				" is the input folder; choose another so inputs are never overwritten");
			return out;
		}
		catch (final IOException e) {
			throw new AccelMRException("output: cannot create folder " + config.output() + " (" + e.getMessage() +
				")", e);
		}
	}

	/** The folder's {@code .h5} files (any case, hidden files excepted), sorted by name. */
	static List<Path> listInputs(final Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			final List<Path> h5 = files.filter(p -> {
				final String n = p.getFileName().toString();
				return !n.startsWith(".") && n.toLowerCase(Locale.ROOT).endsWith(".h5") && Files.isRegularFile(p);
			}).sorted().toList();
			if (h5.isEmpty()) throw new AccelMRException("input: no .h5 files in " + folder);
			return h5;
		}
		catch (final IOException e) {
			throw new AccelMRException("input: cannot list " + folder + " (" + e.getMessage() + ")", e);
		}
	}

	// -- Results --

	private static FileResult skipped(final String name, final FileResult earlier, final Consumer<String> log) {
		final FileResult r = earlier != null && earlier.status() != FileStatus.FAILED ? new FileResult(name,
			FileStatus.SKIPPED, earlier.slices(), earlier.acceleration(), earlier.nmse(), earlier.psnr(), earlier
				.ssim(), earlier.seconds(), "output exists; numbers from the earlier run") : new FileResult(name,
					FileStatus.SKIPPED, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, "output exists");
		log.accept(name + ": skipped, " + r.message());
		return r;
	}

	private static FileResult failed(final String name, final int slices, final double seconds, final Throwable e,
		final Consumer<String> log)
	{
		final String why = e instanceof AccelMRException ? e.getMessage() : e instanceof OutOfMemoryError
			? "out of memory; use fewer threads or a larger -Xmx" : e.getClass().getSimpleName() + ": " + e
				.getMessage();
		log.accept(name + ": failed: " + why);
		return FileResult.failed(name, slices, seconds, why);
	}

	/** The log line of a settled file, as the local engine prints it. */
	public static String describe(final FileResult r) {
		if (r.status() == FileStatus.FAILED) return r.file() + ": failed: " + r.message();
		final String scores = r.hasMetrics() ? String.format(Locale.ROOT, ", NMSE %.4g, PSNR %.2f dB, SSIM %.4f", r
			.nmse(), r.psnr(), r.ssim()) : "";
		return String.format(Locale.ROOT, "%s: ok, %d slice(s), acceleration %.2f%s, %.2f s%s", r.file(), r
			.slices(), r.acceleration(), scores, r.seconds(), r.message().isEmpty() ? "" : " (" + r.message() + ")");
	}

	private static void waitFor(final Future<?> job) {
		try {
			job.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancelledException();
		}
		catch (final ExecutionException e) {
			// every task catches its own failures; anything left is a programming error worth a stack trace
			throw new IllegalStateException(e.getCause());
		}
	}
}
