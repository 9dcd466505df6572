package org.accelmr.linop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.accelmr.mask.SamplingMask;

/**
 * The SENSE forward model {@code A = M F S} (Pruessmann et al. 1999): coil sensitivities, then the centred
 * orthonormal FFT of each coil image, then the sampling mask, built by composing the three operators.
 * <p>
 * The normal operator {@code A^H A x = Σ_c conj(s_c) F^H M F (s_c x)} is streamed one coil at a time through a
 * single plane buffer instead of materialising all coil images: less memory (15 coils at 640x368 need no
 * coil-sized temporaries) and better cache use. Coils are split over {@code workers} threads when an executor
 * is given, each with its own buffers and partial sum.
 */
public final class SenseOperator implements LinearOperator {

	private final LinearOperator composed;
	private final float[] maps;
	private final boolean[] sampled;
	private final int pixels;
	private final int coils;
	private final ExecutorService executor;
	private final CoilWorker[] workers;

	/**
	 * @param maps {@code coils} interleaved planes of {@code height x width} sensitivities
	 * @param executor threads for the normal operator, or null to run in the caller's thread
	 * @param workers how many coil groups to run at once (1 without an executor)
	 */
	public SenseOperator(final SamplingMask mask, final float[] maps, final int coils,
		final ExecutorService executor, final int workers)
	{
		final int w = mask.width(), h = mask.height();
		this.pixels = w * h;
		this.coils = coils;
		this.maps = maps;
		this.sampled = mask.toArray();
		this.composed = new SamplingOperator(mask, coils).compose(new FourierOperator(w, h, coils)).compose(
			new CoilSensitivityOperator(maps, pixels, coils));
		this.executor = executor;
		final int n = executor == null ? 1 : Math.max(1, Math.min(workers, coils));
		this.workers = new CoilWorker[n];
		for (int i = 0; i < n; i++)
			this.workers[i] = new CoilWorker(w, h);
	}

	@Override
	public int domainSize() {
		return pixels;
	}

	@Override
	public int codomainSize() {
		return pixels * coils;
	}

	@Override
	public void apply(final float[] x, final float[] y) {
		composed.apply(x, y);
	}

	@Override
	public void applyAdjoint(final float[] y, final float[] x) {
		composed.applyAdjoint(y, x);
	}

	@Override
	public void applyNormal(final float[] x, final float[] out) {
		LinearOperator.checkLength(x, pixels, "SenseOperator input");
		if (workers.length == 1) {
			workers[0].run(x, 0, coils);
			System.arraycopy(workers[0].sum, 0, out, 0, out.length);
			return;
		}
		final List<Future<?>> jobs = new ArrayList<>(workers.length);
		for (int i = 0; i < workers.length; i++) {
			final CoilWorker worker = workers[i];
			final int from = i * coils / workers.length, to = (i + 1) * coils / workers.length;
			jobs.add(executor.submit(() -> worker.run(x, from, to)));
		}
		try {
			for (final Future<?> j : jobs)
				j.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("SENSE normal operator interrupted", e);
		}
		catch (final ExecutionException e) {
			throw new IllegalStateException("SENSE normal operator failed", e.getCause());
		}
		System.arraycopy(workers[0].sum, 0, out, 0, out.length);
		for (int i = 1; i < workers.length; i++) {
			final float[] s = workers[i].sum;
			for (int k = 0; k < out.length; k++)
				out[k] += s[k];
		}
	}

	/** One thread's buffers: a coil plane and the partial sum over its coils. */
	private final class CoilWorker {

		final FourierOperator fft;
		final float[] plane;
		final float[] sum;

		CoilWorker(final int w, final int h) {
			fft = new FourierOperator(w, h, 1);
			plane = new float[2 * w * h];
			sum = new float[2 * w * h];
		}

		void run(final float[] x, final int from, final int to) {
			java.util.Arrays.fill(sum, 0);
			final int n2 = 2 * pixels;
			for (int c = from; c < to; c++) {
				final int off = c * n2;
				for (int i = 0; i < n2; i += 2) {
					final float sr = maps[off + i], si = maps[off + i + 1], xr = x[i], xi = x[i + 1];
					plane[i] = sr * xr - si * xi;
					plane[i + 1] = sr * xi + si * xr;
				}
				fft.transformPlane(plane, plane, 0, true);
				for (int j = 0; j < pixels; j++)
					if (!sampled[j]) {
						plane[2 * j] = 0;
						plane[2 * j + 1] = 0;
					}
				fft.transformPlane(plane, plane, 0, false);
				for (int i = 0; i < n2; i += 2) {
					final float sr = maps[off + i], si = maps[off + i + 1], yr = plane[i], yi = plane[i + 1];
					sum[i] += sr * yr + si * yi;
					sum[i + 1] += sr * yi - si * yr;
				}
			}
		}
	}
}
