package org.accelmr.recon;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.accelmr.cs.CoilMapSource;
import org.accelmr.cs.CoilMaps;
import org.accelmr.cs.IterationMonitor;
import org.accelmr.cs.Penalty;
import org.accelmr.cs.SenseReconstruction;
import org.accelmr.cs.SolverSettings;
import org.accelmr.cs.VolumeLambda;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;
import org.accelmr.progress.Progress;

/**
 * Regularised SENSE per slice ({@link SenseReconstruction}) for a whole k-space: coil maps per slice from
 * {@code coil_maps} (a maps file is read once and indexed by the slice's place in the volume), slices of a chunk
 * in parallel on {@code threads} threads (spare threads split each slice's coil loop), progress per iteration
 * summed over the chunk's slices, cancel checked every iteration, output cropped to the reference.
 */
class CompressedSensingRecon implements Reconstructor {

	private final String name;
	private final Penalty penalty;
	private final ReconstructionSettings settings;
	private final CoilMapSource maps;

	CompressedSensingRecon(final String name, final Penalty penalty, final ReconstructionSettings settings) {
		this.name = name;
		this.penalty = penalty;
		this.settings = settings;
		this.maps = CoilMapSource.parse(settings.coilMaps());
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public PreparedReconstruction prepare(final VolumeDescription volume, final Progress progress) {
		maps.check(volume.slices(), volume.coils(), volume.height(), volume.width());
		return new Prepared(volume);
	}

	/** Thread pools sized for the volume, made once and shut down on close. */
	private final class Prepared implements PreparedReconstruction {

		private final SolverSettings solver = SolverSettings.DEFAULTS.with(penalty, settings.lambda(), settings
			.iterations()).withTolerance(settings.tolerance());
		private final int sliceThreads;
		private final int coilWorkers;
		private final ExecutorService slicePool;
		private final ExecutorService coilPool;

		private final VolumeDescription volume;
		private final SliceSolves solves = new SliceSolves();
		/** The volume's λ with {@code lambda=auto}, once {@link #calibrate} has chosen it. */
		private VolumeLambda choice;
		/** The calibration slices' scaled data and coil maps, kept for their final solve until it is made. */
		private final Map<Integer, Calibrated> calibrated = new ConcurrentHashMap<>();

		Prepared(final VolumeDescription volume) {
			this.volume = volume;
			final int threads = settings.threads();
			sliceThreads = Math.max(1, Math.min(threads, volume.slices()));
			coilWorkers = Math.max(1, threads / sliceThreads);
			slicePool = sliceThreads > 1 ? Executors.newFixedThreadPool(sliceThreads, Reconstructions.daemonThreads(
				name)) : null;
			coilPool = coilWorkers > 1 ? Executors.newFixedThreadPool(threads, Reconstructions.daemonThreads(name +
				"-coils")) : null;
		}

		@Override
		public String name() {
			return name;
		}

		/**
		 * With {@code lambda=auto}: up to {@value VolumeLambda#CALIBRATION_SLICES} slices spread evenly over the
		 * volume (all of a small one), on which one λ is chosen for the whole volume.
		 */
		@Override
		public int[] calibrationSlices() {
			return solver.isAutoLambda() ? VolumeLambda.calibrationSlices(volume.slices()) : new int[0];
		}

		@Override
		public void calibrate(final List<KSpace> slices, final Progress progress) {
			final int[] indices = calibrationSlices();
			final int count = indices.length;
			final SenseReconstruction.ScaledSlice[] scaled = new SenseReconstruction.ScaledSlice[count];
			final CoilMaps[] estimated = new CoilMaps[count];
			final List<Runnable> jobs = new ArrayList<>();
			for (int s = 0; s < count; s++) {
				final int i = s;
				jobs.add(() -> {
					final KSpace one = slices.get(i);
					estimated[i] = maps.mapsFor(volume.forCoilMaps(one, indices[i]), indices[i]);
					scaled[i] = SenseReconstruction.ScaledSlice.of(one.data(), one.maskOrFull());
				});
			}
			Reconstructions.runAll(jobs, slicePool);
			for (int s = 0; s < count; s++)
				calibrated.put(indices[s], new Calibrated(scaled[s], estimated[s]));
			choice = VolumeLambda.choose(List.of(scaled), indices, slices.get(0).maskOrFull(), List.of(estimated),
				solver, coilPool, coilWorkers, list -> Reconstructions.runAll(list, slicePool), Reconstructions
					.countingMonitors(progress, count, SenseReconstruction.plannedIterations(solver)));
			progress.status(String.format(Locale.ROOT, "%s: λ %.3g for the volume, chosen on %d slice(s)", name, choice
				.lambda(), count));
		}

		@Override
		public FloatVolume reconstruct(final KSpace chunk, final int firstSlice, final Progress progress) {
			if (solver.isAutoLambda() && choice == null) throw new IllegalStateException(
				"lambda=auto: calibrate the volume before reconstructing it");
			final int slices = chunk.data().slices(), w = chunk.data().width(), h = chunk.data().height();
			final SamplingMask mask = chunk.maskOrFull();
			final int planned = SenseReconstruction.plannedIterations(solver);
			final long total = (long) slices * planned;
			final AtomicLong done = new AtomicLong();
			final float[][] out = new float[slices][];
			progress.status(name + ": " + slices + " slice(s), at most " + settings.iterations() + " iterations, λ " +
				(solver.isAutoLambda() ? "automatic" : Double.toString(solver.lambda())));
			final List<Runnable> jobs = new ArrayList<>();
			for (int s = 0; s < slices; s++) {
				final int slice = s;
				jobs.add(() -> {
					final int z = firstSlice + slice;
					final IterationMonitor monitor = new IterationMonitor(Reconstructions.counting(progress, done, total), planned);
					final Calibrated known = calibrated.remove(z);
					final KSpace one = chunk.slice(slice);
					final CoilMaps m = known != null ? known.maps() : maps.mapsFor(volume.forCoilMaps(one, z), z);
					if (!solver.isAutoLambda()) out[slice] = SenseReconstruction.reconstruct(one.data(), mask, m, solver,
						coilPool, coilWorkers, monitor);
					else {
						final SenseReconstruction.ScaledSlice y = known != null ? known.data() : SenseReconstruction
							.ScaledSlice.of(one.data(), mask);
						out[slice] = SenseReconstruction.magnitude(SenseReconstruction.solve(y, mask, m, solver, choice
							.forSlice(z, y, mask, m, solver, coilPool, coilWorkers, monitor), coilPool, coilWorkers,
							monitor));
					}
					solves.add(new SliceSolve(z, monitor.lambda(), solver.isAutoLambda(), monitor.iterations()));
				});
			}
			Reconstructions.runAll(jobs, slicePool);
			return Reconstructions.cropToReference(new FloatVolume(w, h, out), chunk.info());
		}

		@Override
		public List<SliceSolve> solves() {
			return solves.list();
		}

		@Override
		public void close() {
			if (slicePool != null) slicePool.shutdownNow();
			if (coilPool != null) coilPool.shutdownNow();
		}
	}

	/** A calibration slice's scaled data and coil maps. */
	private record Calibrated(SenseReconstruction.ScaledSlice data, CoilMaps maps) {}
}
