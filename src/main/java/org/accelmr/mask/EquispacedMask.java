package org.accelmr.mask;

import java.util.SplittableRandom;

/**
 * fastMRI's {@code EquiSpacedMaskFunc}: besides the centre, every {@code s}-th column from a random offset,
 * {@code s = round(R)}, offset drawn uniformly from {@code 0 .. s - 1} (fastMRI's
 * {@code randint(0, round(acceleration))}).
 * <p>
 * Known quirk, kept on purpose: the spacing ignores the centre, so the centre columns come on top of
 * {@code N / s} spaced ones and the achieved acceleration is below R (about {@code N / (N / R + numLow)}); use
 * {@link EquispacedFractionMask} to hit R. fastMRI slices with the acceleration, which must be an integer
 * there; here a fractional R is rounded to the nearest spacing.
 */
public final class EquispacedMask extends MaskFunction {

	public EquispacedMask(final double acceleration, final double centerFraction) {
		super(acceleration, centerFraction);
	}

	/** The column spacing {@code round(R)}. */
	public int spacing() {
		return (int) Math.max(1, Math.rint(acceleration()));
	}

	@Override
	protected boolean[] accelerationColumns(final int width, final int numLow, final SplittableRandom random) {
		final int step = spacing();
		final boolean[] columns = new boolean[width];
		for (int x = random.nextInt(step); x < width; x += step)
			columns[x] = true;
		return columns;
	}
}
