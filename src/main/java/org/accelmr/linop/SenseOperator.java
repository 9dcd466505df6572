package org.accelmr.linop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

import org.accelmr.mask.SamplingMask;
import org.accelmr.progress.Jobs;

/**
 * The SENSE forward model {@code A = M F S} (Pruessmann et al. 1999): coil sensitivities, then the centred
 * orthonormal FFT of each coil image, then the sampling mask, built by composing the three operators.
 * <p>
 * The normal operator {@code A^H A x = Σ_c conj(s_c) F^H M F (s_c x)} is streamed one coil at a time through a
 * single plane buffer instead of materialising all coil images: less memory (15 coils at 640x368 need no
 * coil-sized temporaries) and better cache use. Two exact shortcuts make it cheaper than {@code A^H} after
 * {@code A}: the centring shifts cancel ({@code F^H M F = F0^H M' F0} with the plain DFT F0 and the mask rolled
 * by half the size, since shifts commute with the circulant {@code F0^H M' F0}); and for a column mask the
 * transforms along y cancel too ({@code F_y^H F_y = I}), leaving 1-D transforms along x, row by row. And it runs on
 * {@link VirtualCoils} instead of the maps: per row for a column mask (about 6 of 16 coils), for the image
 * otherwise, equal to the maps' operator within {@link VirtualCoils#TOLERANCE}. Rows (column masks) or virtual coils
 * are split over {@code workers} threads when an executor is given, each with its own buffers.
 */
public final class SenseOperator implements LinearOperator {

	private final LinearOperator composed;
	private final float[] maps;
	private final boolean[] rolledMask; // the mask in plain (unshifted) DFT order
	private final boolean columnMask;
	private final int width;
	private final int height;
	private final int pixels;
	private final int coils;
	private VirtualCoils virtual; // made by the first applyNormal: operators only applied forward never need them
	private final ExecutorService executor;
	private final CoilWorker[] workers;

	/**
	 * @param maps {@code coils} interleaved planes of {@code height x width} sensitivities; kept, not copied, and
	 *          not to be changed afterwards (their virtual coils are remembered by the array)
	 * @param executor threads for the normal operator, or null to run in the caller's thread
	 * @param workers how many row bands or coil groups to run at once (1 without an executor)
	 */
	public SenseOperator(final SamplingMask mask, final float[] maps, final int coils,
		final ExecutorService executor, final int workers)
	{
		final int w = mask.width(), h = mask.height();
		this.pixels = w * h;
		this.coils = coils;
		this.maps = maps;
		final boolean[] sampled = mask.toArray();
		this.width = w;
		this.height = h;
		this.columnMask = mask.isColumnMask();
		this.rolledMask = new boolean[w * h];
		for (int ky = 0; ky < h; ky++)
			for (int kx = 0; kx < w; kx++)
				rolledMask[ky * w + kx] = sampled[((ky + h / 2) % h) * w + (kx + w / 2) % w];
		this.composed = new SamplingOperator(mask, coils).compose(new FourierOperator(w, h, coils)).compose(
			new CoilSensitivityOperator(maps, pixels, coils));
		this.executor = executor;
		final int n = executor == null ? 1 : Math.max(1, Math.min(workers, columnMask ? h : coils));
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
		LinearOperator.checkLength(out, pixels, "SenseOperator output");
		if (virtual == null) virtual = VirtualCoils.of(maps, coils, pixels, columnMask ? width : pixels);
		if (columnMask) {
			// rows are independent: each worker writes its own rows of out, split so that each gets as many
			// virtual coils (row transforms) as the others
			final int[] bounds = new int[workers.length + 1];
			bounds[workers.length] = height;
			for (int i = 1, y = 0, seen = 0; i < workers.length; i++) {
				final long share = (long) i * virtual.total() / workers.length;
				while (y < height && seen + virtual.count(y) <= share)
					seen += virtual.count(y++);
				bounds[i] = y;
			}
			runAll(i -> workers[i].rows(x, out, bounds[i], bounds[i + 1]));
			return;
		}
		final int count = virtual.count(0);
		runAll(i -> workers[i].coils(x, i * count / workers.length, (i + 1) * count / workers.length));
		System.arraycopy(workers[0].sum, 0, out, 0, out.length);
		for (int i = 1; i < workers.length; i++) {
			final float[] s = workers[i].sum;
			for (int k = 0; k < out.length; k++)
				out[k] += s[k];
		}
	}

	/** Runs {@code job(i)} for every worker i, on the executor when there is more than one. */
	private void runAll(final java.util.function.IntConsumer job) {
		if (workers.length == 1) {
			job.accept(0);
			return;
		}
		final List<Runnable> jobs = new ArrayList<>(workers.length);
		for (int i = 0; i < workers.length; i++) {
			final int index = i;
			jobs.add(() -> job.accept(index));
		}
		Jobs.runAll(jobs, executor);
	}

	/**
	 * One coil whose map is 1 everywhere (single-coil data): {@code A^H A = F0^H M' F0}, so the diagonal is the
	 * mask in plain DFT order.
	 */
	@Override
	public float[] normalFourierDiagonal() {
		if (coils != 1) return null;
		for (int i = 0; i < 2 * pixels; i += 2)
			if (maps[i] != 1 || maps[i + 1] != 0) return null;
		final float[] d = new float[pixels];
		for (int j = 0; j < pixels; j++)
			d[j] = rolledMask[j] ? 1 : 0;
		return d;
	}

	private float[] circulantDiagonal;

