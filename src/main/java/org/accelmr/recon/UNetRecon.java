package org.accelmr.recon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.accelmr.AccelMRException;
import org.accelmr.cs.CoilMapSource;
import org.accelmr.cs.CoilMaps;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelLocator;
import org.accelmr.nn.TorchRuntime;
import org.accelmr.nn.UNetInference;
import org.accelmr.nn.UNetModel;
import org.accelmr.progress.CancelledException;
import org.accelmr.progress.Progress;

/**
 * The learned reconstruction ({@code method=unet}): per slice, the zero-filled RSS magnitude (as
 * {@link ZeroFilledRecon}, reference crop included) goes through a trained U-Net, normalised per image and mapped
 * back to its scale (see {@link UNetInference}). Slices run on {@code threads} Java threads with one libtorch
 * intra-op thread each, in small batches (see {@link #PIXELS_PER_BATCH}).
 *
 * <p>Optional data consistency (on the k-space grid; a cropped output is put back into the uncropped zero-filled
 * image first and cropped again after): with
 * coil maps {@code S_c} (ones for single-coil data, else from {@code coil_maps}, ESPIRiT by default) the network
 * magnitude {@code y} takes the phase of the coil-combined zero-filled image {@code x0 = sum_c conj(S_c) x0_c},
 * each coil's k-space keeps the measured samples and takes the network's elsewhere, and the coils are combined by
 * RSS as the targets are: {@code x = RSS_c |F^-1( M k_c + (1 - M) F(S_c y e^{i angle(x0)}) )|}.
 */
public final class UNetRecon implements Reconstructor {

	public static final String NAME = "unet";
	/**
	 * Network input pixels per forward call: two slices of 256x256, one of 320x320. Measured on 8 slices of 256x256
	 * with 2 Java threads (UNetThreadingBenchmark, 2 vCPUs): 1 or 2 slices per call took 0.115 s per slice, 4
	 * slices per call 0.31 s (each thread's activations then outgrow the caches and malloc's reuse), slower than
	 * one thread; that batch of 4 was what made 2 threads lose to 1 before.
	 */
	static final int PIXELS_PER_BATCH = 131_072;

	private final String model;
	private final int threads;
	private final Consistency consistency;
	private final CoilMapSource maps;
	private UNetModel loaded;

	/** When measured samples are re-imposed on the network's output. */
	public enum Consistency {
		OFF, SINGLE_COIL, MULTI_COIL, ALWAYS;

		/** The value users type for the {@code data_consistency} key, e.g. {@code single-coil}. */
		public String key() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		/** @throws AccelMRException naming the key and its valid values when {@code value} is none of them */
		public static Consistency named(final String value) {
			for (final Consistency c : values())
				if (c.key().equals(value)) return c;
			throw new AccelMRException("data_consistency must be one of " + String.join("|", Arrays.stream(
				values()).map(Consistency::key).toList()) + "; got '" + value + "'");
		}

		boolean appliesTo(final int coils) {
			return this == ALWAYS || this == SINGLE_COIL && coils == 1 || this == MULTI_COIL && coils > 1;
		}
	}

