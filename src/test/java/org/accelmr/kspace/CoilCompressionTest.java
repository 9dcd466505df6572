package org.accelmr.kspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.accelmr.AccelMRException;
import org.accelmr.mask.SamplingMask;
import org.junit.jupiter.api.Test;

class CoilCompressionTest {

	/** 2 slices of 6 coils that are complex combinations of 2 random signals plus {@code noise}. */
	private static KSpace lowRank(final double noise, final long seed) {
		final Random r = new Random(seed);
		final int w = 12, h = 10, coils = 6;
		final double[][] mr = new double[coils][2], mi = new double[coils][2];
		for (int c = 0; c < coils; c++)
			for (int k = 0; k < 2; k++) {
				mr[c][k] = r.nextGaussian();
				mi[c][k] = r.nextGaussian();
			}
		final ComplexStack d = new ComplexStack(w, h, coils, 2);
		for (int s = 0; s < 2; s++)
			for (int p = 0; p < w * h; p++) {
				final double[] sr = { r.nextGaussian(), r.nextGaussian() }, si = { r.nextGaussian(), r.nextGaussian() };
				for (int c = 0; c < coils; c++) {
					double re = 0, im = 0;
					for (int k = 0; k < 2; k++) {
						re += mr[c][k] * sr[k] - mi[c][k] * si[k];
						im += mr[c][k] * si[k] + mi[c][k] * sr[k];
					}
					d.plane(s, c)[2 * p] = (float) (re + noise * r.nextGaussian());
					d.plane(s, c)[2 * p + 1] = (float) (im + noise * r.nextGaussian());
				}
			}
		final boolean[] columns = new boolean[w];
		for (int x = 0; x < w; x += 2)
			columns[x] = true;
		final SamplingMask mask = SamplingMask.ofColumns(columns, h);
		mask.applyTo(d);
		return new KSpace(d, mask, AcquisitionInfo.of("low rank"));
	}

	private static double energy(final ComplexStack d, final int coil) {
		double e = 0;
		for (int s = 0; s < d.slices(); s++)
			for (final float v : d.plane(s, coil))
				e += v * v;
		return e;
	}

	private static double energy(final ComplexStack d) {
		double e = 0;
		for (int c = 0; c < d.coils(); c++)
			e += energy(d, c);
		return e;
	}

	@Test
	void rankTwoCoilsCompressToTwoWithoutLoss() {
		final KSpace k = lowRank(0, 1);
		final CoilCompression cc = CoilCompression.estimate(k, 2);
		final KSpace two = cc.apply(k);
		assertEquals(2, two.data().coils());
		assertEquals(2, two.data().slices());
		assertSame(k.mask(), two.mask());
		assertEquals(1.0, cc.keptEnergy(), 1e-6);
		// the virtual coils are an orthonormal basis of the signal: energy is kept, the first holds the most
		assertEquals(energy(k.data()), energy(two.data()), 1e-5 * energy(k.data()));
		assertTrue(energy(two.data(), 0) >= energy(two.data(), 1));
		// unacquired samples stay zero
		assertEquals(0f, two.data().plane(1, 1)[2 * 3], 0f);
		// one virtual coil loses the second signal's energy
		final CoilCompression one = CoilCompression.estimate(k, 1);
		assertTrue(one.keptEnergy() < 0.99 && one.keptEnergy() > 0.5, "kept " + one.keptEnergy());
		assertEquals(one.keptEnergy() * energy(k.data()), energy(one.apply(k).data()), 1e-4 * energy(k.data()));
	}

