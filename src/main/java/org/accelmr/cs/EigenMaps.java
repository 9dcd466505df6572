package org.accelmr.cs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.accelmr.progress.CancelledException;

/**
 * The image-space step of ESPIRiT: for every pixel the {@code C x C} Hermitian matrix
 * {@code G(x) = Σ_d g[d] exp(2πi (d_x x'/W + d_y y'/H))}, with {@code g_{cc'}[d] = (1/(kw kh)) Σ_{p - p' = d}
 * conj(P[(p,c),(p',c')])} the kernel projector's correlation ({@code |d_x| < kw, |d_y| < kh}) and {@code (x', y')} the centred
 * pixel position, then its leading eigenvector.
 * <p>
 * G is evaluated separably one row at a time (no C²-plane temporaries), and the eigenvector comes from power
 * iteration warm-started at the neighbouring pixel: maps are smooth, so a few {@code C x C} products per pixel
 * suffice. This replaced EJML's dense symmetric eigensolver on the {@code 2C x 2C} real embedding per pixel, which
 * computes all eigenpairs: measured by {@code EigenSolverBenchmark} (test sources; 256x256 simulated scan, every
 * 8th row, time to build G subtracted) at 3.0 vs 24.6 us per pixel for 8 coils (8x) and 1.7 vs 51.8 us for 16
 * coils (30x), leading eigenvalues equal to 3e-4. The methods below are package-private for that benchmark.
 * <p>
 * The correlation comes from the kernel vectors through a small DFT ({@link #correlate}), not from the projector,
 * and the power iteration starts from the extrapolated vectors of the two previous pixels; see
 * {@code EspiritBenchmark} for the stage times.
 */
final class EigenMaps {

	private static final int MAX_POWER_STEPS = 60;
	private static final double POWER_TOLERANCE = 1e-7;

	private final int coils;
	private final int width;
	private final int height;
	private final int kernelWidth;
	private final int kernelHeight;
	private final int spanX; // 2 kw - 1 column offsets
	private final int spanY; // 2 kh - 1 row offsets
	private final double[][] correlation; // [pair c<=c'][2 * (dy * spanX + dx)]
	private final int[] pairIndex; // c * coils + c' -> pair, for c <= c'

	EigenMaps(final KernelSpace kernels, final int width, final int height) {
		this(kernels.coils, kernels.kernelWidth, kernels.kernelHeight, null, width, height);
		correlate(kernels);
	}

	/** Maps from a given correlation of square kernels ({@code [pair c<=c'][2 * (dy * span + dx)]}), for tests. */
	EigenMaps(final int coils, final int kernelSize, final double[][] correlation, final int width,
		final int height)
	{
		this(coils, kernelSize, kernelSize, correlation, width, height);
	}

	private EigenMaps(final int coils, final int kernelWidth, final int kernelHeight, final double[][] correlation,
		final int width, final int height)
	{
		this.coils = coils;
		this.width = width;
		this.height = height;
		this.kernelWidth = kernelWidth;
		this.kernelHeight = kernelHeight;
		this.spanX = 2 * kernelWidth - 1;
		this.spanY = 2 * kernelHeight - 1;
		this.pairIndex = new int[coils * coils];
		int pairs = 0;
		for (int c = 0; c < coils; c++)
			for (int d = c; d < coils; d++)
				pairIndex[c * coils + d] = pairs++;
		this.correlation = correlation != null ? correlation : new double[pairs][2 * spanX * spanY];
	}

