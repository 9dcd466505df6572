package org.accelmr.kspace;

import java.util.Locale;
import java.util.function.Consumer;

import org.accelmr.AccelMRException;
import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_ZDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Noise pre-whitening, as Gadgetron's noise-adjust step: the coils' noise covariance
 * {@code Ψ = N N^H / (n - 1)} from noise-only samples, its Cholesky factor {@code Ψ = L L^H}, and every coil
 * vector {@code d} of the k-space replaced by {@code s L^-1 d}. The whitened coils have uncorrelated noise of
 * equal variance {@code s²}; {@code s² = trace(Ψ) / coils}, the mean noise variance, keeps the data's scale
 * (Gadgetron scales to unit variance instead), so regularisation weights tuned on raw data still fit. As
 * {@code s} grows with the noise level, a constant factor on the covariance cancels: the noise scans' other
 * receiver bandwidth (which Gadgetron corrects by the dwell-time ratio) does not change the result.
 */
public final class NoiseWhitening {

	private final int coils;
	private final int samples;
	private final ZMatrixRMaj covariance;
	private final ZMatrixRMaj whitener; // s L^-1, lower triangular

	private NoiseWhitening(final int coils, final int samples, final ZMatrixRMaj covariance,
		final ZMatrixRMaj whitener)
	{
		this.coils = coils;
		this.samples = samples;
		this.covariance = covariance;
		this.whitener = whitener;
	}

	/**
	 * Applies {@code prewhiten=auto|on|off} to a scan: {@code auto} and {@code on} whiten when the scan has noise
	 * samples (and say so in the log), {@code off} or no noise returns the scan unchanged (which methods
	 * {@code auto} leaves out is the reconstruction pipeline's choice). The noise is used up: the result
	 * carries none, so whitening twice is impossible.
	 *
	 * @throws AccelMRException for another mode or a covariance that is not positive definite
	 */
	public static RawScan prewhiten(final RawScan raw, final String mode, final Consumer<String> log) {
		switch (mode.trim().toLowerCase(Locale.ROOT)) {
			case "off" -> {
				return raw;
			}
			case "auto", "on" -> {
				if (raw.noise() == null) return raw;
				final NoiseWhitening w = estimate(raw.noise());
				log.accept(w.describe());
				return new RawScan(w.apply(raw.kspace()), null, raw.calibration() == null ? null : w.apply(raw
					.calibration()));
			}
			default -> throw new AccelMRException("prewhiten must be auto, on or off, got '" + mode + "'");
		}
	}

	/** @throws AccelMRException when there are too few samples or the covariance is singular */
	public static NoiseWhitening estimate(final NoiseSamples noise) {
		final int c = noise.coils(), n = noise.count();
		if (n < c + 1) throw new AccelMRException("pre-whitening needs more noise samples than coils (" + n + " for " +
			c + " coils)");
		final double[] re = new double[c * c], im = new double[c * c];
		final float[][] s = noise.samples();
		for (int i = 0; i < c; i++)
			for (int j = 0; j <= i; j++) {
				double r = 0, m = 0;
				final float[] a = s[i], b = s[j];
				for (int k = 0; k < n; k++) { // a[k] conj(b[k])
					r += (double) a[2 * k] * b[2 * k] + (double) a[2 * k + 1] * b[2 * k + 1];
					m += (double) a[2 * k + 1] * b[2 * k] - (double) a[2 * k] * b[2 * k + 1];
				}
				re[i * c + j] = re[j * c + i] = r / (n - 1);
				im[i * c + j] = m / (n - 1);
				im[j * c + i] = -m / (n - 1);
			}
		final ZMatrixRMaj cov = new ZMatrixRMaj(c, c);
		double trace = 0;
		for (int i = 0; i < c; i++) {
			trace += re[i * c + i];
			for (int j = 0; j < c; j++)
				cov.set(i, j, re[i * c + j], im[i * c + j]);
		}
		final CholeskyDecomposition_F64<ZMatrixRMaj> chol = DecompositionFactory_ZDRM.chol(c, true);
		if (!chol.decompose(cov.copy())) throw new AccelMRException("the noise covariance of " + c + " coils from " +
			n + " samples is not positive definite (a coil without noise, or too few samples)");
		final ZMatrixRMaj l = chol.getT(null);
		return new NoiseWhitening(c, n, cov, inverseLower(l, Math.sqrt(trace / c)));
	}

	/** {@code scale L^-1} by forward substitution, column by column of the identity. */
	private static ZMatrixRMaj inverseLower(final ZMatrixRMaj l, final double scale) {
		final int c = l.numRows;
		final ZMatrixRMaj inv = new ZMatrixRMaj(c, c);
		final double[] xr = new double[c], xi = new double[c];
		for (int col = 0; col < c; col++) {
			for (int i = 0; i < c; i++) {
				double br = i == col ? scale : 0, bi = 0;
				for (int k = col; k < i; k++) {
					final double lr = l.getReal(i, k), li = l.getImag(i, k);
					br -= lr * xr[k] - li * xi[k];
					bi -= lr * xi[k] + li * xr[k];
				}
				final double d = l.getReal(i, i); // real and positive on the diagonal
				xr[i] = i < col ? 0 : br / d;
				xi[i] = i < col ? 0 : bi / d;
			}
			for (int i = 0; i < c; i++)
				inv.set(i, col, xr[i], xi[i]);
		}
		return inv;
	}

	/** A whitened copy; the mask and info stay. */
	public KSpace apply(final KSpace k) {
		final ComplexStack d = k.data();
		if (d.coils() != coils) throw new AccelMRException("noise of " + coils + " coils cannot whiten k-space of " + d
			.coils() + " coils");
		return new KSpace(CoilMixing.mix(d, whitener, coils), k.mask(), k.info());
	}

	public int coils() {
		return coils;
	}

	/** The noise covariance's (i, j) entry as {re, im}. */
	public double[] covariance(final int i, final int j) {
		return new double[] { covariance.getReal(i, j), covariance.getImag(i, j) };
	}

	/** One line for the log: how many samples, the noise levels and the strongest coil correlation. */
	public String describe() {
		double min = Double.MAX_VALUE, max = 0, correlation = 0;
		for (int i = 0; i < coils; i++) {
			final double v = covariance.getReal(i, i);
			min = Math.min(min, Math.sqrt(v));
			max = Math.max(max, Math.sqrt(v));
			for (int j = 0; j < i; j++) {
				final double r = covariance.getReal(i, j), m = covariance.getImag(i, j);
				correlation = Math.max(correlation, Math.hypot(r, m) / Math.sqrt(v * covariance.getReal(j, j)));
			}
		}
		return String.format(Locale.ROOT, "pre-whitening %d coils with the noise covariance of %d samples " +
			"(noise std %.3g to %.3g, largest coil correlation %.2f)", coils, samples, min, max, correlation);
	}
}
