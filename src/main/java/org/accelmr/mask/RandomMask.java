package org.accelmr.mask;

import java.util.SplittableRandom;

/**
 * fastMRI's {@code RandomMaskFunc}: besides the centre, each column is kept independently with probability
 * <pre>
 * p = (N / R - numLow) / (N - numLow)
 * </pre>
 * so that on average {@code N / R} columns are acquired in total. When the centre alone already exceeds
 * {@code N / R} columns, p is negative and only the centre is kept (the achieved acceleration is then below R),
 * as in fastMRI.
 */
public final class RandomMask extends MaskFunction {

	public RandomMask(final double acceleration, final double centerFraction) {
		super(acceleration, centerFraction);
	}

	/** The keep probability of a column outside the centre. */
	public double probability(final int width, final int numLow) {
		return (width / acceleration() - numLow) / (width - numLow);
	}

	@Override
	protected boolean[] accelerationColumns(final int width, final int numLow, final SplittableRandom random) {
		final double p = numLow < width ? probability(width, numLow) : 0;
		final boolean[] columns = new boolean[width];
		// one uniform per column, centre included, as fastMRI draws them
		for (int x = 0; x < width; x++)
			columns[x] = random.nextDouble() < p;
		return columns;
	}
}
