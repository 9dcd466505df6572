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
		final Path outputDir = prepareOutput(config);
		final List<Path> inputs = listInputs(config.input());
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
		final BlockingQueue<Reconstructor> methods = new ArrayBlockingQueue<>(workers);
		for (int i = 0; i < workers; i++) // an unknown method fails here, before anything is written
			methods.add(ReconstructionMethods.create(config.settings().withThreads(Math.max(1, config.threads() /
				workers))));
		MetricsCsv.write(csv, List.copyOf(settled.values()));

		final BatchProgress tracker = new BatchProgress(progress, inputs.size(), settled.size(), todo.values()
			.stream().mapToLong(Integer::longValue).sum());
		final Worker worker = new Worker(new FileReconstruction(config), outputDir, csv, settled, methods, tracker,
			log);
		final AtomicInteger threadNumber = new AtomicInteger();
		final ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
			final Thread t = new Thread(r, "accelmr-batch-" + threadNumber.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
		try {
			final List<Future<?>> jobs = new ArrayList<>();
			todo.forEach((input, slices) -> jobs.add(pool.submit(() -> worker.reconstruct(input, slices))));
			for (final Future<?> job : jobs)
				waitFor(job);
		}
		finally {
			pool.shutdownNow();
			methods.forEach(Reconstructor::close); // each worker's loaded model, once per batch
		}
		progress.checkCancelled();
		synchronized (settled) {
			return new BatchReport(List.copyOf(settled.values()), csv);
		}
	}

	/** What every worker thread shares: the reconstructors to borrow, the results table, the status line. */
	private record Worker(FileReconstruction single, Path outputDir, Path csv, Map<String, FileResult> results,
		BlockingQueue<Reconstructor> methods, BatchProgress tracker, Consumer<String> log)
	{

		/** One file to its result row; a cancelled file gets no row. */
		void reconstruct(final Path input, final int slices) {
			final Progress cancel = tracker.cancelOnly();
			if (cancel.isCancelled()) return;
			final String name = input.getFileName().toString();
			final AtomicLong done = new AtomicLong();
			final long start = System.nanoTime();
			final Reconstructor method = methods.remove();
			FileResult result;
			try {
				result = single.run(input, outputDir.resolve(name), method, cancel, n -> {
					done.addAndGet(n);
					tracker.slicesFinished(n);
				});
				log.accept(describe(result));
			}
			catch (final CancelledException e) {
				return;
			}
			catch (final RuntimeException | OutOfMemoryError e) { // a bad file must not stop the batch
				result = failed(name, slices, (System.nanoTime() - start) / 1e9, e, log);
			}
			finally {
				methods.add(method);
				tracker.fileFinished(slices - done.get());
			}
			synchronized (results) {
				results.put(name, result);
				MetricsCsv.write(csv, List.copyOf(results.values()));
			}
		}
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

	private static String describe(final FileResult r) {
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