	/**
	 * @param model model path, or empty for the shipped model ({@link ModelLocator})
	 * @param threads libtorch and FFT threads
	 * @param consistency when to re-impose measured samples (see the class comment)
	 * @param coilMaps {@code espirit}, {@code rss} or a maps file, for multi-coil consistency
	 */
	public UNetRecon(final String model, final int threads, final Consistency consistency, final String coilMaps) {
		this.model = model;
		this.threads = threads;
		this.consistency = consistency;
		this.maps = CoilMapSource.parse(coilMaps);
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * Loads the network on the first volume and keeps it for the next ones (a batch worker prepares many
	 * volumes), and checks a coil-map file against the volume when consistency will read it.
	 */
	@Override
	public PreparedReconstruction prepare(final VolumeDescription volume, final Progress progress) {
		final boolean consistent = consistency.appliesTo(volume.coils());
		if (consistent) maps.check(volume.slices(), volume.coils(), volume.height(), volume.width());
		final UNetModel net = network(progress);
		// Slices go through the network on `workers` Java threads, each running libtorch on `intraOp` threads of
		// its own (set on that thread: OpenMP keeps the count per thread). Measured (UNetThreadingBenchmark, 8
		// slices of 256x256, 2 vCPUs): 2 Java threads x 1 intra-op thread 0.115 s per slice, 1 x 2 intra-op
		// threads 0.140, 1 x 1 0.158; spinning OpenMP threads lost to 1 thread whenever another process ran.
		final int workers = Math.max(1, Math.min(threads, volume.slices()));
		final int intraOp = Math.max(1, threads / workers);
		final ExecutorService pool = workers > 1 ? sharedWorkers(workers) : null;
		return new PreparedReconstruction() {

			@Override
			public String name() {
				return NAME;
			}

			@Override
			public FloatVolume reconstruct(final KSpace chunk, final int firstSlice, final Progress p) {
				TorchRuntime.engine(intraOp);
				return run(net, chunk, firstSlice, consistent, volume, pool, workers, intraOp, p);
			}

			@Override
			public void close() {
				// the workers are shared and kept (see sharedWorkers)
			}
		};
	}

	/**
	 * Worker threads kept for the life of the process (daemons) and shared by every U-Net volume: a fresh thread
	 * starts with a cold malloc arena, so fresh workers per volume paid page faults for every tensor of their first
	 * forward calls, and 2 threads took 2.34 s for the bench volume where 1 thread took 1.47 s (idle machine).
	 */
	private static synchronized ExecutorService sharedWorkers(final int count) {
		if (workerPool == null || workerCount < count) {
			// a smaller earlier pool is not shut down: a volume still running may submit to it (idle daemons)
			workerPool = Executors.newFixedThreadPool(count, Reconstructions.daemonThreads(NAME));
			workerCount = count;
		}
		return workerPool;
	}

	private static ExecutorService workerPool;
	private static int workerCount;

	@Override
	public synchronized void close() {
		if (loaded != null) loaded.close();
		loaded = null;
	}

	private synchronized UNetModel network(final Progress progress) {
		if (loaded == null) {
			final ModelFiles files = ModelLocator.resolve(model);
			progress.status("Loading U-Net " + files.params().getFileName());
			loaded = UNetModel.load(files, threads);
		}
		return loaded;
	}

	/**
	 * The chunk's zero-filled images in batches through the network; then, where asked, data consistency slice by
	 * slice in parallel.
	 */
	private FloatVolume run(final UNetModel net, final KSpace chunk, final int firstSlice, final boolean consistent,
		final VolumeDescription volume, final ExecutorService pool, final int workers, final int intraOp,
		final Progress progress)
	{
		try {
			final int slices = chunk.data().slices();
			final FloatVolume zeroFilled = ZeroFilledRecon.image(chunk, threads, Progress.NONE);
			final int width = zeroFilled.width(), height = zeroFilled.height();
			final int batch = Math.max(1, Math.min(slices, PIXELS_PER_BATCH / (width * height)));
			final float[][] inputs = new float[slices][];
			for (int s = 0; s < slices; s++)
				inputs[s] = zeroFilled.slice(s);
			progress.status("U-Net on slices " + (firstSlice + 1) + "-" + (firstSlice + slices));
			final float[][] out = new float[slices][];
			final int groups = Math.min(workers, slices), size = (slices + groups - 1) / groups;
			final List<Runnable> network = new ArrayList<>();
			for (int first = 0; first < slices; first += size) {
				final int from = first, to = Math.min(slices, first + size);
				network.add(() -> {
					TorchRuntime.engine(intraOp);
					final float[][] result = UNetInference.apply(net, Arrays.copyOfRange(inputs, from, to), width, height,
						Math.min(batch, to - from), progress);
					System.arraycopy(result, 0, out, from, to - from);
				});
			}
			Reconstructions.runAll(network, pool);
			if (consistent) {
				final List<Runnable> jobs = new ArrayList<>();
				for (int s = 0; s < slices; s++) {
					final int slice = s;
					jobs.add(() -> out[slice] = consistentOrAsIs(out[slice], width, height, chunk.slice(slice),
						firstSlice + slice, volume, progress));
				}
				Reconstructions.runAll(jobs, pool);
			}
			return new FloatVolume(width, height, out);
		}
		catch (final AccelMRException e) {
			throw e;
		}
		catch (final RuntimeException e) {
			throw new AccelMRException("U-Net reconstruction failed: " + e.getMessage(), e);
		}
	}

	/**
	 * The consistent image, or the network's own when the coil maps cannot be estimated for this slice (the
	 * reconstruction goes on and the status line says so; a cancel still stops it).
	 */
	private float[] consistentOrAsIs(final float[] magnitude, final int width, final int height, final KSpace slice,
		final int index, final VolumeDescription volume, final Progress progress)
	{
		try {
			return consistentCropped(magnitude, width, height, slice, index, volume);
		}
		catch (final CancelledException e) {
			throw e;
		}
		catch (final AccelMRException e) {
			progress.status("slice " + (index + 1) + ": data consistency skipped (" + e.getMessage() + ")");
			return magnitude;
		}
	}

	/**
	 * Consistency on the k-space grid when the output was cropped to the reference size: the network's window is
	 * placed into the uncropped zero-filled RSS (outside it, e.g. readout oversampling, the zero-filled values stay),
	 * made consistent, and cropped again with {@link FloatVolume#centerCrop}'s offsets.
	 */
	private float[] consistentCropped(final float[] magnitude, final int width, final int height, final KSpace slice,
		final int index, final VolumeDescription volume)
	{
		final int w = slice.data().width(), h = slice.data().height();
		if (w == width && h == height) return consistent(magnitude, slice, index, volume);
		final float[] full = CoilCombination.rssOfKSpace(slice.data(), threads).slice(0);
		final int x0 = (w - width) / 2, y0 = (h - height) / 2;
		for (int y = 0; y < height; y++)
			System.arraycopy(magnitude, y * width, full, (y + y0) * w + x0, width);
		final float[] consistentFull = consistent(full, slice, index, volume);
		return new FloatVolume(w, h, new float[][] { consistentFull }).centerCrop(width, height).slice(0);
	}

	/** Data consistency for one slice; see the class comment. */
	private float[] consistent(final float[] magnitude, final KSpace slice, final int index,
		final VolumeDescription volume)
	{
		final CoilMaps sensitivities = maps.mapsFor(volume.forCoilMaps(slice, index), index);
		final int w = slice.data().width(), h = slice.data().height(), n = w * h, coils = slice.data().coils();
		final float[] s = sensitivities.maps();
		final double[] combined = new double[2 * n];
		for (int c = 0; c < coils; c++) {
			final float[] x0 = slice.data().plane(0, c).clone();
			CenteredFFT.inverse(x0, w, h);
			for (int i = 0; i < n; i++) {
				final int m = 2 * (c * n + i);
				combined[2 * i] += s[m] * x0[2 * i] + s[m + 1] * x0[2 * i + 1];
				combined[2 * i + 1] += s[m] * x0[2 * i + 1] - s[m + 1] * x0[2 * i];
			}
		}
		final SamplingMask mask = slice.maskOrFull();
		final double[] sumOfSquares = new double[n];
		for (int c = 0; c < coils; c++) {
			final float[] measured = slice.data().plane(0, c);
			final float[] x = new float[2 * n];
			for (int i = 0; i < n; i++) {
				final double phase = Math.atan2(combined[2 * i + 1], combined[2 * i]);
				final double re = magnitude[i] * Math.cos(phase), im = magnitude[i] * Math.sin(phase);
				final int m = 2 * (c * n + i);
				x[2 * i] = (float) (s[m] * re - s[m + 1] * im);
				x[2 * i + 1] = (float) (s[m] * im + s[m + 1] * re);
			}
			CenteredFFT.forward(x, w, h);
			for (int i = 0; i < n; i++)
				if (mask.isSampled(i / w, i % w)) {
					x[2 * i] = measured[2 * i];
					x[2 * i + 1] = measured[2 * i + 1];
				}
			CenteredFFT.inverse(x, w, h);
			for (int i = 0; i < n; i++)
				sumOfSquares[i] += (double) x[2 * i] * x[2 * i] + (double) x[2 * i + 1] * x[2 * i + 1];
		}
		final float[] out = new float[n];
		for (int i = 0; i < n; i++)
			out[i] = (float) Math.sqrt(sumOfSquares[i]);
		return out;
	}
}
