package org.accelmr.nn;

import org.accelmr.cs.CoilMaps;
import org.accelmr.cs.IterationMonitor;
import org.accelmr.cs.Penalty;
import org.accelmr.cs.SenseReconstruction;
import org.accelmr.cs.SolverSettings;
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
	 * @param kspace one slice, all coils, unacquired samples zero (the network's normalised input)
	 * @return the complex start image, interleaved re/im {@code height x width}, or null for a zero-filled start
	 */
	public static float[] image(final VarNetArchitecture architecture, final ComplexStack kspace,
		final SamplingMask mask, final CoilMaps maps)
	{
		if (!architecture.startsFromImage()) return null;
		final Penalty penalty = VarNetArchitecture.TV.equals(architecture.start()) ? Penalty.TOTAL_VARIATION
			: Penalty.L1_WAVELET;
		final SolverSettings settings = SolverSettings.DEFAULTS.with(penalty, SolverSettings.AUTO_LAMBDA,
			SolverSettings.DEFAULTS.iterations());
		return SenseReconstruction.reconstructComplex(kspace, mask, maps, settings, null, 1, IterationMonitor
			.silent());
	}
}
