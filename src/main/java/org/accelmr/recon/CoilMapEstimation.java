package org.accelmr.recon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.accelmr.AccelMRException;
import org.accelmr.cs.CoilMaps;
import org.accelmr.cs.EspiritCalibration;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.KSpace;
import org.accelmr.progress.Progress;

/**
 * Coil sensitivities of a whole k-space, slice by slice with {@link EspiritCalibration} (the maps the
 * {@code coil_maps=espirit} reconstructions compute internally), as one {@code slices x coils x H x W} stack: the
 * layout {@code coil_maps=FILE} reads back. Single-coil data gets a map of ones, as every reconstruction uses.
 */
public final class CoilMapEstimation {

	private CoilMapEstimation() {}

	/**
	 * @param threads slices calibrated at once (each slice's ESPIRiT is sequential)
	 * @throws AccelMRException when a slice's calibration region is unusable (message from the calibration)
	 */
	public static ComplexStack espirit(final KSpace kspace, final EspiritCalibration calibration, final int threads,
		final Progress progress)
	{
		if (threads < 1) throw new AccelMRException("threads must be at least 1, got " + threads);
		final ComplexStack data = kspace.data();
		final int slices = data.slices(), coils = data.coils(), w = data.width(), h = data.height();
		final float[][] planes = new float[slices * coils][];
		final AtomicLong done = new AtomicLong();
		progress.status("ESPIRiT coil maps: " + slices + " slice(s), " + coils + " coil(s)");
		final List<Runnable> jobs = new ArrayList<>();
		for (int s = 0; s < slices; s++) {
			final int slice = s;
			jobs.add(() -> {
				progress.checkCancelled();
				final CoilMaps maps = coils == 1 ? CoilMaps.ones(w, h) : calibration.estimate(data.slice(slice), kspace
					.maskOrFull());
				final int n = 2 * w * h;
				for (int c = 0; c < coils; c++) {
					final float[] plane = new float[n];
					System.arraycopy(maps.maps(), c * n, plane, 0, n);
					planes[slice * coils + c] = plane;
				}
				progress.progress(done.incrementAndGet(), slices);
			});
		}
		final int workers = Math.min(threads, slices);
		final ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, Reconstructions.daemonThreads(
			"espirit")) : null;
		try {
			Reconstructions.runAll(jobs, pool);
		}
		finally {
			if (pool != null) pool.shutdownNow();
		}
		return ComplexStack.wrap(planes, w, h, coils, slices);
	}
}
