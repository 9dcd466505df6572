package org.accelmr.cs;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.KSpace;

/**
 * Where a reconstruction gets coil sensitivities from, as the {@code coil_maps} key says: {@code espirit}
 * ({@link EspiritCalibration} with BART's defaults), {@code rss} ({@link CoilMaps#rss}) or a file. Single-coil
 * data always uses one map of ones.
 */
public abstract class CoilMapSource {

	/**
	 * The maps for one slice ({@code kspace} holds only that slice); {@code slice} is its index in the whole
	 * volume, which a file of per-slice maps is indexed by.
	 */
	public abstract CoilMaps mapsFor(KSpace kspace, int slice);

	/**
	 * Fails fast, before any slice is reconstructed, when these maps cannot serve a whole volume of
	 * {@code slices x coils x height x width} k-space (single-coil volumes never read maps).
	 *
	 * @throws AccelMRException naming the source and both shapes
	 */
	public void check(final int slices, final int coils, final int height, final int width) {}

	/** {@link #check(int, int, int, int)} for every slice of {@code kspace}. */
	public final void check(final KSpace kspace) {
		check(kspace.data().slices(), kspace.data().coils(), kspace.data().height(), kspace.data().width());
	}

	/** @throws AccelMRException for an empty value */
	public static CoilMapSource parse(final String value) {
		if (value == null || value.isBlank()) throw new AccelMRException(
			"coil_maps must be espirit, rss or a .cfl/.npy file; got an empty value");
		return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
			case "espirit" -> new Estimated(true);
			case "rss" -> new Estimated(false);
			default -> CoilMapFiles.source(value.trim());
		};
	}

	private static final class Estimated extends CoilMapSource {

		private final boolean espirit;

		Estimated(final boolean espirit) {
			this.espirit = espirit;
		}

		@Override
		public CoilMaps mapsFor(final KSpace kspace, final int slice) {
			final int w = kspace.data().width(), h = kspace.data().height();
			if (kspace.data().coils() == 1) return CoilMaps.ones(w, h);
			return espirit ? EspiritCalibration.DEFAULTS.estimate(kspace.data(), kspace.maskOrFull()) : CoilMaps.rss(
				kspace.data(), kspace.maskOrFull(), EspiritCalibration.DEFAULTS.calibrationSize());
		}
	}
}
