package org.accelmr.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.metrics.Metrics;

/**
 * {@code accelmr evaluate reference=F reconstruction=R}: NMSE, PSNR and SSIM as fastMRI's evaluate.py defines
 * them. The reference is a fastMRI file's {@code reconstruction_rss} (or {@code _esc}), any reconstruction or
 * image file, or fully sampled k-space (its zero-filled RSS), centre-cropped to the reconstruction's size.
 */
public final class EvaluateSubcommand implements Subcommand {

	static final Spec SPEC = new Spec("evaluate", "Evaluate reconstruction",
		"NMSE, PSNR and SSIM of a reconstruction against a reference (fastMRI definitions)", "", List.of(
			Key.REFERENCE, Key.RECONSTRUCTION), List.of(Key.REFERENCE, Key.RECONSTRUCTION), Map.of(),
		"./accelmr evaluate reference=file_brain.h5 reconstruction=recon.h5");

	@Override
	public Spec spec() {
		return SPEC;
	}

	@Override
	public int run(final Arguments arguments, final PrintStream out) {
		final Path referencePath = arguments.path(Key.REFERENCE);
		final Path reconstructionPath = arguments.path(Key.RECONSTRUCTION);
		final FloatVolume reconstruction = finite(reconstructionPath, readVolume(reconstructionPath));
		final FloatVolume reference = finite(referencePath, croppedTo(reconstruction, readReference(
			referencePath)));
		if (reference.width() != reconstruction.width() || reference.height() != reconstruction.height() ||
			reference.depth() != reconstruction.depth()) throw new AccelMRException(reconstructionPath + ": size " +
				shape(reconstruction) + " does not match the reference " + referencePath + " " + shape(reference));
		// all three first: a metric that cannot be computed must not leave the others half-printed
		final double nmse, psnr, ssim;
		try {
			nmse = Metrics.nmse(reference, reconstruction);
			psnr = Metrics.psnr(reference, reconstruction);
			ssim = Metrics.ssim(reference, reconstruction);
		}
		catch (final AccelMRException e) {
			throw new AccelMRException(reconstructionPath + ": " + e.getMessage());
		}
		out.printf(Locale.ROOT, "NMSE  %.6f%n", nmse);
		out.printf(Locale.ROOT, "PSNR  %.4f dB%n", psnr);
		out.printf(Locale.ROOT, "SSIM  %.6f%n", ssim);
		return Main.OK;
	}

	/**
	 * A stored reference (a fastMRI file's reconstruction_rss/esc, any image or reconstruction file), or the
	 * zero-filled RSS of fully sampled k-space (.h5 without a stored reference, complex .npy/.cfl), which is
	 * what fastMRI's reference is.
	 */
	private static FloatVolume readReference(final Path path) {
		if (!Files.isRegularFile(path)) throw new AccelMRException(path + ": no such file");
		return VolumeFiles.readImage(path, Runtime.getRuntime().availableProcessors());
	}

	/**
	 * The reference's centre at the reconstruction's size when it is larger, as fastMRI crops its references
	 * (and AccelMR its reconstructions) to the reconstruction matrix.
	 */
	private static FloatVolume croppedTo(final FloatVolume reconstruction, final FloatVolume reference) {
		final boolean larger = reference.width() >= reconstruction.width() && reference.height() >= reconstruction
			.height() && (reference.width() > reconstruction.width() || reference.height() > reconstruction.height());
		return larger ? reference.centerCrop(reconstruction.width(), reconstruction.height()) : reference;
	}

	/** Metrics of NaN or infinite pixels are NaN themselves, or silently skewed: refused with one line. */
	private static FloatVolume finite(final Path path, final FloatVolume v) {
		for (int s = 0; s < v.depth(); s++) {
			final float[] pixels = v.slice(s);
			for (int i = 0; i < pixels.length; i++)
				if (!Float.isFinite(pixels[i])) throw new AccelMRException(path + ": pixel at slice " + s + ", row " +
					i / v.width() + ", column " + i % v.width() + " is " + pixels[i] +
					"; metrics need finite values");
		}
		return v;
	}

	private static FloatVolume readVolume(final Path path) {
		if (!Files.isRegularFile(path)) throw new AccelMRException(path + ": no such file");
		return VolumeFiles.read(path);
	}

	private static String shape(final FloatVolume v) {
		return v.depth() + "x" + v.height() + "x" + v.width();
	}
}
