package org.accelmr.cs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

import org.accelmr.mask.SamplingMask;

/**
 * One automatic λ for a volume ({@link LambdaSelection#chooseForVolume}): chosen on the volume's calibration
 * slices, then each slice's warm start at it. The calibration slices depend on the slice count only, so every
 * slice gets the same λ and start however the volume is read in chunks.
 */
public final class VolumeLambda {

	/**
	 * Slices λ is chosen on at most: spread evenly; their path images (confirmed ones for the slices that confirm
	 * the choice) warm-start their own final solves.
	 */
	public static final int CALIBRATION_SLICES = 8;

	private final LambdaSelection.VolumeChoice choice;
	private final Map<Integer, LambdaSelection.Choice> calibrated = new ConcurrentHashMap<>();

	private VolumeLambda(final LambdaSelection.VolumeChoice choice, final int[] indices) {
		this.choice = choice;
		for (int s = 0; s < indices.length; s++)
			calibrated.put(indices[s], choice.forSlice(s));
	}

	/** {@code min(CALIBRATION_SLICES, slices)} slice indices spread evenly over {@code slices}, ascending. */
	public static int[] calibrationSlices(final int slices) {
		return spread(CALIBRATION_SLICES, slices);
	}

	/** {@code min(count, slices)} indices spread evenly over {@code [0, slices)}, ascending. */
	static int[] spread(final int count, final int slices) {
		final int n = Math.min(count, slices);
		final int[] out = new int[n];
		for (int i = 0; i < n; i++)
			out[i] = (int) ((2L * i + 1) * slices / (2L * n));
		return out;
	}

	/**
	 * @param slices the calibration slices' scaled k-space, in the order of {@code indices}
	 * @param parallel runs a list of jobs (one per slice), in parallel where it can
	 * @param monitors one per slice
	 */
	public static VolumeLambda choose(final List<SenseReconstruction.ScaledSlice> slices, final int[] indices,
		final SamplingMask mask, final List<CoilMaps> maps, final SolverSettings settings,
		final ExecutorService executor, final int workers, final Consumer<List<Runnable>> parallel,
		final List<IterationMonitor> monitors)
	{
		final double[] weights = new double[slices.size()];
		for (int s = 0; s < weights.length; s++)
			weights[s] = slices.get(s).scale() * slices.get(s).scale();
		return new VolumeLambda(LambdaSelection.chooseForVolume(slices.stream().map(SenseReconstruction.ScaledSlice::y)
			.toList(), indices, weights, mask, maps, settings, executor, workers, parallel, monitors), indices);
	}

	public double lambda() {
		return choice.lambda();
	}

	/**
	 * The final solve's choice for slice {@code index}: a calibration slice's own (given once), any other's
	 * descent along the same path to the chosen point ({@link LambdaSelection#descend}).
	 */
	public LambdaSelection.Choice forSlice(final int index, final SenseReconstruction.ScaledSlice slice,
		final SamplingMask mask, final CoilMaps maps, final SolverSettings settings, final ExecutorService executor,
		final int workers, final IterationMonitor monitor)
	{
		final LambdaSelection.Choice own = calibrated.remove(index);
		return own != null ? own : LambdaSelection.descend(slice.y(), mask, maps, settings, choice, executor,
			workers, monitor);
	}
}
