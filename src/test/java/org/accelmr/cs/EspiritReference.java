package org.accelmr.cs;

import org.accelmr.kspace.ComplexStack;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The ESPIRiT kernel step as it was before the speed-up (kept in the tests to check the fast one against it):
 * EJML's real symmetric eigensolver on the {@code [[Re, -Im], [Im, Re]]} embedding of the Gram matrix, the
 * projector {@code P = Σ v v^H} formed entry by entry, then its correlation by summing P's entries per offset.
 */
final class EspiritReference {

	private EspiritReference() {}

	/** The correlation {@code [pair c<=c'][2 * (dy * span + dx)]} as {@link EigenMaps} uses it. */
	static double[][] correlation(final ComplexStack kspace, final CalibrationRegion region, final int k,
		final double threshold)
	{
		final int coils = kspace.coils(), n = coils * k * k;
		final double[] a = KernelSpace.calibrationMatrix(kspace, region, k);
		final int m = a.length / (2 * n);
		final boolean rowsFewer = m < n;
		final int g = rowsFewer ? m : n;
		final DMatrixRMaj embedded = new DMatrixRMaj(2 * g, 2 * g);
		for (int i = 0; i < g; i++)
			for (int j = i; j < g; j++) {
				double re = 0, im = 0;
				if (rowsFewer) for (int q = 0; q < n; q++) {
					final double ar = a[2 * (i * n + q)], ai = a[2 * (i * n + q) + 1];
					final double br = a[2 * (j * n + q)], bi = a[2 * (j * n + q) + 1];
					re += ar * br + ai * bi;
					im += ai * br - ar * bi;
				}
				else for (int q = 0; q < m; q++) {
					final double ar = a[2 * (q * n + i)], ai = a[2 * (q * n + i) + 1];
					final double br = a[2 * (q * n + j)], bi = a[2 * (q * n + j) + 1];
					re += ar * br + ai * bi;
					im += ar * bi - ai * br;
				}
				embedded.set(i, j, re);
				embedded.set(g + i, g + j, re);
				embedded.set(g + i, j, im);
				embedded.set(i, g + j, -im);
				embedded.set(j, i, re);
				embedded.set(g + j, g + i, re);
				embedded.set(g + j, i, -im);
				embedded.set(j, g + i, im);
			}
		final EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(2 * g, true, true);
		if (!eig.decompose(embedded)) throw new IllegalStateException("eigendecomposition failed");
		double max = 0;
		for (int e = 0; e < 2 * g; e++)
			max = Math.max(max, eig.getEigenvalue(e).getReal());
		final double cut = threshold * threshold * max;
		final double[] p = new double[2 * n * n];
		final double[] v = new double[2 * n];
		for (int e = 0; e < 2 * g; e++) {
			final double lambda = eig.getEigenvalue(e).getReal();
			if (!(lambda > cut)) continue;
			final DMatrixRMaj vec = eig.getEigenVector(e);
			if (rowsFewer) {
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
			for (int i = 0; i < n; i++) { // p += v v^H / 2 (each eigenvalue appears twice)
				final double vr = 0.5 * v[2 * i], vi = 0.5 * v[2 * i + 1];
				for (int j = 0; j < n; j++) {
					final double wr = v[2 * j], wi = -v[2 * j + 1];
					p[2 * (i * n + j)] += vr * wr - vi * wi;
					p[2 * (i * n + j) + 1] += vr * wi + vi * wr;
				}
			}
		}
		final int span = 2 * k - 1;
		final double[][] correlation = new double[coils * (coils + 1) / 2][2 * span * span];
		final double norm = 1.0 / (k * k);
		int pair = 0;
		for (int c = 0; c < coils; c++)
			for (int c2 = c; c2 < coils; c2++) {
				final double[] gc = correlation[pair++];
				for (int py = 0; py < k; py++)
					for (int px = 0; px < k; px++)
						for (int qy = 0; qy < k; qy++)
							for (int qx = 0; qx < k; qx++) {
								final int row = (c * k + py) * k + px, col = (c2 * k + qy) * k + qx;
								final int d = 2 * ((py - qy + k - 1) * span + px - qx + k - 1);
								gc[d] += norm * p[2 * (row * n + col)];
								gc[d + 1] -= norm * p[2 * (row * n + col) + 1];
							}
			}
		return correlation;
	}
}
