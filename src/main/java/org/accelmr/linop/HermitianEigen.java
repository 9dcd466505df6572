package org.accelmr.linop;

import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.decompose.hessenberg.TridiagonalDecompositionHouseholder_ZDRM;

/**
 * All eigenpairs of a complex Hermitian matrix, computed in complex arithmetic: EJML's complex Householder
 * tridiagonalisation {@code H = Q T Q^H}, a diagonal phase {@code D} that makes T's off-diagonal real
 * ({@code T = D T_r D^H}), then the implicit QL algorithm on {@code T_r} (Wilkinson's {@code tql2}, as in JAMA)
 * with every rotation applied straight to the complex columns of {@code Q D}. EJML has no complex eigensolver;
 * the real embedding {@code [[Re, -Im], [Im, Re]]} it replaces has twice the size, so about eight times the work,
 * and returns every eigenvalue twice.
 */
public final class HermitianEigen {

	/** Eigenvalues, unsorted. */
	public final double[] values;
	/** {@code vectors[e]}: the unit eigenvector of {@code values[e]}, interleaved complex. */
	public final double[][] vectors;

	private HermitianEigen(final double[] values, final double[][] vectors) {
		this.values = values;
		this.vectors = vectors;
	}

	/** @param h Hermitian; overwritten */
	public static HermitianEigen of(final ZMatrixRMaj h) {
		final int n = h.numRows;
		final double[] diagonal = new double[2 * n], upper = new double[2 * n];
		final ZMatrixRMaj q;
		if (n <= 2) { // already tridiagonal (and EJML's Householder reads past the end of a 2 x 2)
			q = org.ejml.dense.row.CommonOps_ZDRM.identity(n);
			for (int i = 0; i < n; i++) {
				diagonal[2 * i] = h.getReal(i, i);
				if (i + 1 < n) {
					upper[2 * i] = h.getReal(i, i + 1);
					upper[2 * i + 1] = h.getImag(i, i + 1);
				}
			}
		}
		else {
			final TridiagonalDecompositionHouseholder_ZDRM tri = new TridiagonalDecompositionHouseholder_ZDRM();
			if (!tri.decompose(h)) throw new IllegalStateException("tridiagonalisation failed");
			tri.getDiagonal(diagonal, upper);
			q = tri.getQ(null, false);
		}
		final double[] d = new double[n], e = new double[n];
		final double[] phase = new double[2 * n];
		phase[0] = 1;
		for (int i = 0; i < n; i++)
			d[i] = diagonal[2 * i];
		for (int i = 0; i + 1 < n; i++) {
			// T[i][i+1] = d_i |t_i| conj(d_{i+1})  with  d_{i+1} = d_i conj(t_i) / |t_i|
			final double tr = upper[2 * i], ti = upper[2 * i + 1], m = Math.sqrt(tr * tr + ti * ti);
			e[i] = m;
			final double pr = phase[2 * i], pi = phase[2 * i + 1];
			if (m > 0) {
				phase[2 * i + 2] = (pr * tr + pi * ti) / m;
				phase[2 * i + 3] = (pi * tr - pr * ti) / m;
			}
			else {
				phase[2 * i + 2] = pr;
				phase[2 * i + 3] = pi;
			}
		}
		// columns of Q D, one array each so that the QL rotations touch contiguous memory
		final double[][] columns = new double[n][2 * n];
		for (int j = 0; j < n; j++) {
			final double pr = phase[2 * j], pi = phase[2 * j + 1];
			for (int k = 0; k < n; k++) {
				final double qr = q.getReal(k, j), qi = q.getImag(k, j);
				columns[j][2 * k] = qr * pr - qi * pi;
				columns[j][2 * k + 1] = qr * pi + qi * pr;
			}
		}
		tql2(d, e, columns);
		return new HermitianEigen(d, columns);
	}

	/**
	 * Implicit QL on the symmetric tridiagonal {@code (d, e)} ({@code e[i] = T[i][i+1]}, {@code e[n-1] = 0});
	 * {@code d} becomes the eigenvalues, and each rotation of columns i, i+1 is applied to {@code columns}.
	 */
	private static void tql2(final double[] d, final double[] e, final double[][] columns) {
		final int n = d.length;
		final double eps = Math.ulp(1.0);
		double f = 0, tst1 = 0;
		for (int l = 0; l < n; l++) {
			tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
			int m = l;
			while (m < n && Math.abs(e[m]) > eps * tst1)
				m++;
			if (m == n) m = n - 1;
			if (m > l) {
				int iterations = 0;
				do {
					if (++iterations > 60 * n) throw new IllegalStateException("QL did not converge");
					double g = d[l];
					double p = (d[l + 1] - g) / (2 * e[l]);
					double r = Math.hypot(p, 1);
					if (p < 0) r = -r;
					d[l] = e[l] / (p + r);
					d[l + 1] = e[l] * (p + r);
					final double dl1 = d[l + 1];
					double h = g - d[l];
					for (int i = l + 2; i < n; i++)
						d[i] -= h;
					f += h;
					p = d[m];
					double c = 1, c2 = c, c3 = c, s = 0, s2 = 0;
					final double el1 = e[l + 1];
					for (int i = m - 1; i >= l; i--) {
						c3 = c2;
						c2 = c;
						s2 = s;
						g = c * e[i];
						h = c * p;
						r = Math.hypot(p, e[i]);
						e[i + 1] = s * r;
						s = e[i] / r;
						c = p / r;
						p = c * d[i] - s * g;
						d[i + 1] = h + s * (c * g + s * d[i]);
						final double[] a = columns[i], b = columns[i + 1];
						for (int k = 0; k < a.length; k++) {
							final double hb = b[k];
							b[k] = s * a[k] + c * hb;
							a[k] = c * a[k] - s * hb;
						}
					}
					p = -s * s2 * c3 * el1 * e[l] / dl1;
					e[l] = s * p;
					d[l] = c * p;
				}
				while (Math.abs(e[l]) > eps * tst1);
			}
			d[l] += f;
			e[l] = 0;
		}
	}
}
