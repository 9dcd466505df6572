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
import org.ejml.dense.row.CommonOps_ZDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Coil compression: geometric (the default, see {@link #estimateGeometric}) or SVD (PCA), as BART's
 * {@code cc -S -A}: the coils' Gram matrix {@code G = Σ d d^H} over every
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

	/** The {@code compression=} values: one matrix per readout position, or one for the whole scan. */
	public static final String GEOMETRIC = "geometric", SVD = "svd";

	private final ZMatrixRMaj[] compression; // N x C, V^H: one, or one per readout position (geometric)
	private final double keptEnergy;

	private CoilCompression(final ZMatrixRMaj[] compression, final double keptEnergy) {
		this.compression = compression;
		this.keptEnergy = keptEnergy;
	}

	/**
	 * Applies {@code coils=N compression=geometric|svd}: 0 (or N at least the scan's coils) returns the scan
	 * unchanged; else k-space and calibration are compressed with the same matrices (noise too, for SVD; geometric
	 * matrices act along the readout, which noise samples do not have, so the noise is dropped) and the log says
	 * how much signal energy stayed. Geometric falls back to SVD when the readout has rows no line sampled (an
	 * asymmetric echo), which per-position matrices would fill.
	 *
	 * @throws AccelMRException for a negative N or another method
	 */
	public static RawScan compress(final RawScan raw, final int virtualCoils, final String method,
		final Consumer<String> log)
	{
		if (virtualCoils < 0) throw new AccelMRException("coils must be >= 0 (0: no compression), got " +
			virtualCoils);
		final String m = method.trim().toLowerCase(Locale.ROOT);
		if (!m.equals(GEOMETRIC) && !m.equals(SVD)) throw new AccelMRException("compression must be " + GEOMETRIC +
			" or " + SVD + ", got '" + method + "'");
		final int coils = raw.kspace().data().coils();
		if (virtualCoils == 0 || virtualCoils >= coils) return raw;
		final boolean geometric = m.equals(GEOMETRIC) && !hasEmptyRows(raw.kspace().data());
		final CoilCompression cc = geometric ? estimateGeometric(raw.kspace(), virtualCoils) : estimate(raw.kspace(),
			virtualCoils);
		log.accept(String.format(Locale.ROOT, "coil compression (%s) %d -> %d virtual coils keeps %.2f%% of the " +
			"signal energy%s", geometric ? GEOMETRIC : SVD, coils, virtualCoils, 100 * cc.keptEnergy, m.equals(
				GEOMETRIC) && !geometric ? " (svd: the readout has unsampled rows, an asymmetric echo)" : ""));
		return new RawScan(cc.apply(raw.kspace()), raw.noise() == null || geometric ? null : CoilMixing.mix(raw
			.noise(), cc.compression[0]), raw.calibration() == null ? null : cc.apply(raw.calibration()));
	}

	/** True when some readout row holds only zeros in every plane. */
	private static boolean hasEmptyRows(final ComplexStack d) {
		final int w = d.width();
		for (int y = 0; y < d.height(); y++) {
			boolean empty = true;
			for (int p = 0; p < d.planeCount() && empty; p++) {
				final float[] plane = d.plane(p);
				for (int i = 2 * y * w; i < 2 * (y + 1) * w && empty; i++)
					empty = plane[i] == 0;
			}
			if (empty) return true;
		}
		return false;
	}

	/** The compression of {@code k}'s coils to {@code virtualCoils}, 1 to the coil count. */
	public static CoilCompression estimate(final KSpace k, final int virtualCoils) {
		final ComplexStack d = k.data();
		final int c = d.coils(), n = d.width() * d.height();
		checkCount(c, virtualCoils);
		final double[] gr = new double[c * c], gi = new double[c * c];
		for (int s = 0; s < d.slices(); s++)
			accumulate(d, s, 0, n, 1, gr, gi);
		final double[] energy = new double[2];
		final ZMatrixRMaj m = leading(gr, gi, c, virtualCoils, energy);
		return new CoilCompression(new ZMatrixRMaj[] { m }, energy[1] > 0 ? Math.min(1, energy[0] / energy[1]) : 1);
	}

	/**
	 * Geometric coil compression (Zhang et al., MRM 2013): after an inverse FFT along the readout, one
	 * compression per readout position, each from the samples of that position, aligned to its neighbour
	 * (the unitary closest to {@code V_y^H V_(y-1)}, by Newton's polar iteration) so the virtual coils vary
	 * smoothly along the readout; applied there and transformed back.
	 */
	public static CoilCompression estimateGeometric(final KSpace k, final int virtualCoils) {
		final ComplexStack hybrid = k.data().copy();
		alongReadout(hybrid, false);
		final int c = hybrid.coils(), w = hybrid.width(), h = hybrid.height();
		checkCount(c, virtualCoils);
		final ZMatrixRMaj[] rows = new ZMatrixRMaj[h];
		double kept = 0, total = 0;
		for (int y = 0; y < h; y++) {
			final double[] gr = new double[c * c], gi = new double[c * c];
			for (int s = 0; s < hybrid.slices(); s++)
				accumulate(hybrid, s, y * w, (y + 1) * w, 1, gr, gi);
			final double[] energy = new double[2];
			rows[y] = leading(gr, gi, c, virtualCoils, energy);
			kept += energy[0];
			total += energy[1];
		}
		for (int y = h / 2 + 1; y < h; y++)
			rows[y] = align(rows[y], rows[y - 1]);
		for (int y = h / 2 - 1; y >= 0; y--)
			rows[y] = align(rows[y], rows[y + 1]);
		return new CoilCompression(rows, total > 0 ? Math.min(1, kept / total) : 1);
	}

	private static void checkCount(final int coils, final int virtualCoils) {
		if (virtualCoils < 1 || virtualCoils > coils) throw new AccelMRException("coils must be 1 to " + coils +
			" to compress " + coils + " coils, got " + virtualCoils);
	}

	/** Adds {@code Σ d d^H} over samples {@code from..to-1} of slice s to the Gram matrix (lower triangle). */
	private static void accumulate(final ComplexStack d, final int s, final int from, final int to, final int step,
		final double[] gr, final double[] gi)
	{
		final int c = d.coils();
		for (int i = 0; i < c; i++)
			for (int j = 0; j <= i; j++) {
				final float[] a = d.plane(s, i), b = d.plane(s, j);
				double r = 0, m = 0;
				for (int p = from; p < to; p += step) { // a conj(b)
					r += (double) a[2 * p] * b[2 * p] + (double) a[2 * p + 1] * b[2 * p + 1];
					m += (double) a[2 * p + 1] * b[2 * p] - (double) a[2 * p] * b[2 * p + 1];
				}
				gr[i * c + j] += r;
				gi[i * c + j] += m;
			}
	}

	/**
	 * The rows of {@code V^H} for the N leading eigenvectors of the Hermitian G (lower triangle given);
	 * {@code energy} receives {kept eigenvalue sum, trace}.
	 */
	private static ZMatrixRMaj leading(final double[] gr, final double[] gi, final int c, final int virtualCoils,
		final double[] energy)
	{
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
		double sum = 0;
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
			sum += eig.getEigenvalue(e).getReal();
		}
		final ZMatrixRMaj m = new ZMatrixRMaj(virtualCoils, c);
		for (int o = 0; o < kept.size(); o++)
			for (int i = 0; i < c; i++)
				m.set(o, i, kept.get(o)[2 * i], -kept.get(o)[2 * i + 1]); // conjugate: rows of V^H
		energy[0] = sum;
		energy[1] = total;
		return m;
	}

	/**
	 * {@code P^H V^H} with P the unitary closest to {@code C = V^H W} (W = the neighbour's V), so the aligned
	 * virtual coils match the neighbour's as well as a rotation allows. P is the polar factor of C, by Newton's
	 * iteration {@code P <- (P + P^-H) / 2}.
	 */
	private static ZMatrixRMaj align(final ZMatrixRMaj vh, final ZMatrixRMaj neighbourVh) {
		final int n = vh.numRows;
		final ZMatrixRMaj c = new ZMatrixRMaj(n, n);
		CommonOps_ZDRM.multTransB(vh, neighbourVh, c); // V^H (W^H)^H = V^H W
		ZMatrixRMaj p = c.copy();
		final ZMatrixRMaj inverse = new ZMatrixRMaj(n, n), next = new ZMatrixRMaj(n, n);
		for (int it = 0; it < 100; it++) {
			if (!CommonOps_ZDRM.invert(p, inverse)) return vh; // singular: leave unaligned
			double change = 0;
			for (int i = 0; i < n; i++)
				for (int j = 0; j < n; j++) { // (P + inv(P)^H) / 2
					final double re = (p.getReal(i, j) + inverse.getReal(j, i)) / 2;
					final double im = (p.getImag(i, j) - inverse.getImag(j, i)) / 2;
					change += Math.hypot(re - p.getReal(i, j), im - p.getImag(i, j));
					next.set(i, j, re, im);
				}
			p = next.copy();
			if (change < 1e-12 * n * n) break;
		}
		final ZMatrixRMaj aligned = new ZMatrixRMaj(n, vh.numCols);
		CommonOps_ZDRM.multTransA(p, vh, aligned); // P^H V^H
		return aligned;
	}

	/** Centred orthonormal 1-D DFT of every column of every plane along the readout (rows), in place. */
	private static void alongReadout(final ComplexStack d, final boolean forward) {
		final int w = d.width(), h = d.height();
		final float[] v = new float[2 * h];
		for (int p = 0; p < d.planeCount(); p++) {
			final float[] plane = d.plane(p);
			for (int x = 0; x < w; x++) {
				for (int y = 0; y < h; y++) {
					v[2 * y] = plane[2 * (y * w + x)];
					v[2 * y + 1] = plane[2 * (y * w + x) + 1];
				}
				if (forward) CenteredFFT.forward(v, h, 1);
				else CenteredFFT.inverse(v, h, 1);
				for (int y = 0; y < h; y++) {
					plane[2 * (y * w + x)] = v[2 * y];
					plane[2 * (y * w + x) + 1] = v[2 * y + 1];
				}
			}
		}
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
		final int coils = compression[0].numCols;
		if (k.data().coils() != coils) throw new AccelMRException("a compression of " + coils +
			" coils cannot apply to k-space of " + k.data().coils() + " coils");
		if (compression.length == 1) return new KSpace(CoilMixing.mix(k.data(), compression[0], coils), k.mask(), k
			.info());
		if (compression.length != k.data().height()) throw new AccelMRException("a geometric compression of " +
			compression.length + " readout samples cannot apply to k-space of " + k.data().height());
		final ComplexStack hybrid = k.data().copy();
		alongReadout(hybrid, false);
		final int w = hybrid.width(), out = compression[0].numRows;
		final ComplexStack result = new ComplexStack(w, hybrid.height(), out, hybrid.slices());
		for (int y = 0; y < hybrid.height(); y++) {
			final ComplexStack row = rowOf(hybrid, y);
			final ComplexStack mixed = CoilMixing.mix(row, compression[y], coils);
			for (int s = 0; s < hybrid.slices(); s++)
				for (int o = 0; o < out; o++)
					System.arraycopy(mixed.plane(s, o), 0, result.plane(s, o), 2 * y * w, 2 * w);
		}
		alongReadout(result, true);
		// unacquired columns were zero and stay zero up to rounding: make them exactly zero again
		if (k.mask() != null) k.mask().applyTo(result);
		return new KSpace(result, k.mask(), k.info());
	}

	private static ComplexStack rowOf(final ComplexStack d, final int y) {
		final int w = d.width();
		final float[][] planes = new float[d.planeCount()][];
		for (int p = 0; p < planes.length; p++)
			planes[p] = java.util.Arrays.copyOfRange(d.plane(p), 2 * y * w, 2 * (y + 1) * w);
		return ComplexStack.wrap(planes, w, 1, d.coils(), d.slices());
	}

	/** True for a geometric compression (one matrix per readout position). */
	public boolean isGeometric() {
		return compression.length > 1;
	}

	/** Fraction of the coils' signal energy (sum of squared magnitudes) the virtual coils keep. */
	public double keptEnergy() {
		return keptEnergy;
	}

	public int virtualCoils() {
		return compression[0].numRows;
	}
}
