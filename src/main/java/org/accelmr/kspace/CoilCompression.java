package org.accelmr.kspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.accelmr.AccelMRException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * SVD (PCA) coil compression, as BART's {@code cc -S -A}: the coils' Gram matrix {@code G = Σ d d^H} over every
 * acquired sample of every slice, its leading N eigenvectors V (the left singular vectors of the coils x samples
 * matrix), and each coil vector {@code d} replaced by the N virtual coils {@code V^H d}. One matrix for the whole
 * scan, so slices stay consistent; the mask, info and calibration lines go along. Fewer coils make every
 * coil-wise step (FFTs, SENSE operators, ESPIRiT) proportionally cheaper.
 * <p>
 * EJML has no complex eigensolver: G is embedded as the real symmetric {@code [[Re, -Im], [Im, Re]]}, whose
 * eigenvalues each appear twice (vectors {@code v} and {@code i v}); one of each pair is kept by complex
 * Gram-Schmidt.
 */
public final class CoilCompression {

	private final ZMatrixRMaj compression; // N x C, V^H
	private final double keptEnergy;

	private CoilCompression(final ZMatrixRMaj compression, final double keptEnergy) {
		this.compression = compression;
		this.keptEnergy = keptEnergy;
	}

	/**
	 * Applies {@code coils=N}: 0 (or N at least the scan's coils) returns the scan unchanged; else k-space,
	 * calibration and noise are compressed with one matrix and the log says how much signal energy stayed.
	 *
	 * @throws AccelMRException for a negative N
	 */
	public static RawScan compress(final RawScan raw, final int virtualCoils, final Consumer<String> log) {
		if (virtualCoils < 0) throw new AccelMRException("coils must be >= 0 (0: no compression), got " +
			virtualCoils);
		final int coils = raw.kspace().data().coils();
		if (virtualCoils == 0 || virtualCoils >= coils) return raw;
		final CoilCompression cc = estimate(raw.kspace(), virtualCoils);
		log.accept(String.format(Locale.ROOT, "coil compression %d -> %d virtual coils keeps %.2f%% of the " +
			"signal energy", coils, virtualCoils, 100 * cc.keptEnergy));
		return new RawScan(cc.apply(raw.kspace()), raw.noise() == null ? null : CoilMixing.mix(raw.noise(),
			cc.compression), raw.calibration() == null ? null : cc.apply(raw.calibration()));
	}

	/** The compression of {@code k}'s coils to {@code virtualCoils}, 1 to the coil count. */
	public static CoilCompression estimate(final KSpace k, final int virtualCoils) {
		final ComplexStack d = k.data();
		final int c = d.coils(), n = d.width() * d.height();
		if (virtualCoils < 1 || virtualCoils > c) throw new AccelMRException("coils must be 1 to " + c +
			" to compress " + c + " coils, got " + virtualCoils);
		final double[] gr = new double[c * c], gi = new double[c * c];
		for (int s = 0; s < d.slices(); s++)
			for (int i = 0; i < c; i++)
				for (int j = 0; j <= i; j++) {
					final float[] a = d.plane(s, i), b = d.plane(s, j);
					double r = 0, m = 0;
					for (int p = 0; p < n; p++) { // a conj(b)
						r += (double) a[2 * p] * b[2 * p] + (double) a[2 * p + 1] * b[2 * p + 1];
						m += (double) a[2 * p + 1] * b[2 * p] - (double) a[2 * p] * b[2 * p + 1];
					}
					gr[i * c + j] += r;
					gi[i * c + j] += m;
				}
		final DMatrixRMaj embedded = new DMatrixRMaj(2 * c, 2 * c);
		double total = 0;
		for (int i = 0; i < c; i++) {
			total += gr[i * c + i];
			for (int j = 0; j <= i; j++) {
				final double r = gr[i * c + j], m = gi[i * c + j];
				// G[i][j] = r + i m, G[j][i] = r - i m
				set(embedded, c, i, j, r, m);
				set(embedded, c, j, i, r, -m);
			}
		}
		final EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(2 * c, true, true);
		if (!eig.decompose(embedded)) throw new IllegalStateException("coil compression eigendecomposition failed");
		final Integer[] order = new Integer[2 * c];
		for (int e = 0; e < order.length; e++)
			order[e] = e;
		Arrays.sort(order, Comparator.comparingDouble(e -> -eig.getEigenvalue(e).getReal()));
		final List<double[]> kept = new ArrayList<>(); // complex vectors, interleaved
		double energy = 0;
		for (final int e : order) {
			if (kept.size() == virtualCoils) break;
			final DMatrixRMaj v = eig.getEigenVector(e);
			final double[] z = new double[2 * c];
			for (int i = 0; i < c; i++) {
				z[2 * i] = v.get(i);
				z[2 * i + 1] = v.get(c + i);
			}
			for (final double[] u : kept) { // z -= u (u^H z)
				double pr = 0, pi = 0;
				for (int i = 0; i < c; i++) {
					pr += u[2 * i] * z[2 * i] + u[2 * i + 1] * z[2 * i + 1];
					pi += u[2 * i] * z[2 * i + 1] - u[2 * i + 1] * z[2 * i];
				}
				for (int i = 0; i < c; i++) {
					z[2 * i] -= u[2 * i] * pr - u[2 * i + 1] * pi;
					z[2 * i + 1] -= u[2 * i] * pi + u[2 * i + 1] * pr;
				}
			}
			double norm = 0;
			for (final double x : z)
				norm += x * x;
			if (norm < 0.25) continue; // the partner i v of a vector already kept
			norm = Math.sqrt(norm);
			for (int i = 0; i < z.length; i++)
				z[i] /= norm;
			kept.add(z);
			energy += eig.getEigenvalue(e).getReal();
		}
		final ZMatrixRMaj m = new ZMatrixRMaj(virtualCoils, c);
		for (int o = 0; o < virtualCoils; o++)
			for (int i = 0; i < c; i++)
				m.set(o, i, kept.get(o)[2 * i], -kept.get(o)[2 * i + 1]); // conjugate: rows of V^H
		return new CoilCompression(m, total > 0 ? Math.min(1, energy / total) : 1);
	}

	private static void set(final DMatrixRMaj e, final int c, final int i, final int j, final double re,
		final double im)
	{
		e.set(i, j, re);
		e.set(i, c + j, -im);
		e.set(c + i, j, im);
		e.set(c + i, c + j, re);
	}

	/** The compressed copy of {@code k} (which must have the coils this compression was estimated on). */
	public KSpace apply(final KSpace k) {
		if (k.data().coils() != compression.numCols) throw new AccelMRException("a compression of " +
			compression.numCols + " coils cannot apply to k-space of " + k.data().coils() + " coils");
		return new KSpace(CoilMixing.mix(k.data(), compression, compression.numCols), k.mask(), k.info());
	}

	/** Fraction of the coils' signal energy (sum of squared magnitudes) the virtual coils keep. */
	public double keptEnergy() {
		return keptEnergy;
	}

	public int virtualCoils() {
		return compression.numRows;
	}
}
