package org.accelmr.nn;

import org.accelmr.cs.CoilMaps;
import org.accelmr.cs.IterationMonitor;
import org.accelmr.cs.Penalty;
import org.accelmr.cs.SenseReconstruction;
import org.accelmr.cs.SolverSettings;
import org.accelmr.cs.VolumeLambda;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.mask.SamplingMask;

/**
 * The image a {@link VarNet} whose {@link VarNetArchitecture#start()} is a compressed-sensing method starts from:
 * that method's SENSE solution at its defaults (λ chosen from the data, iterations to tolerance), with the coil
 * maps the network gets. Why: a network trained for an hour or two on a CPU cannot learn from scratch what a
 * sparsity prior gives for free (the zero-filled start ended several dB below CS on real scans); started from the
 * CS solution, with each regulariser's output layer at zero, a fresh network returns that solution with data
 * consistency, and training only has to learn what CS gets wrong.
 */
public final class VarNetStart {

	private VarNetStart() {}

	/**
	 * The penalty of a compressed-sensing start for data with {@code coils} coils. {@code auto} takes TV for one
	 * coil and the L1-wavelet for more, as measured at the defaults (docs/benchmarks.md, VarNet): single-coil
	 * brain slices with random columns at R=4 favoured TV on 16 of 17 (by up to 9 dB), multi-coil tuning slices
	 * the wavelet on 4 of 5, the real 16-coil scan by 0.9 dB.
	 */
	static Penalty penaltyFor(final String start, final int coils) {
		final boolean tv = VarNetArchitecture.TV.equals(start) || VarNetArchitecture.AUTO.equals(start) && coils == 1;
		return tv ? Penalty.TOTAL_VARIATION : Penalty.L1_WAVELET;
	}

	/**
	 * A start image and how it was made.
	 *
	 * @param image the complex start image, interleaved re/im {@code height x width}, or null for a zero-filled start
	 * @param lambda the λ its solve used (NaN without one)
	 * @param iterations the iterations it spent, choosing λ included
	 */
	public record Start(float[] image, double lambda, int iterations) {

		/** The zero-filled start: no image, no solve. */
		public static final Start ZERO_FILLED = new Start(null, Double.NaN, 0);
	}

	/**
	 * @param kspace one slice, all coils, unacquired samples zero (the network's normalised input)
	 * @return the complex start image, interleaved re/im {@code height x width}, or null for a zero-filled start
	 */
	public static float[] image(final VarNetArchitecture architecture, final ComplexStack kspace,
		final SamplingMask mask, final CoilMaps maps)
	{
		return solve(architecture, kspace, mask, maps).image();
	}

	/** As {@link #image}, with the λ and iterations of its solve (what a reconstruction records). */
	public static Start solve(final VarNetArchitecture architecture, final ComplexStack kspace,
		final SamplingMask mask, final CoilMaps maps)
	{
		return solve(architecture, kspace, mask, maps, null, 0);
	}

	/**
	 * As {@link #solve(VarNetArchitecture, ComplexStack, SamplingMask, CoilMaps)} with the volume's λ when
	 * {@code volume} is given (the slice's index in it picks its warm start), as {@code method=tv|wavelet}
	 * reconstruct the same volume.
	 */
	public static Start solve(final VarNetArchitecture architecture, final ComplexStack kspace,
		final SamplingMask mask, final CoilMaps maps, final VolumeLambda volume, final int index)
	{
		if (!architecture.startsFromImage()) return Start.ZERO_FILLED;
		final SolverSettings settings = settings(architecture, kspace.coils());
		final IterationMonitor monitor = IterationMonitor.silent();
		final float[] x;
		if (volume == null) x = SenseReconstruction.reconstructComplex(kspace, mask, maps, settings, null, 1, monitor);
		else {
			final SenseReconstruction.ScaledSlice y = SenseReconstruction.ScaledSlice.of(kspace, mask);
			x = SenseReconstruction.solve(y, mask, maps, settings, volume.forSlice(index, y, mask, maps, settings, null,
				1, monitor), null, 1, monitor);
		}
		return new Start(x, monitor.lambda(), monitor.iterations());
	}

	/** The start's solver settings for data with {@code coils} coils: its penalty at the defaults, λ automatic. */
	public static SolverSettings settings(final VarNetArchitecture architecture, final int coils) {
		return SolverSettings.DEFAULTS.with(penaltyFor(architecture.start(), coils), SolverSettings.AUTO_LAMBDA,
			SolverSettings.DEFAULTS.iterations());
	}
}
