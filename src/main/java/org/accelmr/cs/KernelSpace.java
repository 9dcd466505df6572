package org.accelmr.cs;

import org.accelmr.kspace.ComplexStack;
import org.accelmr.linop.HermitianEigen;
import org.ejml.data.ZMatrixRMaj;

/**
 * The ESPIRiT signal subspace: the right singular vectors {@code v_j} of the calibration matrix A (rows =
 * {@code kh x kw x C} patches of the calibration region) with {@code σ_j > threshold σ_max}, and, for
 * {@link EspiritCalibration}, at most half of them; their projector is
 * {@code P = Σ_j v_j v_j^H}.
 * <p>
 * EJML has no complex SVD, so the smaller Hermitian Gram matrix ({@code A^H A} or {@code A A^H}) is decomposed by
 * {@link HermitianEigen} (complex tridiagonalisation and QL; eigenvalues are σ²). With {@code A A^H} (fewer patches
 * than kernel entries, as for 16 coils) the right vectors are {@code v = A^H u / σ}, computed for all kept
 * vectors in one pass over A. The projector itself is never formed: {@link EigenMaps} needs only the kernels'
 * correlation, which it computes from the vectors in the frequency domain.
 */
final class KernelSpace {

	/** Kernel columns (kw). */
	final int kernelWidth;
	/** Kernel rows (kh). */
	final int kernelHeight;
	final int coils;
	/** {@code vectors[j]}: v_j, length n = coils * kh * kw complex, index {@code (c * kh + ky) * kw + kx}. */
	final double[][] vectors;

	KernelSpace(final int kernelWidth, final int kernelHeight, final int coils, final double[][] vectors) {
		this.kernelWidth = kernelWidth;
		this.kernelHeight = kernelHeight;
		this.coils = coils;
		this.vectors = vectors;
	}

	/** Square {@code k x k} kernels, the plain relative threshold (BART's rule). */
	static KernelSpace of(final ComplexStack kspace, final CalibrationRegion region, final int k,
		final double threshold)
	{
		return of(kspace, region, k, k, threshold, false);
	}

	/**
	 * {@code kh x kw} kernels; with {@code halfAtMost} no more than {@code n / 2} singular vectors are kept (the
	 * largest), whatever the threshold.
	 * <p>
	 * Why the cap: averaged over the image, the C eigenvalues of G(x) sum to {@code C · kept / n}. The map's
	 * eigenvalue is 1, so the other C - 1 average {@code (C · kept / n - 1) / (C - 1)}, about {@code kept / n}: as
	 * kept approaches n every eigenvalue approaches 1 and the leading eigenvector is arbitrary. A relative threshold
	 * of 0.001 sits below the noise of real scans, so with many patches (a large calibration region) nearly every
	 * singular vector passed it: on a real 16-coil 128² scan calibration 40 kept 541 of 576 and the maps explained
	 * the coil images to -10 dB instead of -24.7 dB (CS 22 dB instead of 33 dB). At most n/2 keeps the others'
	 * average at about 1/2 and changes nothing where BART's rule kept fewer (the 24 x 24 default kept 290 of 576 on
	 * that scan; all of BART's own examples keep far fewer).
	 */
	static KernelSpace of(final ComplexStack kspace, final CalibrationRegion region, final int kw, final int kh,
		final double threshold, final boolean halfAtMost)
	{
		final int coils = kspace.coils(), n = coils * kw * kh;
		final double[] a = calibrationMatrix(kspace, region, kw, kh);
		final int m = a.length / (2 * n);
		final boolean rowsFewer = m < n;
		final HermitianEigen eig = HermitianEigen.of(gram(a, m, n, rowsFewer));
		double max = 0;
		for (final double lambda : eig.values)
			max = Math.max(max, lambda);
		double cut = threshold * threshold * max; // eigenvalues are σ²
		int kept = 0;
		for (final double lambda : eig.values)
			if (lambda > cut) kept++;
		if (halfAtMost && kept > n / 2) {
			final double[] sorted = eig.values.clone();
			java.util.Arrays.sort(sorted);
			cut = sorted[sorted.length - n / 2 - 1]; // keep the n/2 largest (fewer on ties)
			kept = 0;
			for (final double lambda : eig.values)
				if (lambda > cut) kept++;
		}
		final double[][] v = new double[kept][];
		final double[][] u = new double[kept][];
		final double[] sigma = new double[kept];
		int j = 0;
		for (int e = 0; e < eig.values.length; e++) {
			if (!(eig.values[e] > cut)) continue;
			u[j] = eig.vectors[e];
			sigma[j++] = Math.sqrt(eig.values[e]);
		}
		if (!rowsFewer) return new KernelSpace(kw, kh, coils, u);
		// v_j = A^H u_j / σ_j, accumulated row by row of A so both A and v_j stream contiguously
		for (j = 0; j < kept; j++)
			v[j] = new double[2 * n];
		for (int i = 0; i < m; i++) {
			final int row = 2 * i * n;
			for (j = 0; j < kept; j++) {
				final double ur = u[j][2 * i] / sigma[j], ui = u[j][2 * i + 1] / sigma[j];
				final double[] vj = v[j];
				for (int q = 0; q < n; q++) { // += conj(A[i][q]) u[i]
					final double ar = a[row + 2 * q], ai = a[row + 2 * q + 1];
					vj[2 * q] += ar * ur + ai * ui;
					vj[2 * q + 1] += ar * ui - ai * ur;
				}
			}
		}
		return new KernelSpace(kw, kh, coils, v);
	}