	/**
	 * 5 coils whose sensitivities vary along the readout only: after an inverse FFT along the readout, every
	 * readout position holds rank-1 coil data, which geometric compression keeps whole in one virtual coil.
	 */
	private static KSpace readoutVaryingCoils(final long seed) {
		final Random r = new Random(seed);
		final int w = 8, h = 16, coils = 5;
		final ComplexStack d = new ComplexStack(w, h, coils, 1);
		final float[] column = new float[2 * h];
		for (int x = 0; x < w; x++) {
			final double[] sr = new double[h], si = new double[h];
			for (int y = 0; y < h; y++) {
				sr[y] = r.nextGaussian();
				si[y] = r.nextGaussian();
			}
			for (int c = 0; c < coils; c++) {
				for (int y = 0; y < h; y++) { // sensitivity (1 + c y / h) exp(i (c + 1) y / 3)
					final double mag = 1 + c * y / (double) h, ph = (c + 1) * y / 3.0;
					final double er = mag * Math.cos(ph), ei = mag * Math.sin(ph);
					column[2 * y] = (float) (er * sr[y] - ei * si[y]);
					column[2 * y + 1] = (float) (er * si[y] + ei * sr[y]);
				}
				CenteredFFT.forward(column, h, 1);
				for (int y = 0; y < h; y++) {
					d.plane(0, c)[2 * (y * w + x)] = column[2 * y];
					d.plane(0, c)[2 * (y * w + x) + 1] = column[2 * y + 1];
				}
			}
		}
		return new KSpace(d, null, AcquisitionInfo.of("readout-varying coils"));
	}

	@Test
	void geometricCompressionKeepsWhatSensitivitiesVaryingAlongTheReadoutSpread() {
		final KSpace k = readoutVaryingCoils(4);
		final CoilCompression svd = CoilCompression.estimate(k, 1), gcc = CoilCompression.estimateGeometric(k, 1);
		assertTrue(gcc.isGeometric());
		assertEquals(1.0, gcc.keptEnergy(), 1e-6);
		assertTrue(svd.keptEnergy() < 0.97, "SVD keeps " + svd.keptEnergy());
		final KSpace one = gcc.apply(k);
		assertEquals(1, one.data().coils());
		assertEquals(energy(k.data()), energy(one.data()), 1e-4 * energy(k.data()));
		// with all coils kept, geometric compression is unitary per readout position: energy is kept exactly
		assertEquals(energy(k.data()), energy(CoilCompression.estimateGeometric(k, 5).apply(k).data()), 1e-4 *
			energy(k.data()));
	}

	@Test
	void allCoilsKeepEverything() {
		final KSpace k = lowRank(0.1, 2);
		final KSpace six = CoilCompression.estimate(k, 6).apply(k);
		assertEquals(energy(k.data()), energy(six.data()), 1e-5 * energy(k.data()));
	}

	@Test
	void compressOnScansHonoursZeroAndLogs() {
		final KSpace k = lowRank(0.01, 3);
		final RawScan raw = new RawScan(k, null, k);
		assertSame(raw, CoilCompression.compress(raw, 0, "svd", s -> {}));
		assertSame(raw, CoilCompression.compress(raw, 6, "geometric", s -> {}));
		final List<String> log = new ArrayList<>();
		final RawScan three = CoilCompression.compress(raw, 3, "svd", log::add);
		assertEquals(3, three.kspace().data().coils());
		assertEquals(3, three.calibration().data().coils());
		assertTrue(log.get(0).startsWith("coil compression (svd) 6 -> 3 virtual coils keeps "), log.get(0));
		final RawScan geometric = CoilCompression.compress(raw, 3, "geometric", log::add);
		assertTrue(log.get(1).startsWith("coil compression (geometric) 6 -> 3"), log.get(1));
		assertEquals(3, geometric.calibration().data().coils());
		// unacquired columns stay exactly zero
		assertEquals(0f, geometric.kspace().data().plane(1, 2)[2 * 3], 0f);
		// an asymmetric echo (a readout row never sampled) falls back to svd, which keeps the row zero
		final ComplexStack echo = k.data().copy();
		for (int p = 0; p < echo.planeCount(); p++)
			java.util.Arrays.fill(echo.plane(p), 0, 2 * echo.width(), 0f);
		final RawScan asymmetric = CoilCompression.compress(RawScan.of(new KSpace(echo, k.mask(), k.info())), 3,
			"geometric", log::add);
		assertTrue(log.get(2).endsWith("(svd: the readout has unsampled rows, an asymmetric echo)"), log.get(2));
		assertEquals(0f, asymmetric.kspace().data().plane(0, 0)[2], 0f);
		assertThrows(AccelMRException.class, () -> CoilCompression.compress(raw, -1, "svd", s -> {}));
		assertEquals("compression must be geometric or svd, got 'pca'", assertThrows(AccelMRException.class,
			() -> CoilCompression.compress(raw, 2, "pca", s -> {})).getMessage());
		assertThrows(AccelMRException.class, () -> CoilCompression.estimate(k, 7));
	}
}
