package org.accelmr.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.accelmr.AccelMRException;
import org.accelmr.cs.CoilMapSource;
import org.accelmr.cs.CoilMaps;
import org.accelmr.io.KSpaceSource;
import org.accelmr.io.KSpaceSources;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;
import org.accelmr.nn.VarNetInference;
import org.accelmr.progress.Progress;

/**
 * The slices of undersampled scans ({@code train supervision=self}): every k-space file of a folder as the
 * reconstruct command reads it, each slice divided by its zero-filled maximum as inference divides it, with its
 * mask (the file's own; else the samples that are not zero in any coil) and coil maps from its calibration region.
 * The last files (at least one, {@code val_fraction} of them) are held out for validation; a single file gives up
 * its last slices instead.
 */
final class UndersampledScans {

	/** One measured slice: normalised k-space (zero where not sampled), its mask and coil maps. */
	record Scan(ComplexStack kspace, SamplingMask mask, CoilMaps maps) {}

	private static final List<String> EXTENSIONS = List.of(".h5", ".mrd", ".dat", ".cfl", ".npy");

	final List<Scan> training = new ArrayList<>();
	final List<Scan> validation = new ArrayList<>();
	final int files;

	private UndersampledScans(final int files) {
		this.files = files;
	}

	static UndersampledScans load(final Path data, final double valFraction, final int maxValidation,
		final String coilMaps, final Progress progress)
	{
		final List<Path> paths = files(data);
		final UndersampledScans scans = new UndersampledScans(paths.size());
		final int heldFiles = paths.size() == 1 ? 0 : Math.max(1, (int) Math.round(valFraction * paths.size()));
		for (int f = 0; f < paths.size(); f++) {
			progress.checkCancelled();
			progress.status("Reading " + paths.get(f).getFileName());
			final List<Scan> slices = read(paths.get(f), coilMaps, progress);
			if (paths.size() == 1) {
				final int held = Math.max(1, Math.min(slices.size() - 1, (int) Math.round(valFraction * slices
					.size())));
				if (slices.size() < 2) throw new AccelMRException(paths.get(f) +
					" has one slice; self-supervised training on one file needs at least 2 (one is held out)");
				scans.training.addAll(slices.subList(0, slices.size() - held));
				scans.validation.addAll(slices.subList(slices.size() - held, slices.size()));
			}
			else (f >= paths.size() - heldFiles ? scans.validation : scans.training).addAll(slices);
		}
		while (scans.validation.size() > maxValidation)
			scans.validation.remove(scans.validation.size() - 1);
		return scans;
	}

	private static List<Path> files(final Path data) {
		if (Files.isRegularFile(data)) return List.of(data);
		if (!Files.isDirectory(data)) throw new AccelMRException("data=" + data + ": no such file or folder");
		try (Stream<Path> s = Files.list(data)) {
			final List<Path> found = s.filter(p -> Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(e -> p
				.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e))).sorted().toList();
			if (found.isEmpty()) throw new AccelMRException("data=" + data + " has no undersampled k-space files (" +
				String.join(", ", EXTENSIONS) + ")");
			return found;
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot list " + data + ": " + e.getMessage(), e);
		}
	}

	private static List<Scan> read(final Path file, final String coilMaps, final Progress progress) {
		try (KSpaceSource source = KSpaceSources.open(file)) {
			final KSpace all = source.read(0, source.slices(), progress);
			final SamplingMask mask = all.mask() != null ? all.mask() : SamplingMask.acquiredIn(all.data());
			if (mask.acceleration() < 1.2) throw new AccelMRException(file + " looks fully sampled (acceleration " +
				String.format(Locale.ROOT, "%.2f", mask.acceleration()) +
				"); self-supervised training needs undersampled scans (or use supervision=full)");
			final CoilMapSource maps = CoilMapSource.parse(coilMaps);
			final List<Scan> out = new ArrayList<>();
			for (int z = 0; z < all.data().slices(); z++) {
				final KSpace slice = all.slice(z);
				final ComplexStack k = slice.data().copy();
				mask.applyTo(k);
				final float scale = VarNetInference.scale(k);
				for (int c = 0; c < k.coils(); c++) {
					final float[] p = k.plane(0, c);
					for (int i = 0; i < p.length; i++)
						p[i] /= scale;
				}
				final KSpace normalised = new KSpace(k, mask, slice.info());
				final CoilMaps m = k.coils() == 1 ? CoilMaps.ones(k.width(), k.height()) : maps.mapsFor(normalised, z);
				out.add(new Scan(k, mask, m));
			}
			return out;
		}
	}
}
