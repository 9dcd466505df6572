package org.accelmr.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.accelmr.AccelMRException;
import org.accelmr.io.FastMriFile;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.metrics.Metrics;

/**
 * {@code accelmr evaluate reference=F reconstruction=R}: NMSE, PSNR and SSIM as fastMRI's evaluate.py defines
 * them. The reference is a fastMRI file's {@code reconstruction_rss} (or {@code _esc}) or any reconstruction
 * file.
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
		final FloatVolume reference = readReference(referencePath);
		final FloatVolume reconstruction = readVolume(reconstructionPath);
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

	private static FloatVolume readReference(final Path path) {
		if (!Files.isRegularFile(path)) throw new AccelMRException(path + ": no such file");
		if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".h5")) {
			final Optional<FloatVolume> stored = storedReference(path);
			if (stored.isPresent()) return stored.get();
		}
		return VolumeFiles.read(path);
	}

	/** A fastMRI raw file's own reference, or empty when the .h5 is a reconstruction file (no kspace). */
	private static Optional<FloatVolume> storedReference(final Path path) {
		try (FastMriFile file = FastMriFile.open(path)) {
			return file.readReference();
		}
		catch (final AccelMRException notRaw) {
			// not a k-space file: read it below as a reconstruction-layout file, whose error names the problem
			return Optional.empty();
		}
	}

	private static FloatVolume readVolume(final Path path) {
		if (!Files.isRegularFile(path)) throw new AccelMRException(path + ": no such file");
		return VolumeFiles.read(path);
	}

	private static String shape(final FloatVolume v) {
		return v.depth() + "x" + v.height() + "x" + v.width();
	}
}
