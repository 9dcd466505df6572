package org.accelmr.cs;

import java.util.Locale;

import org.accelmr.kspace.KSpace;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Measures the per-pixel eigen step of ESPIRiT (not a test): on the ESPIRiT matrices {@code G(x)} of a simulated
 * scan, the time of {@link EigenMaps}' warm-started power iteration against EJML's dense symmetric eigensolver
 * on the real {@code 2C x 2C} embedding, and how far their leading eigenvalues differ. Every 8th row of a
 * 256x256 image is used, whole rows so the warm start works as in {@link EigenMaps#maps}; building G is timed
 * separately and subtracted. {@code java -cp ... org.accelmr.cs.EigenSolverBenchmark 8 16}
 */
public final class EigenSolverBenchmark {

	private static final int SIZE = 256, ROW_STEP = 8;

	public static void main(final String[] a) {
		for (final String arg : a)
			measure(Integer.parseInt(arg));
	}

	private static void measure(final int coils) {
		final KSpace k = KSpaceSimulator.simulate(Phantoms.brain(SIZE, SIZE), SimulationConfig.DEFAULTS.withCoils(
			coils));
		final EigenMaps maps = new EigenMaps(KernelSpace.of(k.data(), CalibrationRegion.largest(k.maskOrFull(), 24,
			6), 6, 0.001), SIZE, SIZE);
		final double[][] phaseX = maps.phasesX(SIZE), phaseY = maps.phasesY(SIZE);
		final double[] rowSums = new double[coils * (coils + 1) / 2 * 2 * 11];
		final double[] matrix = new double[2 * coils * coils], v = new double[2 * coils], w = new double[2 *
			coils];
		final double[] power = new double[SIZE * SIZE / ROW_STEP], dense = new double[power.length];
		final DMatrixRMaj real = new DMatrixRMaj(2 * coils, 2 * coils);
		final EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(2 * coils, true, true);
		double buildOnly = Double.MAX_VALUE, withPower = Double.MAX_VALUE, withEjml = Double.MAX_VALUE;
		for (int repeat = 0; repeat < 3; repeat++) {
			long t0 = System.nanoTime();
			for (int y = 0; y < SIZE; y += ROW_STEP) {
				maps.evaluateRow(y, phaseY, rowSums);
				for (int x = 0; x < SIZE; x++)
					maps.matrixAt(x, phaseX, rowSums, matrix);
			}
			buildOnly = Math.min(buildOnly, System.nanoTime() - t0);
			t0 = System.nanoTime();
			maps.startVector(v);
			int i = 0;
			for (int y = 0; y < SIZE; y += ROW_STEP) {
				maps.evaluateRow(y, phaseY, rowSums);
				for (int x = 0; x < SIZE; x++) {
					maps.matrixAt(x, phaseX, rowSums, matrix);
					power[i++] = maps.powerIterate(matrix, v, w);
				}
			}
			withPower = Math.min(withPower, System.nanoTime() - t0);
			t0 = System.nanoTime();
			i = 0;
			for (int y = 0; y < SIZE; y += ROW_STEP) {
				maps.evaluateRow(y, phaseY, rowSums);
				for (int x = 0; x < SIZE; x++) {
					maps.matrixAt(x, phaseX, rowSums, matrix);
					embed(matrix, coils, real);
					if (!eig.decompose(real)) throw new IllegalStateException("EJML eig failed");
					double top = 0;
					for (int e = 0; e < eig.getNumberOfEigenvalues(); e++)
						top = Math.max(top, eig.getEigenvalue(e).getReal());
					dense[i++] = top;
				}
			}
			withEjml = Math.min(withEjml, System.nanoTime() - t0);
		}
		double maxDiff = 0;
		for (int i = 0; i < power.length; i++)
			maxDiff = Math.max(maxDiff, Math.abs(power[i] - dense[i]));
		final double pixels = power.length;
		final double powerUs = (withPower - buildOnly) / pixels / 1e3, ejmlUs = (withEjml - buildOnly) / pixels / 1e3;
		System.out.println(String.format(Locale.ROOT, "%d coils: build G %.2f us/pixel, power iteration %.2f us, EJML " +
			"symmetric eig (2C real) %.2f us, ratio %.1f, max |lambda difference| %.1e", coils, buildOnly / pixels / 1e3,
			powerUs, ejmlUs, ejmlUs / powerUs, maxDiff));
	}

	/** {@code [[Re, -Im], [Im, Re]]} of the interleaved complex C x C matrix. */
	private static void embed(final double[] m, final int c, final DMatrixRMaj out) {
		for (int r = 0; r < c; r++)
			for (int s = 0; s < c; s++) {
				final double re = m[2 * (r * c + s)], im = m[2 * (r * c + s) + 1];
				out.set(r, s, re);
				out.set(r, s + c, -im);
				out.set(r + c, s, im);
				out.set(r + c, s + c, re);
			}
	}
}
