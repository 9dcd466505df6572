package org.accelmr.mask;

import java.util.SplittableRandom;

import org.accelmr.AccelMRException;

/**
 * fastMRI's {@code EquispacedMaskFractionFunc}: equispaced columns with the spacing stretched so that, with the
 * centre, the total sampled fraction is about {@code 1 / R}. Solving
 * {@code numLow + (N - numLow) / a = N / R} for the spacing gives
 * <pre>
 * a = R (numLow - N) / (numLow R - N)
 * </pre>
 * Columns {@code round(offset + k a)} for {@code offset + k a < N - 1} are kept, offset drawn from
 * {@code 0 .. round(a) - 1}. Rounding is half-to-even, as numpy's {@code around}.
 * <p>
 * Known quirk (fastMRI issue 54), kept because fastMRI's multi-coil data were made this way: with a
 * non-integer {@code a} the rounded positions are not exactly equispaced (gaps alternate between
 * {@code floor(a)} and {@code ceil(a)}), which standard GRAPPA kernels do not expect; and because the range stops
 * before {@code N - 1}, the last column is never picked by this step.
 */
public final class EquispacedFractionMask extends MaskFunction {

	public EquispacedFractionMask(final double acceleration, final double centerFraction) {
		super(acceleration, centerFraction);
	}

	/** The adjusted (fractional) spacing {@code a} for this width and centre. */
	public double adjustedSpacing(final int width, final int numLow) {
		final double r = acceleration();
		final double denominator = numLow * r - width;
		if (denominator >= 0) throw new AccelMRException("center_fraction " + centerFraction() +
			" keeps " + numLow + " of " + width + " columns, already more than 1/acceleration (" + r +
			"); lower center_fraction or acceleration");
		return r * (numLow - width) / denominator;
	}

	@Override
	protected boolean[] accelerationColumns(final int width, final int numLow, final SplittableRandom random) {
		final double spacing = adjustedSpacing(width, numLow);
		final int offset = random.nextInt((int) Math.max(1, Math.rint(spacing)));
		final boolean[] columns = new boolean[width];
		for (int k = 0;; k++) {
			final double position = offset + k * spacing;
			if (position >= width - 1) break;
			columns[(int) Math.rint(position)] = true;
		}
		return columns;
	}
}
