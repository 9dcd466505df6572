package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.KSpace;
import org.junit.jupiter.api.Test;

/** Where lines go: asymmetric echoes, partial Fourier, partitions to slices. */
class CartesianLinesTest {

	private static final Path FILE = Path.of("synthetic.mrd");
	private static final AcquisitionInfo INFO = AcquisitionInfo.of("synthetic");

	/** One coil, samples s of line l, partition p: value 100 p + 10 l + s + 1, imaginary part l. */
	private static CartesianLines.Line line(final int number, final int partition, final int line, final int samples,
		final int centre)
	{
		final float[] d = new float[2 * samples];
		for (int s = 0; s < samples; s++) {
			d[2 * s] = 100 * partition + 10 * line + s + 1;
			d[2 * s + 1] = line;
		}
		return new CartesianLines.Line(number, 0, partition, line, 0, 0, 0, false, CartesianLines.Role.IMAGE, 1,
			samples, centre, d);
	}

	@Test
	void asymmetricEchoAndPartialFourierAreZeroFilledInPlace() {
		final CartesianLines lines = new CartesianLines(FILE, "acquisition");
		// 6 of 8 readout samples with the echo at sample 2; lines 3..7 of 8 around centre 4
		for (int l = 3; l < 8; l++)
			lines.add(line(l, 0, l, 6, 2));
		final KSpace k = lines.build(new CartesianLines.Geometry(8, 8, 4, 1, -1), -1, -1, INFO).kspace();
		assertEquals(8, k.data().height());
		assertEquals(8, k.data().width());
		assertArrayEquals(new boolean[] { false, false, false, true, true, true, true, true }, k.mask().columns());
		final float[] p = k.data().plane(0, 0);
		// sample 2 (the echo) lands on row 4: rows 2..7 hold samples 0..5, rows 0 and 1 stay zero
		assertEquals(0f, p[2 * (1 * 8 + 5)], 0f);
		assertEquals(10 * 5 + 0 + 1, p[2 * (2 * 8 + 5)], 0f);
		assertEquals(10 * 5 + 2 + 1, p[2 * (4 * 8 + 5)], 0f);
		assertEquals(10 * 7 + 5 + 1, p[2 * (7 * 8 + 7)], 0f);
	}

	@Test
	void partitionsBecomeSlicesByTheCentredInverseFourierTransform() {
		final int nz = 4, samples = 2, nl = 2;
		final CartesianLines lines = new CartesianLines(FILE, "acquisition");
		for (int z = 0; z < nz; z++)
			for (int l = 0; l < nl; l++)
				lines.add(line(z * nl + l, z, l, samples, 1));
		final KSpace k = lines.build(new CartesianLines.Geometry(2, 2, 1, nz, 2), -1, -1, INFO).kspace();
		assertEquals(nz, k.data().slices());
		// x[n] = 1/sqrt(N) sum_k X[k] exp(2 pi i (k - N/2)(n - N/2) / N) for even N
		for (int n = 0; n < nz; n++)
			for (int l = 0; l < nl; l++)
				for (int s = 0; s < samples; s++) {
					double re = 0, im = 0;
					for (int kz = 0; kz < nz; kz++) {
						final double xr = 100 * kz + 10 * l + s + 1, xi = l;
						final double a = 2 * Math.PI * (kz - nz / 2) * (n - nz / 2) / nz;
						re += xr * Math.cos(a) - xi * Math.sin(a);
						im += xr * Math.sin(a) + xi * Math.cos(a);
					}
					final float[] p = k.data().plane(n, 0);
					assertEquals(re / 2, p[2 * (s * nl + l)], 1e-4, "slice " + n + " line " + l + " sample " + s);
					assertEquals(im / 2, p[2 * (s * nl + l) + 1], 1e-4);
				}
	}

	@Test
	void linesOutsideTheHeaderAreRefused() {
		final CartesianLines lines = new CartesianLines(FILE, "acquisition");
		lines.add(line(0, 0, 0, 10, 5));
		final AccelMRException e = assertThrows(AccelMRException.class, () -> lines.build(
			new CartesianLines.Geometry(8, 4, 2, 1, -1), -1, -1, INFO));
		assertTrue(e.getMessage().contains("acquisition 0 has 10 samples (centre 5), which do not fit the 8 readout"),
			e.getMessage());
	}
}