	/** The m x n calibration matrix of all {@code k x k} patches, row-major interleaved complex. */
	static double[] calibrationMatrix(final ComplexStack kspace, final CalibrationRegion region, final int k) {
		return calibrationMatrix(kspace, region, k, k);
	}

	/** The m x n calibration matrix of all {@code kh x kw} patches, row-major interleaved complex. */
	static double[] calibrationMatrix(final ComplexStack kspace, final CalibrationRegion region, final int kw,
		final int kh)
	{
		final int coils = kspace.coils(), w = kspace.width(), h = kspace.height();
		final int x0 = region.firstColumn(w), y0 = region.firstRow(h);
		final int px = region.width() - kw + 1, py = region.height() - kh + 1;
		final int m = px * py, n = coils * kw * kh;
		final double[] a = new double[2 * m * n];
		for (int r = 0; r < m; r++) {
			final int oy = y0 + r / px, ox = x0 + r % px;
			for (int c = 0; c < coils; c++) {
				final float[] plane = kspace.plane(0, c);
				for (int ky = 0; ky < kh; ky++)
					for (int kx = 0; kx < kw; kx++) {
						final int src = 2 * ((oy + ky) * w + ox + kx);
						final int dst = 2 * (r * n + (c * kh + ky) * kw + kx);
						a[dst] = plane[src];
						a[dst + 1] = plane[src + 1];
					}
			}
		}
		return a;
	}

	/** {@code A A^H} (m x m) when {@code rowsFewer}, else {@code A^H A} (n x n). */
	static ZMatrixRMaj gram(final double[] a, final int m, final int n, final boolean rowsFewer) {
		final int g = rowsFewer ? m : n;
		final ZMatrixRMaj out = new ZMatrixRMaj(g, g);
		if (rowsFewer) {
			for (int i = 0; i < g; i++)
				for (int j = i; j < g; j++) { // (A A^H)[i][j] = Σ_q A[i][q] conj(A[j][q])
					double re = 0, im = 0;
					final int ri = 2 * i * n, rj = 2 * j * n;
					for (int q = 0; q < 2 * n; q += 2) {
						final double ar = a[ri + q], ai = a[ri + q + 1], br = a[rj + q], bi = a[rj + q + 1];
						re += ar * br + ai * bi;
						im += ai * br - ar * bi;
					}
					out.set(i, j, re, im);
					out.set(j, i, re, -im);
				}
			return out;
		}
		// (A^H A)[i][j] = Σ_q conj(A[q][i]) A[q][j]: accumulate row by row of A (upper triangle, then mirror)
		final double[] acc = new double[2 * g * g];
		for (int q = 0; q < m; q++) {
			final int row = 2 * q * n;
			for (int i = 0; i < g; i++) {
				final double ar = a[row + 2 * i], ai = a[row + 2 * i + 1];
				final int base = 2 * i * g;
				for (int j = i; j < g; j++) {
					final double br = a[row + 2 * j], bi = a[row + 2 * j + 1];
					acc[base + 2 * j] += ar * br + ai * bi;
					acc[base + 2 * j + 1] += ar * bi - ai * br;
				}
			}
		}
		for (int i = 0; i < g; i++)
			for (int j = i; j < g; j++) {
				final double re = acc[2 * (i * g + j)], im = acc[2 * (i * g + j) + 1];
				out.set(i, j, re, im);
				out.set(j, i, re, -im);
			}
		return out;
	}
}
