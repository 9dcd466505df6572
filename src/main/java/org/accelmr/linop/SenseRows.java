package org.accelmr.linop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

import org.accelmr.kspace.CenteredFFT;
import org.accelmr.progress.Jobs;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * The SENSE model of a column mask, split where its data term is simple. {@code B x} holds, for every image row
 * and each of that row's {@link VirtualCoils} {@code t_k}, the orthonormal plain DFT along x of {@code t_k x}, at
 * every frequency whether acquired or not. Then, with P keeping the acquired columns and {@code y_B}
 * ({@link #data}) the measured k-space in the same basis (centred inverse transform along y, plain DFT along x,
 * each row's coil weights), {@code ‖A x - y‖² = ‖P (B x - y_B)‖² + c} with c independent of x (to the virtual
 * coils' tolerance); and {@code B^H B = diag(Σ_k |t_k|²)} is diagonal in the image, since the transform along x
 * is unitary. A solver that splits {@code v = B x} therefore solves each of its sub-steps exactly, pixel by pixel
 * and sample by sample, where {@code A^H A} could only be applied (the ADMM of Ramani and Fessler, IEEE TMI 30:694,
 * 2011, for Cartesian SENSE).
 * <p>
 * Element {@code (row, k, kx)} of B's output sits at complex index {@code (first(row) + k) width + kx}. The plain
 * DFT equals the centred one up to a sign per frequency and a roll by half the width, which the data absorb; so
 * even widths only ({@link SenseOperator#rows()} returns null for odd ones). Rows are split over the executor's
 * workers as {@link SenseOperator} splits its normal operator.
 */
public final class SenseRows implements LinearOperator {

	private final VirtualCoils virtual;
	private final int width;
	private final int height;
	private final int coils;
	private final boolean[] plainColumns; // acquired columns in plain DFT order
	private final boolean[] columns; // acquired columns in centred order
	private final ExecutorService executor;
	private final int[] bounds; // worker i runs rows bounds[i] .. bounds[i + 1] - 1
	private final FloatFFT_1D[] transforms;
	private final float[][] buffers;

	SenseRows(final VirtualCoils virtual, final int width, final int height, final int coils,
		final boolean[] columns, final ExecutorService executor, final int workers)
	{
		if (width % 2 != 0) throw new IllegalArgumentException("SenseRows needs an even width, got " + width);
		this.virtual = virtual;
		this.width = width;
		this.height = height;
		this.coils = coils;
		this.columns = columns.clone();
		this.plainColumns = new boolean[width];
		for (int kx = 0; kx < width; kx++)
			plainColumns[kx] = columns[(kx + width / 2) % width];
		this.executor = executor;
		final int n = executor == null ? 1 : Math.max(1, Math.min(workers, height));
		this.bounds = new int[n + 1];
		bounds[n] = height;
		for (int i = 1, y = 0, seen = 0; i < n; i++) { // as many virtual coils (row transforms) per worker
			final long share = (long) i * virtual.total() / n;
			while (y < height && seen + virtual.count(y) <= share)
				seen += virtual.count(y++);
			bounds[i] = y;
		}
		this.transforms = new FloatFFT_1D[n];
		this.buffers = new float[n][2 * width];
		for (int i = 0; i < n; i++)
			transforms[i] = new FloatFFT_1D(width);
	}

	@Override
	public int domainSize() {
		return width * height;
	}

	@Override
	public int codomainSize() {
		return virtual.total() * width;
	}

	/** Whether each complex element of B's output is an acquired sample (P); shared, not to be modified. */
	public boolean[] sampled() {
		if (sampled != null) return sampled;
		final boolean[] out = new boolean[codomainSize()];
		for (int i = 0; i < out.length; i++)
			out[i] = plainColumns[i % width];
		sampled = out;
		return out;
	}

	private boolean[] sampled; // kept: shared by every solve on this operator, never modified
	private float[] gram;

	/** {@code Σ_k |t_k|²} per pixel: {@code B^H B} as a diagonal; shared, not to be modified. */
	public float[] gram() {
		if (gram != null) return gram;
		final float[] t = virtual.maps();
		final float[] out = new float[width * height];
		for (int y = 0; y < height; y++)
			for (int k = 0; k < virtual.count(y); k++) {
				final int off = virtual.offset(y, k);
				for (int x = 0; x < width; x++) {
					final float re = t[off + 2 * x], im = t[off + 2 * x + 1];
					out[y * width + x] += re * re + im * im;
				}
			}
		gram = out;
		return out;
	}

	/**
	 * {@code y_B}: the measured k-space {@code y} (all coils, centred, {@code coils x height x width}) in B's output
	 * basis, zero where not acquired. Samples outside the mask's columns in {@code y} are ignored. The result is
	 * kept for the next call with the same array, so {@code y} must not change in between, and it must not be
	 * modified.
	 */
	public float[] data(final float[] y) {
		if (y == lastMeasured) return lastData;
		lastData = transformData(y);
		lastMeasured = y;
		return lastData;
	}

	private float[] lastMeasured; // the last data given, by identity, and its transform: a λ path asks many times
	private float[] lastData;

	private float[] transformData(final float[] y) {
		final int n = width * height;
		LinearOperator.checkLength(y, n * coils, "SenseRows data");
		final float[] images = new float[2 * n * coils];
		final float[] plane = new float[2 * n];
		final float scale = (float) (1 / Math.sqrt(width));
		for (int c = 0; c < coils; c++) {
			System.arraycopy(y, 2 * n * c, plane, 0, 2 * n);
			for (int r = 0; r < height; r++)
				for (int kx = 0; kx < width; kx++)
					if (!columns[kx]) {
						plane[2 * (r * width + kx)] = 0;
						plane[2 * (r * width + kx) + 1] = 0;
					}
			CenteredFFT.inverse(plane, width, height);
			final float[] line = buffers[0];
			for (int r = 0; r < height; r++) {
				System.arraycopy(plane, 2 * r * width, line, 0, 2 * width);
				transforms[0].complexForward(line);
				for (int i = 0; i < 2 * width; i++)
					images[2 * (c * n + r * width) + i] = line[i] * scale;
			}
		}
		final float[] w = virtual.rotations();
		final float[] out = new float[2 * codomainSize()];
		for (int r = 0; r < height; r++)
			for (int k = 0; k < virtual.count(r); k++) {
				final int dst = virtual.offset(r, k), weights = virtual.rotation(r, k);
				for (int c = 0; c < coils; c++) {
					final float wr = w[weights + 2 * c], wi = w[weights + 2 * c + 1];
					final int src = 2 * (c * n + r * width);
					for (int kx = 0; kx < width; kx++) {
						if (!plainColumns[kx]) continue;
						final float dr = images[src + 2 * kx], di = images[src + 2 * kx + 1];
						out[dst + 2 * kx] += wr * dr - wi * di;
						out[dst + 2 * kx + 1] += wr * di + wi * dr;
					}
				}
			}
		return out;
	}

	/**
	 * A change made to B's output one row's virtual coil at a time, in place: {@code line} holds its
	 * {@code 2 width} floats, whose first complex element has index {@code index} in B's output. Rows go to several
	 * threads at once, never the same row to two.
	 */
	public interface SampleUpdate {

		void apply(float[] line, int index);
	}

	/**
	 * {@code out = B^H f(B x)}, one row's virtual coil at a time, so that {@code B x} is never stored: the
	 * transforms of a normal operator, with f between them.
	 */
	public void applyThrough(final float[] x, final SampleUpdate f, final float[] out) {
		LinearOperator.checkLength(x, domainSize(), "SenseRows input");
		LinearOperator.checkLength(out, domainSize(), "SenseRows output");
		runAll(i -> throughRows(i, x, f, out));
	}

	private void throughRows(final int worker, final float[] x, final SampleUpdate f, final float[] out) {
		final float[] t = virtual.maps(), line = buffers[worker];
		final float scale = (float) (1 / Math.sqrt(width));
		final int n2 = 2 * width;
		for (int y = bounds[worker]; y < bounds[worker + 1]; y++) {
			final int row = y * n2;
			java.util.Arrays.fill(out, row, row + n2, 0);
			for (int k = 0; k < virtual.count(y); k++) {
				final int off = virtual.offset(y, k);
				multiply(t, off, x, row, line, n2, scale);
				transforms[worker].complexForward(line);
				f.apply(line, off / 2);
				transforms[worker].complexInverse(line, false);
				addConjugateProduct(t, off, scale, line, out, row, n2);
			}
		}
	}

	@Override
	public void apply(final float[] x, final float[] out) {
		LinearOperator.checkLength(x, domainSize(), "SenseRows input");
		LinearOperator.checkLength(out, codomainSize(), "SenseRows output");
		runAll(i -> forwardRows(i, x, out));
	}

	@Override
	public void applyAdjoint(final float[] v, final float[] x) {
		LinearOperator.checkLength(v, codomainSize(), "SenseRows adjoint input");
		LinearOperator.checkLength(x, domainSize(), "SenseRows adjoint output");
		runAll(i -> adjointRows(i, v, x));
	}

	private void forwardRows(final int worker, final float[] x, final float[] out) {
		final float[] t = virtual.maps(), line = buffers[worker];
		final float scale = (float) (1 / Math.sqrt(width));
		final int n2 = 2 * width;
		for (int y = bounds[worker]; y < bounds[worker + 1]; y++)
			for (int k = 0; k < virtual.count(y); k++) {
				final int off = virtual.offset(y, k);
				multiply(t, off, x, y * n2, line, n2, scale);
				transforms[worker].complexForward(line);
				System.arraycopy(line, 0, out, off, n2);
			}
	}

	private void adjointRows(final int worker, final float[] v, final float[] x) {
		final float[] t = virtual.maps(), line = buffers[worker];
		final float scale = (float) (1 / Math.sqrt(width));
		final int n2 = 2 * width;
		for (int y = bounds[worker]; y < bounds[worker + 1]; y++) {
			final int row = y * n2;
			java.util.Arrays.fill(x, row, row + n2, 0);
			for (int k = 0; k < virtual.count(y); k++) {
				final int off = virtual.offset(y, k);
				System.arraycopy(v, off, line, 0, n2);
				transforms[worker].complexInverse(line, false);
				addConjugateProduct(t, off, scale, line, x, row, n2);
			}
		}
	}

	/** {@code line = scale t x} over {@code n2} floats, t from {@code off}, x from {@code from}. */
	private static void multiply(final float[] t, final int off, final float[] x, final int from,
		final float[] line, final int n2, final float scale)
	{
		for (int i = 0; i < n2; i += 2) {
			final float sr = t[off + i] * scale, si = t[off + i + 1] * scale, xr = x[from + i], xi = x[from + i + 1];
			line[i] = sr * xr - si * xi;
			line[i + 1] = sr * xi + si * xr;
		}
	}

	/** {@code out += scale conj(t) line} over {@code n2} floats, t from {@code off}, out from {@code to}. */
	private static void addConjugateProduct(final float[] t, final int off, final float scale, final float[] line,
		final float[] out, final int to, final int n2)
	{
		for (int i = 0; i < n2; i += 2) {
			final float sr = t[off + i] * scale, si = t[off + i + 1] * scale, lr = line[i], li = line[i + 1];
			out[to + i] += sr * lr + si * li;
			out[to + i + 1] += sr * li - si * lr;
		}
	}

	private void runAll(final java.util.function.IntConsumer job) {
		if (transforms.length == 1) {
			job.accept(0);
			return;
		}
		final List<Runnable> jobs = new ArrayList<>(transforms.length);
		for (int i = 0; i < transforms.length; i++) {
			final int index = i;
			jobs.add(() -> job.accept(index));
		}
		Jobs.runAll(jobs, executor);
	}
}