	/**
	 * {@code c(k) = (1/n²) Σ_j M'(j) P(j - k)}, P the summed power spectra of the maps (unnormalised DFT): each
	 * frequency's share of the sampled energy once the coils have spread it. Computed once, by three 2-D DFTs and
	 * one per coil. Equals {@link #normalFourierDiagonal} for one coil with a map of ones.
	 */
	@Override
	public float[] circulantNormalDiagonal() {
		if (circulantDiagonal != null) return circulantDiagonal;
		final org.jtransforms.fft.FloatFFT_2D fft = new org.jtransforms.fft.FloatFFT_2D(height, width);
		final double[] power = new double[pixels];
		final float[] plane = new float[2 * pixels];
		for (int c = 0; c < coils; c++) {
			System.arraycopy(maps, 2 * c * pixels, plane, 0, 2 * pixels);
			fft.complexForward(plane);
			for (int k = 0; k < pixels; k++)
				power[k] += (double) plane[2 * k] * plane[2 * k] + (double) plane[2 * k + 1] * plane[2 * k + 1];
		}
		// with Q(m) = P(-m), c = (M' * Q) / n², a circular convolution done by the DFT
		final float[] mq = new float[2 * pixels], qq = new float[2 * pixels];
		for (int ky = 0; ky < height; ky++)
			for (int kx = 0; kx < width; kx++) {
				final int k = ky * width + kx, minus = ((height - ky) % height) * width + (width - kx) % width;
				mq[2 * k] = rolledMask[k] ? 1 : 0;
				qq[2 * k] = (float) power[minus];
			}
		fft.complexForward(mq);
		fft.complexForward(qq);
		for (int k = 0; k < pixels; k++) {
			final float ar = mq[2 * k], ai = mq[2 * k + 1], br = qq[2 * k], bi = qq[2 * k + 1];
			mq[2 * k] = ar * br - ai * bi;
			mq[2 * k + 1] = ar * bi + ai * br;
		}
		fft.complexInverse(mq, true);
		final float[] d = new float[pixels];
		final double scale = 1.0 / ((double) pixels * pixels);
		for (int k = 0; k < pixels; k++)
			d[k] = (float) Math.max(0, mq[2 * k] * scale);
		circulantDiagonal = d;
		return d;
	}

	/** One thread's buffers: a coil plane (or row) and the partial sum over its virtual coils. */
	private final class CoilWorker {

		final org.jtransforms.fft.FloatFFT_2D fft2;
		final org.jtransforms.fft.FloatFFT_1D fftRows;
		final float[] plane;
		final float[] sum;

		CoilWorker(final int w, final int h) {
			fft2 = columnMask ? null : new org.jtransforms.fft.FloatFFT_2D(h, w);
			fftRows = columnMask ? new org.jtransforms.fft.FloatFFT_1D(w) : null;
			plane = new float[columnMask ? 2 * w : 2 * w * h];
			sum = columnMask ? null : new float[2 * w * h];
		}

		/** Rows {@code from .. to - 1} of {@code out = A^H A x}, each with its own virtual coils (column masks). */
		void rows(final float[] x, final float[] out, final int from, final int to) {
			final float[] t = virtual.maps();
			final int n2 = 2 * width;
			for (int y = from; y < to; y++) {
				final int row = y * n2;
				java.util.Arrays.fill(out, row, row + n2, 0);
				for (int k = 0; k < virtual.count(y); k++) {
					final int off = virtual.offset(y, k);
					multiply(t, off, x, row, plane, n2);
					fftRows.complexForward(plane);
					keepSampled(plane, width);
					fftRows.complexInverse(plane, false);
					addConjugateProduct(t, off, 1f / width, plane, out, row, n2);
				}
			}
		}

		/** The partial sum over virtual coils {@code from .. to - 1} of the whole image (2-D masks). */
		void coils(final float[] x, final int from, final int to) {
			java.util.Arrays.fill(sum, 0);
			final float[] t = virtual.maps();
			final int n2 = 2 * pixels;
			for (int k = from; k < to; k++) {
				final int off = virtual.offset(0, k);
				multiply(t, off, x, 0, plane, n2);
				fft2.complexForward(plane);
				keepSampled(plane, pixels);
				fft2.complexInverse(plane, false);
				addConjugateProduct(t, off, 1f / pixels, plane, sum, 0, n2);
			}
		}
	}

	/** Zeroes the first {@code n} samples of {@code plane} (plain DFT order) that the mask did not acquire. */
	private void keepSampled(final float[] plane, final int n) {
		for (int j = 0; j < n; j++)
			if (!rolledMask[j]) {
				plane[2 * j] = 0;
				plane[2 * j + 1] = 0;
			}
	}

	/** {@code plane = t x} over {@code n2} floats, t from {@code off}, x from {@code from}. */
	private static void multiply(final float[] t, final int off, final float[] x, final int from,
		final float[] plane, final int n2)
	{
		for (int i = 0; i < n2; i += 2) {
			final float sr = t[off + i], si = t[off + i + 1], xr = x[from + i], xi = x[from + i + 1];
			plane[i] = sr * xr - si * xi;
			plane[i + 1] = sr * xi + si * xr;
		}
	}

	/** {@code out += scale conj(t) plane} over {@code n2} floats, t from {@code off}, out from {@code to}. */
	private static void addConjugateProduct(final float[] t, final int off, final float scale, final float[] plane,
		final float[] out, final int to, final int n2)
	{
		for (int i = 0; i < n2; i += 2) {
			final float sr = t[off + i] * scale, si = t[off + i + 1] * scale, yr = plane[i], yi = plane[i + 1];
			out[to + i] += sr * yr + si * yi;
			out[to + i + 1] += sr * yi - si * yr;
		}
	}
}
