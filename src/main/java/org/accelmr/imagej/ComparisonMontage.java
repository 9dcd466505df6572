package org.accelmr.imagej;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.metrics.Metrics;

/**
 * The comparison montage of open images ({@link ComparisonFigure}): the reference and each reconstruction on
 * the reference's current slice, their error maps below, each labelled with its name and the whole volume's
 * PSNR and SSIM against the reference (fastMRI definitions, as Evaluate reconstruction reports them).
 */
public final class ComparisonMontage {

	/** Title of the montage image. */
	public static final String TITLE = "comparison montage";

	private ComparisonMontage() {}

	/**
	 * Makes the montage from images open in ImageJ and shows it (in batch mode: as the current image).
	 *
	 * @param reference title of the reference volume
	 * @param reconstructions titles of the reconstructions (same size as the reference)
	 * @param mask title of a 2-D sampling mask image of the same size, or empty for none
	 * @throws AccelMRException naming a title that is not open or whose size differs
	 */
	public static ImagePlus show(final String reference, final List<String> reconstructions, final String mask) {
		if (reconstructions.isEmpty()) throw new AccelMRException("montage: no reconstructions given");
		final ImagePlus ref = open(reference);
		final FloatVolume target = ImagePlusVolumes.toVolume(ref);
		final int slice = ref.getCurrentSlice() - 1;
		final float[] maskPixels = mask == null || mask.isBlank() ? null : ImagePlusVolumes.toVolume(open(mask))
			.slice(0);
		final ComparisonFigure figure = new ComparisonFigure(target.width(), target.height(), target.slice(slice),
			maskPixels);
		for (final String title : reconstructions) {
			final FloatVolume recon = ImagePlusVolumes.toVolume(open(title));
			if (recon.width() != target.width() || recon.height() != target.height() || recon.depth() != target
				.depth()) throw new AccelMRException("montage: '" + title + "' is " + recon.depth() + "x" + recon
					.height() + "x" + recon.width() + ", the reference '" + reference + "' is " + target.depth() + "x" +
					target.height() + "x" + target.width());
			figure.add(title, recon.slice(slice), Metrics.psnr(target, recon), Metrics.ssim(target, recon));
		}
		final ImagePlus montage = figure.toImagePlus(TITLE);
		montage.setCalibration(ref.getCalibration().copy());
		if (Interpreter.isBatchMode()) {
			Interpreter.addBatchModeImage(montage);
			WindowManager.setTempCurrentImage(montage);
		}
		else montage.show();
		return montage;
	}

	/** Splits a comma-separated list of titles, dropping blanks. */
	public static List<String> titles(final String commaSeparated) {
		final List<String> out = new ArrayList<>();
		for (final String t : commaSeparated.split(","))
			if (!t.isBlank()) out.add(t.trim());
		return out;
	}

	private static ImagePlus open(final String title) {
		final ImagePlus imp = WindowManager.getImage(title);
		if (imp == null) throw new AccelMRException("montage: no open image titled '" + title + "'");
		return imp;
	}
}
