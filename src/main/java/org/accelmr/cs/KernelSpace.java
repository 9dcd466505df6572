package org.accelmr.cs;

import org.accelmr.kspace.ComplexStack;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The ESPIRiT signal subspace: the projector {@code P = Σ_j v_j v_j^H} onto the right singular vectors of the
 * calibration matrix A (rows = {@code k x k x C} patches of the calibration region) with
 * {@code σ_j > threshold σ_max}.
 * <p>
 * EJML has no complex SVD, so the Hermitian Gram matrix (the smaller of {@code A^H A} and {@code A A^H}) is
 * embedded as the real symmetric {@code [[Re, -Im], [Im, Re]]} and decomposed with EJML's symmetric
 * eigensolver: each eigenvalue appears twice, with vectors {@code v} and {@code i v}, so summing
 * {@code v v^H} over every kept real eigenvector gives {@code 2 P}. With {@code A A^H} the right vectors are
 * {@code v = A^H u / σ}.
 */
final class KernelSpace {

	final int kernelSize;
	final int coils;
	/** n x n complex projector, n = coils * k * k, index {@code (c * k + ky) * k + kx}. */
	final double[] projector;

	private KernelSpace(final int kernelSize, final int coils, final double[] projector) {
		this.kernelSize = kernelSize;
		this.coils = coils;
		this.projector = projector;
	}

	static KernelSpace of(final ComplexStack kspace, final CalibrationRegion region, final int k,
		final double threshold)
	{
		final int coils = kspace.coils(), w = kspace.width(), h = kspace.height();
		final int x0 = region.firstColumn(w), y0 = region.firstRow(h);
		final int px = region.width() - k + 1, py = region.height() - k + 1;
		final int m = px * py, n = coils * k * k;
		// calibration matrix, m x n complex, row-major interleaved
		final double[] a = new double[2 * m * n];
		for (int r = 0; r < m; r++) {
			final int oy = y0 + r / px, ox = x0 + r % px;
			for (int c = 0; c < coils; c++) {
				final float[] plane = kspace.plane(0, c);
				for (int ky = 0; ky < k; ky++)
					for (int kx = 0; kx < k; kx++) {
						final int src = 2 * ((oy + ky) * w + ox + kx);
						final int dst = 2 * (r * n + (c * k + ky) * k + kx);
						a[dst] = plane[src];
						a[dst + 1] = plane[src + 1];
					}
			}
		}
		final boolean rowsFewer = m < n;
		final int g = rowsFewer ? m : n;
		final DMatrixRMaj embedded = new DMatrixRMaj(2 * g, 2 * g);
		for (int i = 0; i < g; i++)
			for (int j = i; j < g; j++) {
				double re = 0, im = 0; // G[i][j] = Σ conj(.) . over the other index
				if (rowsFewer) for (int q = 0; q < n; q++) { // (A A^H)[i][j] = Σ_q A[i][q] conj(A[j][q])
					final double ar = a[2 * (i * n + q)], ai = a[2 * (i * n + q) + 1];
					final double br = a[2 * (j * n + q)], bi = a[2 * (j * n + q) + 1];
					re += ar * br + ai * bi;
					im += ai * br - ar * bi;
				}
				else for (int q = 0; q < m; q++) { // (A^H A)[i][j] = Σ_q conj(A[q][i]) A[q][j]
					final double ar = a[2 * (q * n + i)], ai = a[2 * (q * n + i) + 1];
					final double br = a[2 * (q * n + j)], bi = a[2 * (q * n + j) + 1];
					re += ar * br + ai * bi;
					im += ar * bi - ai * br;
				}
				set(embedded, g, i, j, re, im);
				set(embedded, g, j, i, re, -im);
			}
		final EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(2 * g, true, true);
		if (!eig.decompose(embedded)) throw new IllegalStateException("ESPIRiT eigendecomposition failed");
		double max = 0;
		for (int e = 0; e < 2 * g; e++)
			max = Math.max(max, eig.getEigenvalue(e).getReal());
		final double cut = threshold * threshold * max; // eigenvalues are σ²
		final double[] p = new double[2 * n * n];
		final double[] v = new double[2 * n];
		for (int e = 0; e < 2 * g; e++) {
			final double lambda = eig.getEigenvalue(e).getReal();
			if (!(lambda > cut)) continue;
			final DMatrixRMaj vec = eig.getEigenVector(e);
			if (rowsFewer) { // v = A^H u / σ
				final double s = Math.sqrt(lambda);
				for (int q = 0; q < n; q++) {
					double re = 0, im = 0;
					for (int i = 0; i < m; i++) {
						final double ur = vec.get(i), ui = vec.get(g + i);
						final double ar = a[2 * (i * n + q)], ai = a[2 * (i * n + q) + 1];
						re += ar * ur + ai * ui;
						im += ar * ui - ai * ur;
					}
					v[2 * q] = re / s;
					v[2 * q + 1] = im / s;
				}
			}
			else for (int q = 0; q < n; q++) {
				v[2 * q] = vec.get(q);
				v[2 * q + 1] = vec.get(g + q);
			}
			addOuterProduct(p, v, n, 0.5);
		}
		return new KernelSpace(k, coils, p);
	}

	/** {@code p += f v v^H}. */
	private static void addOuterProduct(final double[] p, final double[] v, final int n, final double f) {
		for (int i = 0; i < n; i++) {
			final double vr = f * v[2 * i], vi = f * v[2 * i + 1];
			final int row = 2 * i * n;
			for (int j = 0; j < n; j++) {
				final double wr = v[2 * j], wi = -v[2 * j + 1];
				p[row + 2 * j] += vr * wr - vi * wi;
				p[row + 2 * j + 1] += vr * wi + vi * wr;
			}
		}
	}

	private static void set(final DMatrixRMaj e, final int g, final int i, final int j, final double re,
		final double im)
	{
		e.set(i, j, re);
		e.set(g + i, g + j, re);
		e.set(g + i, j, im);
		e.set(i, g + j, -im);
	}
}