	/**
	 * {@code g_{cc'}[d] = (1/k²) Σ_j Σ_{p - p' = d} conj(v_j[p,c]) v_j[p',c']} (the projector's correlation)
	 * through a {@code (2k-1)²}-point DFT, which holds every offset without wrap-around: the spectrum is
	 * {@code Σ_j conj(V_j,c(f)) V_j,c'(f)}. This costs {@code O(J C² (2k-1)²)} instead of the {@code O(J n²)}
	 * of forming the projector ({@code n = C k²}) and summing its entries by offset.
	 */
	private void correlate(final KernelSpace kernels) {
		final int kw = kernelWidth, kh = kernelHeight, lx = spanX, ly = spanY, ll = lx * ly,
			pairs = correlation.length;
		final double[] forwardX = dft(kw, lx, 0), forwardY = dft(kh, ly, 0); // exp(-2πi a f / L), a < k
		final double[][] spectrum = new double[pairs][2 * ll];
		final double[] transformed = new double[coils * 2 * ll];
		final double[] rows = new double[2 * kh * lx];
		for (final double[] v : kernels.vectors) {
			for (int c = 0; c < coils; c++) {
				java.util.Arrays.fill(rows, 0);
				final int kernel = 2 * c * kw * kh;
				for (int py = 0; py < kh; py++)
					for (int px = 0; px < kw; px++) {
						final double vr = v[kernel + 2 * (py * kw + px)], vi = v[kernel + 2 * (py * kw + px) + 1];
						for (int f = 0; f < lx; f++) {
							final double er = forwardX[2 * (px * lx + f)], ei = forwardX[2 * (px * lx + f) + 1];
							rows[2 * (py * lx + f)] += vr * er - vi * ei;
							rows[2 * (py * lx + f) + 1] += vr * ei + vi * er;
						}
					}
				final int base = c * 2 * ll;
				java.util.Arrays.fill(transformed, base, base + 2 * ll, 0);
				for (int py = 0; py < kh; py++)
					for (int fy = 0; fy < ly; fy++) {
						final double er = forwardY[2 * (py * ly + fy)], ei = forwardY[2 * (py * ly + fy) + 1];
						for (int fx = 0; fx < lx; fx++) {
							final double tr = rows[2 * (py * lx + fx)], ti = rows[2 * (py * lx + fx) + 1];
							transformed[base + 2 * (fy * lx + fx)] += tr * er - ti * ei;
							transformed[base + 2 * (fy * lx + fx) + 1] += tr * ei + ti * er;
						}
					}
			}
			for (int c = 0; c < coils; c++)
				for (int c2 = c; c2 < coils; c2++) {
					final double[] s = spectrum[pairIndex[c * coils + c2]];
					final int b1 = c * 2 * ll, b2 = c2 * 2 * ll;
					for (int f = 0; f < 2 * ll; f += 2) { // conj(V_c) V_c'
						final double ar = transformed[b1 + f], ai = transformed[b1 + f + 1];
						final double br = transformed[b2 + f], bi = transformed[b2 + f + 1];
						s[f] += ar * br + ai * bi;
						s[f + 1] += ar * bi - ai * br;
					}
				}
		}
		// inverse DFT at offsets d - (k-1): exp(-2πi f (d - k + 1) / L) / L per axis, times 1/(kw kh)
		final double[] inverseX = dft(lx, lx, kw - 1), inverseY = dft(ly, ly, kh - 1);
		final double norm = 1.0 / ((double) kw * kh * ll);
		final double[] half = new double[2 * ll];
		for (int pair = 0; pair < pairs; pair++) {
			final double[] s = spectrum[pair], g = correlation[pair];
			java.util.Arrays.fill(half, 0);
			for (int fy = 0; fy < ly; fy++)
				for (int dx = 0; dx < lx; dx++)
					for (int fx = 0; fx < lx; fx++) {
						final double sr = s[2 * (fy * lx + fx)], si = s[2 * (fy * lx + fx) + 1];
						final double er = inverseX[2 * (dx * lx + fx)], ei = inverseX[2 * (dx * lx + fx) + 1];
						half[2 * (fy * lx + dx)] += sr * er - si * ei;
						half[2 * (fy * lx + dx) + 1] += sr * ei + si * er;
					}
			for (int dy = 0; dy < ly; dy++)
				for (int fy = 0; fy < ly; fy++) {
					final double er = inverseY[2 * (dy * ly + fy)], ei = inverseY[2 * (dy * ly + fy) + 1];
					for (int dx = 0; dx < lx; dx++) {
						final double hr = half[2 * (fy * lx + dx)], hi = half[2 * (fy * lx + dx) + 1];
						g[2 * (dy * lx + dx)] += norm * (hr * er - hi * ei);
						g[2 * (dy * lx + dx) + 1] += norm * (hr * ei + hi * er);
					}
				}
		}
	}

	/** {@code [a][2 f] = exp(-2πi (a - shift) f / l)} for {@code a < rows, f < l}. */
	private static double[] dft(final int rows, final int l, final int shift) {
		final double[] e = new double[2 * rows * l];
		for (int a = 0; a < rows; a++)
			for (int f = 0; f < l; f++) {
				final double angle = -2 * Math.PI * (a - shift) * f / l;
				e[2 * (a * l + f)] = Math.cos(angle);
				e[2 * (a * l + f) + 1] = Math.sin(angle);
			}
		return e;
	}

	/** The kernels' correlation, {@code [pair c<=c'][2 * (dy * spanX + dx)]} (live). */
	double[][] correlation() {
		return correlation;
	}

