package org.accelmr.cs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.mask.SamplingMask;
import org.accelmr.sim.BirdcageCoils;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;

/** ESPIRiT recovers simulated birdcage sensitivities up to one phase per pixel; calibration errors are clear. */
class EspiritCalibrationTest {

	private static final int SIZE = 64;

	@Test
	void recoversSimulatedSensitivitiesInsideTheObject() {
		final int coils = 6;
		final FloatVolume image = Phantoms.brain(SIZE, SIZE);
		final KSpace k = KSpaceSimulator.simulate(image, SimulationConfig.DEFAULTS.withCoils(coils));
		final ComplexStack truth = BirdcageCoils.create(coils, SIZE, SIZE);
		final SamplingMask column = Masks.create("random", 4, 0.25, 0).sample(SIZE, SIZE, 1);
		for (final SamplingMask mask : new SamplingMask[] { SamplingMask.full(SIZE, SIZE), column }) {
			final KSpace under = k.undersample(mask);
			final CoilMaps maps = EspiritCalibration.DEFAULTS.estimate(under.data(), mask);
			final float[] m = image.slice(0);
			int inside = 0, good = 0;
			for (int i = 0; i < SIZE * SIZE; i++) {
				if (m[i] < 0.1) continue;
				inside++;
				// |<s_est, s_true>| with both unit-norm over coils
				double re = 0, im = 0;
				for (int c = 0; c < coils; c++) {
					final float[] t = truth.plane(0, c);
					final float er = maps.maps()[2 * (c * SIZE * SIZE + i)], ei = maps.maps()[2 * (c * SIZE * SIZE + i) +
						1];
					re += t[2 * i] * er + t[2 * i + 1] * ei;
					im += t[2 * i] * ei - t[2 * i + 1] * er;
				}
				if (Math.hypot(re, im) > 0.99) good++;
			}
			assertTrue(good > 0.97 * inside, good + " of " + inside + " object pixels match the true maps");
			assertTrue(maps.maxSumOfSquares() <= 1 + 1e-4);
		}
	}

	/**
	 * The fast kernel step (complex eigensolver, correlation by DFT, no projector) equals the one it replaced
	 * ({@link EspiritReference}): through {@code A A^H} (6 coils, fewer patches than kernel entries) and through
	 * {@code A^H A} (2 coils), with and without noise.
	 */
	@Test
	void fastKernelStepEqualsTheDirectProjector() {
		for (final int coils : new int[] { 6, 2 }) {
			final int size = 40;
			final KSpace k = KSpaceSimulator.simulate(Phantoms.brain(size, size), SimulationConfig.DEFAULTS.withCoils(
				coils).withNoiseLevel(coils == 6 ? 0.01 : 0));
			final SamplingMask mask = Masks.create("random", 3, 0.3, 1).sample(size, size, 1); // 12 centre columns
			final ComplexStack data = k.undersample(mask).data();
			final CalibrationRegion region = CalibrationRegion.largest(mask, 24, 6);
			final double[][] before = EspiritReference.correlation(data, region, 6, 0.001);
			final EigenMaps fast = new EigenMaps(KernelSpace.of(data, region, 6, 0.001), size, size);
			double max = 0, diff = 0;
			for (int pair = 0; pair < before.length; pair++)
				for (int i = 0; i < before[pair].length; i++) {
					max = Math.max(max, Math.abs(before[pair][i]));
					diff = Math.max(diff, Math.abs(before[pair][i] - fast.correlation()[pair][i]));
				}
			assertTrue(diff < 1e-9 * max, coils + " coils: correlation differs by " + diff + " of " + max);
			final float[] expected = new EigenMaps(coils, 6, before, size, size).maps(0.8).maps();
			final float[] actual = fast.maps(0.8).maps();
			float worst = 0;
			for (int i = 0; i < expected.length; i++)
				worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
			assertTrue(worst < 1e-4, coils + " coils: maps differ by " + worst);
			final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
			try {
				final float[] banded = fast.maps(0.8, pool, 3).maps();
				float bandWorst = 0;
				for (int i = 0; i < expected.length; i++)
					bandWorst = Math.max(bandWorst, Math.abs(expected[i] - banded[i]));
				assertTrue(bandWorst < 5e-3, coils + " coils: maps on 3 bands differ by " + bandWorst);
			}
			finally {
				pool.shutdown();
			}
		}
	}

	@Test
	void calibrationLargerThanTheSampledCentreIsRejected() {
		final ComplexStack k = new ComplexStack(SIZE, SIZE, 2, 1);
		final boolean[] cols = new boolean[SIZE];
		for (int x = SIZE / 2 - 5; x < SIZE / 2 + 5; x++)
			cols[x] = true; // 10 centre columns
		final SamplingMask mask = SamplingMask.ofColumns(cols, SIZE);
		final AccelMRException e = assertThrows(AccelMRException.class, () -> EspiritCalibration.DEFAULTS
			.withCalibration(24, true).estimate(k, mask));
		assertEquals("calibration region 24x24 is larger than the fully sampled k-space centre (24x10)", e
			.getMessage());
		final boolean[] narrow = new boolean[SIZE];
		narrow[SIZE / 2] = true;
		assertThrows(AccelMRException.class, () -> EspiritCalibration.DEFAULTS.estimate(k, SamplingMask.ofColumns(
			narrow, SIZE)));
		assertEquals(new CalibrationRegion(10, 24), CalibrationRegion.largest(mask, 24, 6));
	}

	@Test
	void coilMapsOfTheWrongShapeAreRejected() {
		final ComplexStack maps = new ComplexStack(32, 32, 3, 1);
		final AccelMRException e = assertThrows(AccelMRException.class, () -> CoilMaps.of(maps, 0, 32, 32, 4,
			"maps.npy"));
		assertEquals("coil maps maps.npy are 1x3x32x32, expected 4x32x32 (coils x rows x columns) for this k-space",
			e.getMessage());
		assertThrows(AccelMRException.class, () -> CoilMaps.of(maps, 0, 32, 30, 3, "maps.npy"));
	}
}
