package org.accelmr.recon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.accelmr.AccelMRException;
import org.accelmr.cs.CoilMapSource;
import org.accelmr.cs.CoilMaps;
import org.accelmr.cs.IterationMonitor;
import org.accelmr.cs.Penalty;
import org.accelmr.cs.SenseReconstruction;
import org.accelmr.cs.SolverSettings;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;
import org.accelmr.progress.Progress;

/**
 * Regularised SENSE per slice ({@link SenseReconstruction}) for a whole k-space: coil maps per slice from
 * {@code coil_maps}, slices in parallel on {@code threads} threads (spare threads split each slice's coil loop),
 * progress per iteration summed over slices, cancel checked every iteration, output cropped to the reference.
 */
final class CompressedSensingRecon {

	private final Penalty penalty;
	private final ReconstructionSettings settings;

	CompressedSensingRecon(final Penalty penalty, final ReconstructionSettings settings) {
		this.penalty = penalty;
		this.settings = settings;
	}

	FloatVolume reconstruct(final KSpace kspace, final Progress progress) {
		final int slices = kspace.data().slices(), w = kspace.data().width(), h = kspace.data().height();
		final SamplingMask mask = kspace.maskOrFull();
		final SolverSettings solver = SolverSettings.DEFAULTS.with(penalty, settings.lambda(), settings
			.iterations());
		final CoilMapSource maps = CoilMapSource.parse(settings.coilMaps());
		if (kspace.data().coils() > 1) maps.check(kspace);
		final int threads = settings.threads();
		final int sliceThreads = Math.min(threads, slices);
		final int coilWorkers = Math.max(1, threads / sliceThreads);
		final long total = (long) slices * settings.iterations();
		final AtomicLong done = new AtomicLong();
		final float[][] out = new float[slices][];
		final ExecutorService slicePool = Executors.newFixedThreadPool(sliceThreads);
		final ExecutorService coilPool = coilWorkers > 1 ? Executors.newFixedThreadPool(threads) : null;
		progress.status(name() + ": " + slices + " slice(s), " + settings.iterations() + " iterations");
		try {
			final List<Future<?>> jobs = new ArrayList<>();
			for (int s = 0; s < slices; s++) {
				final int slice = s;
				jobs.add(slicePool.submit(() -> {
					final KSpace one = kspace.slice(slice);
					final CoilMaps m = maps.mapsFor(one, slice);
					final IterationMonitor monitor = new IterationMonitor(counting(progress, done, total), settings
						.iterations());
					out[slice] = SenseReconstruction.reconstruct(one.data(), mask, m, solver, coilPool, coilWorkers,
						monitor);
				}));
			}
			for (final Future<?> j : jobs)
				j.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AccelMRException("reconstruction interrupted", e);
		}
		catch (final ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) throw r;
			throw new IllegalStateException(e.getCause());
		}
		finally {
			slicePool.shutdownNow();
			if (coilPool != null) coilPool.shutdownNow();
		}
		return Reconstructions.cropToReference(new FloatVolume(w, h, out), kspace.info());
	}

	private String name() {
		return penalty == Penalty.L1_WAVELET ? WaveletRecon.NAME : TotalVariationRecon.NAME;
	}

	/** A per-slice progress whose iterations add up into one count over all slices. */
	private static Progress counting(final Progress parent, final AtomicLong done, final long total) {
		return new Progress() {

			@Override
			public void status(final String message) {
				parent.status(message);
			}

			@Override
			public void progress(final long iteration, final long planned) {
				parent.progress(done.incrementAndGet(), total);
			}

			@Override
			public boolean isCancelled() {
				return parent.isCancelled();
			}
		};
	}
}