	/** Unit-norm leading eigenvectors where the eigenvalue reaches {@code crop}, zero elsewhere (one thread). */
	CoilMaps maps(final double crop) {
		return maps(crop, null, 1);
	}

	/**
	 * As {@link #maps(double)}, rows split into {@code workers} bands run on {@code executor} (when not null).
	 * Each band starts its own warm start, so results differ from one thread only within the power iteration's
	 * tolerance.
	 */
	CoilMaps maps(final double crop, final ExecutorService executor, final int workers) {
		final float[] maps = new float[2 * width * height * coils];
		final double[][] phaseX = phasesX(width);
		final double[][] phaseY = phasesY(height);
		// phase reference: the centre pixel's eigenvector
		final double[] rowSums = new double[correlation.length * 2 * spanX];
		final double[] matrix = new double[2 * coils * coils];
		final double[] reference = new double[2 * coils];
		evaluateRow(height / 2, phaseY, rowSums);
		startVector(reference);
		matrixAt(width / 2, phaseX, rowSums, matrix);
		powerIterate(matrix, reference, new double[2 * coils]);
		final int bands = executor == null ? 1 : Math.max(1, Math.min(workers, height));
		if (bands == 1) {
			fillRows(0, height, crop, reference, phaseX, phaseY, maps);
			return new CoilMaps(maps, width, height, coils);
		}
		final List<Future<?>> jobs = new ArrayList<>();
		for (int b = 0; b < bands; b++) {
			final int y0 = b * height / bands, y1 = (b + 1) * height / bands;
			jobs.add(executor.submit(() -> fillRows(y0, y1, crop, reference, phaseX, phaseY, maps)));
		}
		try {
			for (final Future<?> j : jobs)
				j.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancelledException();
		}
		catch (final ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) throw r;
			throw new IllegalStateException(e.getCause());
		}
		return new CoilMaps(maps, width, height, coils);
	}

	/**
	 * Rows {@code [y0, y1)}. Power iteration starts from the previous pixel's vector extrapolated linearly
	 * ({@code 2 v(x-1) - v(x-2)}): the maps are smooth and the iteration keeps the phase of its start, so this
	 * start is closer than the neighbour alone and saves iterations.
	 */
	private void fillRows(final int y0, final int y1, final double crop, final double[] reference,
		final double[][] phaseX, final double[][] phaseY, final float[] maps)
	{
		final int pixels = width * height;
		final double[] rowSums = new double[correlation.length * 2 * spanX];
		final double[] matrix = new double[2 * coils * coils];
		final double[] vector = new double[2 * coils];
		final double[] next = new double[2 * coils];
		final double[] last = new double[2 * coils];
		final double[] beforeLast = new double[2 * coils];
		startVector(vector);
		for (int y = y0; y < y1; y++) {
			evaluateRow(y, phaseY, rowSums);
			int converged = 0; // consecutive pixels of this row with a vector, for the extrapolation
			for (int x = 0; x < width; x++) {
				matrixAt(x, phaseX, rowSums, matrix);
				// λ_max <= ‖G‖_F: where even that is below the crop the pixel is zero without iterating
				if (crop > 0 && frobeniusSquared(matrix) < crop * crop) {
					converged = 0;
					continue;
				}
				if (converged >= 2) {
					double norm = 0;
					for (int i = 0; i < vector.length; i++) {
						vector[i] = 2 * last[i] - beforeLast[i];
						norm += vector[i] * vector[i];
					}
					final double f = 1 / Math.sqrt(norm);
					for (int i = 0; i < vector.length; i++)
						vector[i] *= f;
				}
				final double lambda = powerIterate(matrix, vector, next);
				System.arraycopy(last, 0, beforeLast, 0, last.length);
				System.arraycopy(vector, 0, last, 0, last.length);
				converged++;
				if (lambda < crop) continue;
				// rotate so that <reference, s> is real and positive
				double re = 0, im = 0;
				for (int c = 0; c < coils; c++) {
					re += reference[2 * c] * vector[2 * c] + reference[2 * c + 1] * vector[2 * c + 1];
					im += reference[2 * c] * vector[2 * c + 1] - reference[2 * c + 1] * vector[2 * c];
				}
				final double mag = Math.hypot(re, im);
				final double cr = mag > 0 ? re / mag : 1, ci = mag > 0 ? -im / mag : 0;
				final int pixel = y * width + x;
				for (int c = 0; c < coils; c++) {
					final double vr = vector[2 * c], vi = vector[2 * c + 1];
					maps[2 * (c * pixels + pixel)] = (float) (vr * cr - vi * ci);
					maps[2 * (c * pixels + pixel) + 1] = (float) (vr * ci + vi * cr);
				}
			}
		}
	}

	/** {@link #phases} for the column offsets, {@code n} columns. */
	double[][] phasesX(final int n) {
		return phases(n, kernelWidth);
	}

	/** {@link #phases} for the row offsets, {@code n} rows. */
	double[][] phasesY(final int n) {
		return phases(n, kernelHeight);
	}

	/** {@code exp(2πi d (i - n/2) / n)} for d in {@code [-(k-1), k-1]}, as [d][2 i]. */
	private static double[][] phases(final int n, final int k) {
		final int span = 2 * k - 1;
		final double[][] p = new double[span][2 * n];
		for (int d = 0; d < span; d++)
			for (int i = 0; i < n; i++) {
				final double angle = 2 * Math.PI * (d - k + 1) * (double) (i - n / 2) / n;
				p[d][2 * i] = Math.cos(angle);
				p[d][2 * i + 1] = Math.sin(angle);
			}
		return p;
	}

	/** {@code rowSums[pair][dx] = Σ_dy g[pair][dy][dx] exp(2πi dy y'/H)}. */
	void evaluateRow(final int y, final double[][] phaseY, final double[] rowSums) {
		java.util.Arrays.fill(rowSums, 0);
		for (int pair = 0; pair < correlation.length; pair++) {
			final double[] g = correlation[pair];
			final int base = pair * 2 * spanX;
			for (int dy = 0; dy < spanY; dy++) {
				final double er = phaseY[dy][2 * y], ei = phaseY[dy][2 * y + 1];
				for (int dx = 0; dx < spanX; dx++) {
					final double gr = g[2 * (dy * spanX + dx)], gi = g[2 * (dy * spanX + dx) + 1];
					rowSums[base + 2 * dx] += gr * er - gi * ei;
					rowSums[base + 2 * dx + 1] += gr * ei + gi * er;
				}
			}
		}
	}

	/** The full Hermitian {@code G} at column x of the current row. */
	void matrixAt(final int x, final double[][] phaseX, final double[] rowSums, final double[] matrix) {
		for (int c = 0; c < coils; c++)
			for (int c2 = c; c2 < coils; c2++) {
				final int base = pairIndex[c * coils + c2] * 2 * spanX;
				double re = 0, im = 0;
				for (int dx = 0; dx < spanX; dx++) {
					final double hr = rowSums[base + 2 * dx], hi = rowSums[base + 2 * dx + 1];
					final double er = phaseX[dx][2 * x], ei = phaseX[dx][2 * x + 1];
					re += hr * er - hi * ei;
					im += hr * ei + hi * er;
				}
				matrix[2 * (c * coils + c2)] = re;
				matrix[2 * (c * coils + c2) + 1] = im;
				matrix[2 * (c2 * coils + c)] = re;
				matrix[2 * (c2 * coils + c) + 1] = -im;
			}
	}

	private static double frobeniusSquared(final double[] m) {
		double s = 0;
		for (final double v : m)
			s += v * v;
		return s;
	}

	/** Power iteration from {@code v} (updated to the unit eigenvector); returns the Rayleigh quotient. */
	double powerIterate(final double[] m, final double[] v, final double[] w) {
		double lambda = 0;
		for (int step = 0; step < MAX_POWER_STEPS; step++) {
			double norm = 0;
			for (int c = 0; c < coils; c++) {
				double re = 0, im = 0;
				final int row = 2 * c * coils;
				for (int d = 0; d < coils; d++) {
					final double mr = m[row + 2 * d], mi = m[row + 2 * d + 1], vr = v[2 * d], vi = v[2 * d + 1];
					re += mr * vr - mi * vi;
					im += mr * vi + mi * vr;
				}
				w[2 * c] = re;
				w[2 * c + 1] = im;
				norm += re * re + im * im;
			}
			norm = Math.sqrt(norm);
			if (norm == 0) {
				startVector(v);
				return 0;
			}
			double change = 0;
			for (int i = 0; i < w.length; i++) {
				final double u = w[i] / norm;
				change += (u - v[i]) * (u - v[i]);
				v[i] = u;
			}
			final double previous = lambda;
			lambda = norm; // ‖G v‖ for unit v -> the top eigenvalue
			if (change < POWER_TOLERANCE && Math.abs(lambda - previous) < POWER_TOLERANCE) break;
		}
		return lambda;
	}

	void startVector(final double[] v) {
		java.util.Arrays.fill(v, 0);
		final double a = 1 / Math.sqrt(coils);
		for (int c = 0; c < coils; c++)
			v[2 * c] = a;
	}
}
