package org.accelmr.cs;

import java.util.Arrays;
import java.util.Locale;

import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.mask.SamplingMask;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;

/**
 * Where ESPIRiT's time goes (not a test): one simulated slice (brain phantom, birdcage coils, 4x random columns),
 * BART {@code ecalib -m1} defaults, each stage timed, median of {@code repeats} runs after two warm-ups.
 * <pre>EspiritBenchmark [coils=16] [size=128] [repeats=7]</pre>
 * Times are the calibrating thread's CPU time, which a shared machine disturbs less than wall time.
 * Stages: the kernel space (calibration matrix, its Gram matrix, eigendecomposition, projector), the kernels'
 * correlation, and the per-pixel image-space step.
 */
public final class EspiritBenchmark {

	public static void main(final String[] a) {
		final int coils = a.length > 0 ? Integer.parseInt(a[0]) : 16;
		final int size = a.length > 1 ? Integer.parseInt(a[1]) : 128;
		final int repeats = a.length > 2 ? Integer.parseInt(a[2]) : 7;
		final KSpace full = KSpaceSimulator.simulate(Phantoms.brain(size, size), SimulationConfig.DEFAULTS
			.withCoils(coils).withNoiseLevel(0.002));
		final SamplingMask mask = Masks.create("random", 4, 0.16, 42).sample(size, size, 1);
		final ComplexStack k = full.undersample(mask).data();
		final EspiritCalibration e = EspiritCalibration.DEFAULTS;
		final CalibrationRegion region = CalibrationRegion.largest(mask, e.calibrationSize(), e.kernelSize());
		final double[] kernel = new double[repeats], correlation = new double[repeats], pixels = new double[repeats],
			total = new double[repeats];
		final java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
		final double[] wall = new double[repeats];
		for (int r = -2; r < repeats; r++) {
			final long w0 = System.nanoTime();
			final long t0 = cpu.getCurrentThreadCpuTime();
			final KernelSpace ks = KernelSpace.of(k, region, e.kernelSize(), e.threshold());
			final long t1 = cpu.getCurrentThreadCpuTime();
			final EigenMaps em = new EigenMaps(ks, size, size);
			final long t2 = cpu.getCurrentThreadCpuTime();
			em.maps(e.crop());
			final long t3 = cpu.getCurrentThreadCpuTime();
			if (r >= 0) wall[r] = (System.nanoTime() - w0) / 1e6;
			if (r < 0) continue;
			kernel[r] = (t1 - t0) / 1e6;
			correlation[r] = (t2 - t1) / 1e6;
			pixels[r] = (t3 - t2) / 1e6;
			total[r] = (t3 - t0) / 1e6;
		}
		System.out.println(String.format(Locale.ROOT, "ESPIRiT %d coils %dx%d, calibration %dx%d, " +
			"median of %d, CPU ms of the calibrating thread (wall ms of the whole: %.1f)", coils, size, size, region
				.width(), region.height(), repeats, median(wall)));
		System.out.println(String.format(Locale.ROOT, "| kernel space | correlation | per-pixel maps | total |%n" +
			"| %.1f | %.1f | %.1f | %.1f |", median(kernel), median(correlation), median(pixels), median(total)));
	}

	static double median(final double[] v) {
		final double[] s = v.clone();
		Arrays.sort(s);
		return s[s.length / 2];
	}
}
