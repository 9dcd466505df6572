package org.accelmr.mask;

import java.util.SplittableRandom;

import org.accelmr.AccelMRException;

/**
 * A column (1-D) undersampling mask in the manner of fastMRI's {@code MaskFunc} (Zbontar et al., "fastMRI: An
 * Open Dataset and Benchmarks for Accelerated MRI", 2018): whole kx columns are kept or dropped, the same for
 * every row. A draw is the union of two steps:
 * <ol>
 * <li>the centre step, shared by all masks: {@code numLow = round(width * centerFraction)} adjacent columns
 * starting at {@code (width - numLow + 1) / 2} (integer division), so for even widths the block sits one column
 * right of centre when {@code numLow} is odd, exactly as fastMRI;</li>
 * <li>the acceleration step, which subclasses define ({@link #accelerationColumns}).</li>
 * </ol>
 * Rounding is half-to-even, as Python's {@code round}. Each draw uses its own {@link SplittableRandom} seeded from
 * the given seed, so masks are repeatable but do not equal numpy's draws for the same seed.
 */
public abstract class MaskFunction implements MaskSampler {

	private final double acceleration;
	private final double centerFraction;

	/**
	 * @param acceleration requested acceleration R &gt; 1
	 * @param centerFraction fraction of columns fully sampled at the centre, in (0, 1)
	 */
	protected MaskFunction(final double acceleration, final double centerFraction) {
		if (!(acceleration > 1) || Double.isInfinite(acceleration)) throw new AccelMRException(
			"acceleration must be > 1, got " + acceleration);
		if (!(centerFraction > 0 && centerFraction < 1)) throw new AccelMRException(
			"center_fraction must be in (0, 1), got " + centerFraction);
		this.acceleration = acceleration;
		this.centerFraction = centerFraction;
	}

	@Override
	public double acceleration() {
		return acceleration;
	}

	public double centerFraction() {
		return centerFraction;
	}

	/** The number of fully sampled centre columns for this width: {@code round(width * centerFraction)}. */
	public int lowFrequencyColumns(final int width) {
		return (int) Math.rint(width * centerFraction);
	}

	@Override
	public final SamplingMask sample(final int width, final int height, final long seed) {
		if (width < 1 || height < 1) throw new AccelMRException("mask size must be positive, got " + height + "x" +
			width);
		if (acceleration > width) throw accelerationAbove(acceleration, width, "the number of columns", height + "x" +
			width);
		final int numLow = lowFrequencyColumns(width);
		final boolean[] columns = centerColumns(width, numLow);
		final boolean[] outer = accelerationColumns(width, numLow, new SplittableRandom(seed));
		for (int x = 0; x < width; x++)
			columns[x] |= outer[x];
		return SamplingMask.ofColumns(columns, height);
	}

	/**
	 * The centre step: {@code numLow} columns from {@code (width - numLow + 1) / 2}.
	 *
	 * @return one flag per column
	 */
	/**
	 * R above what a mask of this size can reach. Where nothing above 1 fits (one column), it says so instead of
	 * asking for a number "> 1 and <= 1".
	 *
	 * @param limit what bounds R, in words ("the number of columns")
	 * @param size the mask's size, rows x columns
	 */
	static AccelMRException accelerationAbove(final double acceleration, final int max, final String limit,
		final String size)
	{
		if (max <= 1) return new AccelMRException("a " + size + " mask cannot undersample: acceleration must exceed 1 " +
			"but is bounded by " + limit + ", here " + max + " (got " + acceleration + ")");
		return new AccelMRException("acceleration must be > 1 and <= " + max + " (" + limit + ") for a " + size +
			" mask, got " + acceleration);
	}

	public static boolean[] centerColumns(final int width, final int numLow) {
		final boolean[] columns = new boolean[width];
		final int start = (width - numLow + 1) / 2;
		for (int x = start; x < start + numLow; x++)
			columns[x] = true;
		return columns;
	}

	/**
	 * The acceleration step: which columns outside (or overlapping) the centre to keep.
	 *
	 * @param width number of columns
	 * @param numLow number of centre columns the centre step keeps
	 * @param random the draw's random source
	 * @return one flag per column
	 */
	protected abstract boolean[] accelerationColumns(int width, int numLow, SplittableRandom random);
}
