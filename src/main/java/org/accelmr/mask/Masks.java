package org.accelmr.mask;

import java.util.List;

import org.accelmr.AccelMRException;

/** Masks by name, as fastMRI's {@code create_mask_for_mask_type}. */
public final class Masks {

	/** The valid names, in the order a user interface lists them. */
	public static final List<String> NAMES = List.of("random", "equispaced", "equispaced-fraction", "poisson");

	private Masks() {}

	/**
	 * A mask sampler by name.
	 *
	 * @param name one of {@link #NAMES}
	 * @param acceleration requested acceleration R &gt; 1
	 * @param centerFraction fraction of fully sampled centre columns, in (0, 1); used by the column masks
	 * @param calibration side of the fully sampled centre square of the Poisson-disc mask (0 = none); ignored by
	 *          the column masks
	 * @throws AccelMRException for an unknown name or an invalid value
	 */
	public static MaskSampler create(final String name, final double acceleration, final double centerFraction,
		final int calibration)
	{
		return switch (name == null ? "" : name.trim().toLowerCase()) {
			case "random" -> new RandomMask(acceleration, centerFraction);
			case "equispaced" -> new EquispacedMask(acceleration, centerFraction);
			case "equispaced-fraction" -> new EquispacedFractionMask(acceleration, centerFraction);
			case "poisson" -> new PoissonDiscMask(acceleration, calibration);
			default -> throw new AccelMRException("mask must be one of " + String.join(", ", NAMES) + ", got '" +
				name + "'");
		};
	}
}
