package org.accelmr.recon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.accelmr.AccelMRException;
import org.accelmr.cs.CoilMapSource;
import org.accelmr.cs.CoilMaps;
import org.accelmr.cs.SenseReconstruction;
import org.accelmr.cs.SolverSettings;
import org.accelmr.cs.VolumeLambda;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelLocator;
import org.accelmr.nn.VarNetInference;
import org.accelmr.nn.VarNetModel;
import org.accelmr.nn.VarNetStart;
import org.accelmr.progress.Jobs;
import org.accelmr.progress.Progress;
import org.accelmr.train.ScanAdaptation;

/**
 * The end-to-end variational network ({@code method=varnet}): a trained {@link VarNetModel} reconstructs each
 * slice from its measured samples, its mask and coil maps (see {@link VarNetInference}); the RSS output is
 * centre-cropped to the file's reference size like every other method. Coil maps come from the volume's
 * calibration data when it has some (a raw file's separate calibration scan), as for compressed sensing. The model
 * is loaded by the first {@link #prepare} and kept for later volumes until {@link #close()}; each prepared volume
 * checks the coil count, image size and a coil-map file against the model before any slice is read.
 */
public final class VarNetRecon implements Reconstructor {

	public static final String NAME = "varnet";
	/**
	 * Stem of the shipped model for multi-coil data, found by {@link ModelLocator} when no {@code model=} is given:
	 * the network's initial weights (its compressed-sensing start with every coil's samples put back).
	 */
	public static final String SHIPPED = "varnet-colin27";
	/**
	 * Stem of the shipped model for single-coil data: trained on single-coil simulations, where it learned a gain
	 * over its TV start (models/README.md); on the real 16-coil scan the same weights lost 0.85 dB against
	 * {@link #SHIPPED}, so multi-coil data keeps that one.
	 */
	public static final String SHIPPED_SINGLE_COIL = "varnet-colin27-1coil";

	private final String model;
	private final int threads;
	private final String coilMaps;
	private final int adapt;
	private VarNetModel loaded;
	private ModelFiles loadedFiles;

	/**
	 * @param model model path, or empty for the shipped model
	 * @param threads libtorch intra-op threads
	 * @param coilMaps {@code espirit}, {@code rss} or a maps file; empty for the maps the model was trained with
	 *          (its sidecar's {@code coil_maps})
	 * @param adapt Adam steps adapting the model to each slice before it is reconstructed ({@link ScanAdaptation});
	 *          0 for none
	 */
	public VarNetRecon(final String model, final int threads, final String coilMaps, final int adapt) {
		this.model = model;
		this.threads = threads;
		this.coilMaps = coilMaps == null ? "" : coilMaps.trim();
		this.adapt = adapt;
	}

