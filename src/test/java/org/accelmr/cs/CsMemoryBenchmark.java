package org.accelmr.cs;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.progress.Progress;
import org.accelmr.recon.ReconstructionMethods;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;

/**
 * Memory check (not a test): one fastMRI-knee-sized slice, 15 coils, 640 rows x 368 columns, 4x random column
 * mask, reconstructed by tv and wavelet with ESPIRiT maps through the same entry point as the commands. Run it
 * under the heap limit to check, e.g. {@code java -Xmx1g -cp ... org.accelmr.cs.CsMemoryBenchmark 5 2}
 * (iterations, threads). Prints, per method, the peak heap in use (sum of the heap pools' peaks since the
 * method started, an upper bound of the true peak) and the seconds taken.
 */
public final class CsMemoryBenchmark {

	public static void main(final String[] a) {
		final int iterations = Integer.parseInt(a[0]), threads = Integer.parseInt(a[1]);
		final int w = 368, h = 640, coils = 15;
		final KSpace full = KSpaceSimulator.simulate(Phantoms.brain(w, h), SimulationConfig.DEFAULTS.withCoils(coils));
		final KSpace under = full.undersample(Masks.create("random", 4, 0.08, 0).sample(w, h, 1));
		System.out.println(String.format(Locale.ROOT, "k-space %dx%dx%d, max heap %d MB", coils, h, w, Runtime
			.getRuntime().maxMemory() >> 20));
		for (final String method : new String[] { "tv", "wavelet" }) {
			System.gc();
			for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
				p.resetPeakUsage();
			final long t0 = System.nanoTime();
			final FloatVolume out = ReconstructionMethods.create(new ReconstructionSettings(method, 0.01, iterations,
				"espirit", "", threads)).reconstruct(under, Progress.NONE);
			final double seconds = (System.nanoTime() - t0) / 1e9;
			long peak = 0;
			for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
				if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
			System.out.println(String.format(Locale.ROOT, "%s: %d iterations, %d thread(s), peak heap %d MB, %.1f s, " +
				"output %dx%d max %.3g", method, iterations, threads, peak >> 20, seconds, out.height(), out.width(), out
					.max()));
		}
	}
}
