package org.accelmr.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.KSpace;
import org.accelmr.kspace.RawScan;
import org.accelmr.mask.SamplingMask;

/**
 * What a user wants to know about a k-space file before reconstructing it, for {@code ./accelmr info} and the
 * Log after Open k-space: format, dimensions in AccelMR's orientation, coils, the acquired fraction and
 * acceleration, matrix, field of view, pixel size, noise and calibration data, repetitions.
 */
public final class ScanSummary {

	private ScanSummary() {}

	/** One "name: value" line per fact. */
	public static List<String> describe(final Path file, final RawScan raw) {
		final KSpace k = raw.kspace();
		final ComplexStack d = k.data();
		final AcquisitionInfo info = k.info();
		final List<String> out = new ArrayList<>();
		out.add(line("file", file.toString()));
		out.add(line("format", format(file, info)));
		out.add(line("k-space", String.format(Locale.ROOT, "%d slice%s x %d coil%s x %d readout (rows) x %d phase " +
			"encoding (columns), complex", d.slices(), d.slices() == 1 ? "" : "s", d.coils(), d.coils() == 1 ? "" : "s",
			d.height(), d.width())));
		out.add(line("coils", Integer.toString(d.coils())));
		out.add(line("acquired", acquired(k)));
		Object encoded = info.attributes().get("encoded_matrix"), recon = info.attributes().get("recon_matrix");
		final IsmrmrdHeader header = IsmrmrdHeader.parse(info.ismrmrdHeader());
		if (encoded == null && header.encoded().known()) { // a fastMRI file's ismrmrd_header
			encoded = header.encoded().x() + " x " + header.encoded().y() + " x " + header.encoded().z();
			recon = header.recon().x() + " x " + header.recon().y() + " x " + header.recon().z();
		}
		String matrix = d.height() + " x " + d.width() + " (readout x phase encoding)";
		if (info.reconstructionHeight() > 0 && (info.reconstructionHeight() != d.height() || info
			.reconstructionWidth() != d.width())) matrix += ", reconstructions cropped to " + info
				.reconstructionHeight() + " x " + info.reconstructionWidth();
		if (encoded != null) matrix += "; header encoded space " + encoded + ", recon space " + recon;
		if (info.attributes().get("protocol_matrix") != null) matrix += "; protocol " + info.attributes().get(
			"protocol_matrix") + " (the scan headers are trusted)";
		out.add(line("matrix", matrix));
		if (info.pixelWidth() > 0 && info.pixelHeight() > 0) {
			final int rows = info.reconstructionHeight() > 0 ? info.reconstructionHeight() : d.height();
			final int cols = info.reconstructionWidth() > 0 ? info.reconstructionWidth() : d.width();
			out.add(line("FOV", String.format(Locale.ROOT, "%.4g x %.4g mm (readout x phase encoding)", rows * info
				.pixelHeight(), cols * info.pixelWidth())));
			out.add(line("pixel size", String.format(Locale.ROOT, "%.4g x %.4g mm (readout x phase encoding)", info
				.pixelHeight(), info.pixelWidth())));
		}
		else {
			out.add(line("FOV", "unknown"));
			out.add(line("pixel size", "unknown"));
		}
		out.add(line("noise scans", raw.noise() == null ? "none" : info.attributes().getOrDefault("noise_scans", "?") +
			" (" + raw.noise().count() + " samples per coil; prewhiten=auto whitens with them)"));
		if (raw.calibration() != null) out.add(line("calibration", raw.calibration().maskOrFull().columns().length +
			" columns, " + count(raw.calibration().maskOrFull().columns()) + " with calibration lines (used for " +
			"coil sensitivities only)"));
		if (info.attributes().get("repetitions") instanceof Integer reps) out.add(line("repetitions", reps +
			", contrasts " + info.attributes().get("contrasts") + ", averages " + info.attributes().get("averages") +
			" (averages are averaged; the first repetition and contrast are read unless repetition=/contrast= say)"));
		return out;
	}

	private static String format(final Path file, final AcquisitionInfo info) {
		if (info.attributes().get("format") instanceof String f) {
			String s = f;
			if (info.attributes().get("measurements") != null) s += ", " + info.attributes().get("measurements") +
				" measurement(s)";
			if (info.attributes().get("protocol") != null) s += ", protocol '" + info.attributes().get("protocol") + "'";
			return s;
		}
		return switch (Extensions.of(file)) {
			case ".h5", ".hdf5" -> "fastMRI HDF5";
			case ".cfl", ".hdr" -> "BART .cfl/.hdr";
			case ".npy" -> "NumPy .npy";
			default -> Extensions.of(file);
		};
	}

	private static String acquired(final KSpace k) {
		final ComplexStack d = k.data();
		final SamplingMask mask = k.mask();
		if (mask != null) {
			final double fraction = (double) mask.sampledCount() / ((long) mask.width() * mask.height());
			final String what = mask.isColumnMask() ? count(mask.columns()) + " of " + mask.width() +
				" phase-encoding lines" : mask.sampledCount() + " of " + (long) mask.width() * mask.height() + " samples";
			return String.format(Locale.ROOT, "%s, fraction %.4f, acceleration %.3f (the file's own mask)", what,
				fraction, 1 / fraction);
		}
		// no mask (.npy, .cfl, fully sampled files): columns that hold only zeros were not acquired
		final boolean[] nonZero = SamplingMask.acquiredIn(d).columns();
		final int n = count(nonZero);
		if (n == d.width()) return d.width() + " of " + d.width() + " phase-encoding lines, fraction 1, fully sampled";
		return String.format(Locale.ROOT, "%d of %d phase-encoding lines hold data, fraction %.4f, acceleration %.3f " +
			"(no mask in the file: all-zero columns counted as not acquired)", n, d.width(), (double) n / d.width(),
			(double) d.width() / n);
	}

	private static int count(final boolean[] flags) {
		int n = 0;
		for (final boolean b : flags)
			if (b) n++;
		return n;
	}

	private static String line(final String name, final String value) {
		return String.format(Locale.ROOT, "%-12s %s", name + ":", value);
	}
}