	/** Without adaptation. */
	public VarNetRecon(final String model, final int threads, final String coilMaps) {
		this(model, threads, coilMaps, 0);
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * @throws AccelMRException naming the file when the model is missing, corrupt or not a VarNet, or the
	 *           volume when it has more coils than the model accepts or is smaller than it allows
	 */
	@Override
	public PreparedReconstruction prepare(final VolumeDescription volume, final Progress progress) {
		final VarNetModel net = network(volume.coils(), progress);
		net.checkFits(volume.coils(), volume.width(), volume.height());
		final String mapsName = coilMaps.isEmpty() ? net.net().architecture().coilMaps() : coilMaps;
		final CoilMapSource maps = CoilMapSource.parse(mapsName);
		if (volume.coils() > 1) maps.check(volume.slices(), volume.coils(), volume.height(), volume.width());
		return new PreparedReconstruction() {

			private final SliceSolves solves = new SliceSolves();
			/** The volume's λ for the compressed-sensing start, once {@link #calibrate} has chosen it. */
			private VolumeLambda startLambda;
			/** The calibration slices' maps, each used once more by its own reconstruction instead of estimated again. */
			private final Map<Integer, CoilMaps> calibratedMaps = new ConcurrentHashMap<>();
			private final CoilMapSource mapsOnce = new CoilMapSource() {

				@Override
				public CoilMaps mapsFor(final KSpace kspace, final int slice) {
					final CoilMaps known = calibratedMaps.remove(slice);
					return known != null ? known : estimate(kspace, slice);
				}

				@Override
				public void check(final int slices, final int coils, final int height, final int width) {
					maps.check(slices, coils, height, width);
				}
			};

			/**
			 * Slice {@code index}'s maps from its own samples, or from the volume's calibration scan when it has
			 * one (as compressed sensing takes them).
			 */
			private CoilMaps estimate(final KSpace slice, final int index) {
				return VarNetInference.mapsFor(maps, volume.forCoilMaps(slice, index), index);
			}

			/** A start from compressed sensing takes one λ for the volume, as {@code method=tv|wavelet} do. */
			@Override
			public int[] calibrationSlices() {
				return net.net().architecture().startsFromImage() ? VolumeLambda.calibrationSlices(volume.slices())
					: new int[0];
			}

			/**
			 * The start's λ, chosen as {@code method=tv|wavelet} choose theirs: the calibration slices' maps and
			 * solves on {@code threads} threads, progress counted over their planned iterations, cancellable.
			 */
			@Override
			public void calibrate(final List<KSpace> slices, final Progress p) {
				final int[] indices = calibrationSlices();
				final int count = indices.length;
				final SenseReconstruction.ScaledSlice[] scaled = new SenseReconstruction.ScaledSlice[count];
				final CoilMaps[] sliceMaps = new CoilMaps[count];
				final int workers = Math.max(1, Math.min(threads, count));
				final ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, Jobs.daemonThreads(
					"varnet-calibration")) : null;
				try {
					final List<Runnable> jobs = new ArrayList<>();
					for (int s = 0; s < count; s++) {
						final int i = s;
						jobs.add(() -> {
							p.checkCancelled();
							final KSpace one = slices.get(i);
							sliceMaps[i] = estimate(one, indices[i]);
							scaled[i] = SenseReconstruction.ScaledSlice.of(one.data(), one.maskOrFull());
						});
					}
					Jobs.runAll(jobs, pool);
					for (int s = 0; s < count; s++)
						calibratedMaps.put(indices[s], sliceMaps[s]);
					final SolverSettings settings = VarNetStart.settings(net.net().architecture(), volume.coils());
					p.status("VarNet: choosing the start's λ on " + count + " slice(s)");
					startLambda = VolumeLambda.choose(List.of(scaled), indices, slices.get(0).maskOrFull(), List.of(
						sliceMaps), settings, null, 1, list -> Jobs.runAll(list, pool), Reconstructions
							.countingMonitors(p, count, SenseReconstruction.plannedIterations(settings)));
				}
				finally {
					if (pool != null) pool.shutdownNow();
				}
			}

			@Override
			public String name() {
				return NAME;
			}

			@Override
			public List<SliceSolve> solves() {
				return solves.list();
			}

			/** Records each slice's start solve, around adaptation when there is one. */
			private VarNetInference.SliceHook hook() {
				final VarNetInference.SliceHook adaptation = adapt > 0 ? new ScanAdaptation(adapt, 0) : null;
				return new VarNetInference.SliceHook() {

					@Override
					public void before(final VarNetModel model, final VarNetInference.SliceInput input, final int index,
						final Progress progress)
					{
						if (!Double.isNaN(input.startLambda())) solves.add(new SliceSolve(index, input.startLambda(), true,
							input.startIterations()));
						if (adaptation != null) adaptation.before(model, input, index, progress);
					}

					@Override
					public void after(final VarNetModel model) {
						if (adaptation != null) adaptation.after(model);
					}
				};
			}

			@Override
			public FloatVolume reconstruct(final KSpace chunk, final int firstSlice, final Progress p) {
				p.status("VarNet (" + net.net().architecture() + ", this scan's coil maps " + mapsName + (net
					.backgroundFloor() > 0 ? ", background floor " + net.backgroundFloor() : "") + (adapt > 0 ? ", adapting " +
						adapt + " steps per slice" : "") + ") on slices " + (firstSlice + 1) + "-" + (firstSlice + chunk
						.data().slices()));
				try {
					// adaptation changes the shared model's weights for one slice at a time
					synchronized (net) {
						return Reconstructions.cropToReference(VarNetInference.reconstruct(net, chunk, mapsOnce, firstSlice,
							threads, hook(), startLambda, p), chunk.info());
					}
				}
				catch (final AccelMRException e) { // including a cancel
					throw e;
				}
				catch (final RuntimeException e) {
					throw new AccelMRException("VarNet reconstruction failed: " + e.getMessage(), e);
				}
			}

			@Override
			public void close() {}
		};
	}

	@Override
	public synchronized void close() {
		if (loaded != null) loaded.close();
		loaded = null;
		loadedFiles = null;
	}

	/** The model for data with {@code coils} coils: {@code model=}, else the shipped one for that coil count. */
	private synchronized VarNetModel network(final int coils, final Progress progress) {
		final ModelFiles files = ModelLocator.resolve(model, shippedFor(coils));
		if (loaded == null || !files.equals(loadedFiles)) {
			if (loaded != null) loaded.close();
			loaded = null;
			progress.status("Loading VarNet " + files.params().getFileName());
			loaded = VarNetModel.load(files, threads);
			loadedFiles = files;
		}
		return loaded;
	}

	/** The shipped model's stem for data with {@code coils} coils. */
	public static String shippedFor(final int coils) {
		return coils == 1 ? SHIPPED_SINGLE_COIL : SHIPPED;
	}
}
