package org.accelmr.cs;

/**
 * The image-space step of ESPIRiT: for every pixel the {@code C x C} Hermitian matrix
 * {@code G(x) = Σ_d g[d] exp(2πi (d_x x'/W + d_y y'/H))}, with {@code g_{cc'}[d] = (1/k²) Σ_{p - p' = d}
 * conj(P[(p,c),(p',c')])} the kernel projector's correlation ({@code |d| < k}) and {@code (x', y')} the centred
 * pixel position, then its leading eigenvector.
 * <p>
 * G is evaluated separably one row at a time (no C²-plane temporaries), and the eigenvector comes from power
 * iteration warm-started at the neighbouring pixel: maps are smooth, so a few {@code C x C} products per pixel
 * suffice. This replaced EJML's dense symmetric eigensolver on the {@code 2C x 2C} real embedding per pixel, which
 * computes all eigenpairs: measured by {@code EigenSolverBenchmark} (test sources; 256x256 simulated scan, every
 * 8th row, time to build G subtracted) at 3.0 vs 24.6 us per pixel for 8 coils (8x) and 1.7 vs 51.8 us for 16
 * coils (30x), leading eigenvalues equal to 3e-4. The methods below are package-private for that benchmark.
 */
final class EigenMaps {

	private static final int MAX_POWER_STEPS = 60;
	private static final double POWER_TOLERANCE = 1e-7;

	private final int coils;
	private final int width;
	private final int height;
	private final int span; // 2k - 1 offsets per axis
	private final double[][] correlation; // [pair c<=c'][2 * (dy * span + dx)]
	private final int[] pairIndex; // c * coils + c' -> pair, for c <= c'

	EigenMaps(final KernelSpace kernels, final int width, final int height) {
		this.coils = kernels.coils;
		this.width = width;
		this.height = height;
		final int k = kernels.kernelSize;
		this.span = 2 * k - 1;
		this.pairIndex = new int[coils * coils];
		int pairs = 0;
		for (int c = 0; c < coils; c++)
			for (int d = c; d < coils; d++)
				pairIndex[c * coils + d] = pairs++;
		this.correlation = new double[pairs][2 * span * span];
		final int n = coils * k * k;
		final double norm = 1.0 / (k * k);
		for (int c = 0; c < coils; c++)
			for (int c2 = c; c2 < coils; c2++) {
				final double[] g = correlation[pairIndex[c * coils + c2]];
				for (int py = 0; py < k; py++)
					for (int px = 0; px < k; px++)
						for (int qy = 0; qy < k; qy++)
							for (int qx = 0; qx < k; qx++) {
								final int row = (c * k + py) * k + px, col = (c2 * k + qy) * k + qx;
								final int d = 2 * ((py - qy + k - 1) * span + px - qx + k - 1);
								g[d] += norm * kernels.projector[2 * (row * n + col)];
								g[d + 1] -= norm * kernels.projector[2 * (row * n + col) + 1];
							}
			}
	}

	/** Unit-norm leading eigenvectors where the eigenvalue reaches {@code crop}, zero elsewhere. */
	CoilMaps maps(final double crop) {
		final int pixels = width * height, pairs = correlation.length;
		final float[] maps = new float[2 * pixels * coils];
		final double[][] phaseX = phases(width);
		final double[][] phaseY = phases(height);
		final double[] rowSums = new double[pairs * 2 * span];
		final double[] matrix = new double[2 * coils * coils];
		final double[] vector = new double[2 * coils];
		final double[] next = new double[2 * coils];
		// phase reference: the centre pixel's eigenvector
		evaluateRow(height / 2, phaseY, rowSums);
		startVector(vector);
		matrixAt(width / 2, phaseX, rowSums, matrix);
		powerIterate(matrix, vector, next);
		final double[] reference = vector.clone();
		startVector(vector);
		for (int y = 0; y < height; y++) {
			evaluateRow(y, phaseY, rowSums);
			for (int x = 0; x < width; x++) {
				matrixAt(x, phaseX, rowSums, matrix);
				final double lambda = powerIterate(matrix, vector, next);
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
		return new CoilMaps(maps, width, height, coils);
	}

	/** {@code exp(2πi d (i - n/2) / n)} for d in {@code [-(k-1), k-1]}, as [d][2 i]. */
	double[][] phases(final int n) {
		final double[][] p = new double[span][2 * n];
		final int k = (span + 1) / 2;
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
			final int base = pair * 2 * span;
			for (int dy = 0; dy < span; dy++) {
				final double er = phaseY[dy][2 * y], ei = phaseY[dy][2 * y + 1];
				for (int dx = 0; dx < span; dx++) {
					final double gr = g[2 * (dy * span + dx)], gi = g[2 * (dy * span + dx) + 1];
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
				final int base = pairIndex[c * coils + c2] * 2 * span;
				double re = 0, im = 0;
				for (int dx = 0; dx < span; dx++) {
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
