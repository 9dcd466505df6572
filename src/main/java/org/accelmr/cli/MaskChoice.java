package org.accelmr.cli;

import java.nio.file.Path;
import java.util.Locale;

import org.accelmr.io.MaskFiles;
import org.accelmr.mask.Masks;
import org.accelmr.mask.SamplingMask;
import org.accelmr.pipeline.Undersampling;

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

	/**
	 * The requested undersampling of a fully sampled volume, before its size is known: a mask name with its keys,
	 * a mask file, or {@link Undersampling#NONE} for {@code mask=none}.
	 *
	 * @throws org.accelmr.AccelMRException for an unknown mask name or an invalid acceleration or fraction
	 */
	static Undersampling undersampling(final Arguments arguments) {
		final String mask = arguments.text(Key.MASK);
		if (mask.equals(NONE)) return Undersampling.NONE;
		if (isFile(mask)) return new Undersampling(MaskFiles.sampler(Path.of(mask)), 0, mask);
		return new Undersampling(Masks.create(mask, arguments.real(Key.ACCELERATION), arguments.real(
			Key.CENTER_FRACTION), arguments.integer(Key.CALIBRATION)), arguments.integer(Key.SEED), mask);
	}

	/** The mask file {@code mask=} names, or null when it names a mask function or none. */
	static Path file(final Arguments arguments) {
		final String mask = arguments.text(Key.MASK);
		return isFile(mask) ? Path.of(mask) : null;
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
