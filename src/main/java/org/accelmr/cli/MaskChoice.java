package org.accelmr.cli;

import java.nio.file.Path;
import java.util.Locale;

import org.accelmr.io.MaskFiles;
import org.accelmr.mask.Masks;
import org.accelmr.mask.SamplingMask;

/**
 * Turns the mask keys ({@code mask}, {@code acceleration}, {@code center_fraction}, {@code calibration},
 * {@code seed}) into a sampling mask: {@code mask} is either a mask name for {@link Masks#create} or the path of
 * a mask file; {@code none} means no undersampling.
 */
final class MaskChoice {

	static final String NONE = "none";

	private MaskChoice() {}

	/** The requested mask for {@code width x height} k-space, or null for {@code mask=none}. */
	static SamplingMask resolve(final Arguments arguments, final int width, final int height) {
		final String mask = arguments.text(Key.MASK);
		if (mask.equals(NONE)) return null;
		if (isFile(mask)) return MaskFiles.read(Path.of(mask), width, height);
		return Masks.create(mask, arguments.real(Key.ACCELERATION), arguments.real(Key.CENTER_FRACTION), arguments
			.integer(Key.CALIBRATION)).sample(width, height, arguments.integer(Key.SEED));
	}

	/** One line: "random mask, achieved acceleration 3.97 (93 of 368 columns)". */
	static String describe(final String name, final SamplingMask mask) {
		final String what = mask.isColumnMask() ? countColumns(mask) + " of " + mask.width() + " columns" : mask
			.sampledCount() + " of " + (long) mask.width() * mask.height() + " samples";
		return String.format(Locale.ROOT, "%s mask, achieved acceleration %.2f (%s)", name, mask.acceleration(),
			what);
	}

	private static boolean isFile(final String mask) {
		final String m = mask.toLowerCase(Locale.ROOT);
		return m.endsWith(".npy") || m.endsWith(".cfl") || m.endsWith(".hdr") || m.contains("/");
	}

	private static int countColumns(final SamplingMask mask) {
		int n = 0;
		for (final boolean c : mask.columns())
			if (c) n++;
		return n;
	}
}
