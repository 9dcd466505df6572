package org.accelmr.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import org.accelmr.AccelMRException;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.progress.Progress;

/**
 * The fully sampled images a training run draws from, split into training and held-out validation slices so
 * that no validation pixel is ever trained on.
 * <ul>
 * <li>Several files: whole files are held out ({@code valFraction} of them, at least one, chosen by the seed).</li>
 * <li>One file: a contiguous slab of slices is held out (at 55% of the non-empty slice range), with two slices
 * of margin on each side. A NIfTI volume also gives coronal and sagittal training images, cut only from the
 * parts of the volume below and above the slab.</li>
 * </ul>
 * Files are read by {@link VolumeFiles#readImage} (the reader simulate and evaluate share): fastMRI {@code .h5}
 * files give their {@code reconstruction_rss} (or the RSS of their k-space when it is fully sampled); NIfTI files
 * their axial planes (z, y, x). Nearly empty slices (under 3% of pixels above 5% of
 * the volume maximum) are skipped.
 */
public final class TrainingData {

	static final String KNOWN = ".h5, .nii, .nii.gz, .tif, .tiff or .npy";
	private static final int MARGIN = 2;

	private final List<SliceImage> training;
	private final List<SliceImage> validation;
	private final int volumes;

	TrainingData(final List<SliceImage> training, final List<SliceImage> validation, final int volumes) {
		this.training = List.copyOf(training);
		this.validation = List.copyOf(validation);
		this.volumes = volumes;
	}

	public List<SliceImage> training() {
		return training;
	}

	public List<SliceImage> validation() {
		return validation;
	}

	public int volumes() {
		return volumes;
	}

	/**
	 * Reads and splits {@code data} (a folder or one file).
	 *
	 * @param minSize smallest accepted image side (the network's and the crop's need)
	 * @param maxValidation at most this many validation slices, evenly spaced
	 * @throws AccelMRException for a missing or empty folder, unreadable files, or images below {@code minSize}
	 */
	public static TrainingData load(final Path data, final double valFraction, final long seed, final int minSize,
		final int maxValidation, final Progress progress)
	{
		return load(data, valFraction, seed, minSize, maxValidation, "", progress);
	}

	/**
	 * As {@link #load(Path, double, long, int, int, Progress)}; with {@code valData} (a folder or file, not blank)
	 * the validation slices are the axial slices with content of those files instead, and the held-out part of
	 * {@code data} stays out of training all the same.
	 *
	 * @throws AccelMRException also when {@code valData} is missing or is one of the training files
	 */
	public static TrainingData load(final Path data, final double valFraction, final long seed, final int minSize,
		final int maxValidation, final String valData, final Progress progress)
	{
		final List<Path> files = dataFiles(data);
		final List<SliceImage> train = new ArrayList<>(), val = new ArrayList<>();
		if (files.size() == 1) {
			progress.status("Reading " + files.get(0).getFileName());
			splitSlab(files.get(0), read(files.get(0)), valFraction, train, val);
		}
		else {
			final List<Path> order = new ArrayList<>(files);
			Collections.shuffle(order, new Random(seed));
			final int nVal = Math.max(1, (int) Math.round(valFraction * files.size()));
			for (int i = 0; i < order.size(); i++) {
				progress.checkCancelled();
				progress.status("Reading " + order.get(i).getFileName());
				progress.progress(i, order.size());
				final FloatVolume v = read(order.get(i));
				final String name = order.get(i).getFileName().toString();
				final VolumeSlicer slicer = new VolumeSlicer(v, name);
				if (i < nVal) val.addAll(axialWithContent(v, name));
				else train.addAll(allOrientations(slicer, v, 0, v.depth(), isVolume3D(order.get(i), v)));
			}
		}
		if (!valData.isBlank()) {
			val.clear();
			for (final Path file : dataFiles(Path.of(valData))) {
				for (final Path used : files)
					if (sameFile(file, used)) throw new AccelMRException("val_data " + file + " is also training data " +
						"(data=); give another subject's volume");
				progress.status("Reading validation data " + file.getFileName());
				val.addAll(axialWithContent(read(file), file.getFileName().toString()));
			}
		}
		for (final List<SliceImage> list : List.of(train, val))
			for (final SliceImage s : list)
				if (Math.min(s.width(), s.height()) < minSize) throw new AccelMRException("image " + s.origin() +
					" is " + s.height() + "x" + s.width() + "; training needs at least " + minSize + "x" + minSize +
					" (lower pools or crop)");
		if (train.isEmpty()) throw new AccelMRException("data " + data + " gave no training slices with content");
		if (val.isEmpty()) throw new AccelMRException((valData.isBlank() ? "data " + data : "val_data " + valData) +
			" gave no validation slices with content");
		return new TrainingData(train, evenlySpaced(val, maxValidation), files.size());
	}

	/** A held-out volume's axial slices that have content: what validation scores. */
	private static List<SliceImage> axialWithContent(final FloatVolume v, final String name) {
		return nonEmpty(new VolumeSlicer(v, name).axial(0, v.depth()), v.max());
	}

	/** Whether two paths name the same file (also when one of them does not exist: then only if equal). */
	static boolean sameFile(final Path a, final Path b) {
		if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) return true;
		try {
			return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
		}
		catch (final IOException e) {
			return false;
		}
	}

	/** The data files in a folder (not recursive, sorted by name), or the file itself. */
	static List<Path> dataFiles(final Path data) {
		if (Files.isRegularFile(data)) return List.of(data);
		if (!Files.isDirectory(data)) throw new AccelMRException("data folder " + data + " not found");
		try (Stream<Path> s = Files.list(data)) {
			final List<Path> files = s.filter(Files::isRegularFile).filter(TrainingData::known).sorted().toList();
			if (files.isEmpty()) throw new AccelMRException("data folder " + data + " holds no " + KNOWN +
				" files");
			return files;
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot list data folder " + data + ": " + e.getMessage(), e);
		}
	}

	private static boolean known(final Path p) {
		final String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
		return Stream.of(".h5", ".hdf5", ".nii", ".nii.gz", ".tif", ".tiff", ".npy").anyMatch(n::endsWith);
	}

	private static boolean isVolume3D(final Path file, final FloatVolume v) {
		final String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return (n.endsWith(".nii") || n.endsWith(".nii.gz")) && v.depth() >= 32;
	}

	/**
	 * A fully sampled image volume from any supported file (the one reader simulate and evaluate share).
	 *
	 * @throws AccelMRException when a pixel is NaN or infinite: one such pixel makes every loss it touches NaN
	 */
	static FloatVolume read(final Path file) {
		final FloatVolume v = VolumeFiles.readImage(file, 1);
		for (int z = 0; z < v.depth(); z++)
			for (final float p : v.slice(z))
				if (!Float.isFinite(p)) throw new AccelMRException("training data " + file + " holds NaN or infinite " +
					"values (slice " + z + "); training needs finite images");
		return v;
	}

	private static void splitSlab(final Path file, final FloatVolume v, final double valFraction,
		final List<SliceImage> train, final List<SliceImage> val)
	{
		final String name = file.getFileName().toString();
		final VolumeSlicer slicer = new VolumeSlicer(v, name);
		final double threshold = 0.05 * v.max();
		int first = 0, last = v.depth() - 1;
		while (first < last && fraction(v, first, threshold) < 0.03)
			first++;
		while (last > first && fraction(v, last, threshold) < 0.03)
			last--;
		final int range = last - first + 1;
		final int length = Math.max(1, (int) Math.round(valFraction * range));
		final int margin = range > 8 * MARGIN + length ? MARGIN : 0;
		final int z0 = Math.min(v.depth() - length, first + (int) Math.round(0.55 * range) - length / 2);
		final int z1 = z0 + length;
		val.addAll(nonEmpty(slicer.axial(z0, z1), v.max()));
		final boolean threeD = isVolume3D(file, v);
		train.addAll(allOrientations(slicer, v, 0, Math.max(0, z0 - margin), threeD));
		train.addAll(allOrientations(slicer, v, Math.min(v.depth(), z1 + margin), v.depth(), threeD));
	}

	private static double fraction(final FloatVolume v, final int z, final double threshold) {
		return new SliceImage(v.slice(z), v.width(), v.height(), "").fractionAbove(threshold);
	}

	private static List<SliceImage> allOrientations(final VolumeSlicer slicer, final FloatVolume v, final int z0,
		final int z1, final boolean threeD)
	{
		final List<SliceImage> out = new ArrayList<>(slicer.axial(z0, z1));
		if (threeD && z1 - z0 >= 16) {
			out.addAll(slicer.coronal(z0, z1));
			out.addAll(slicer.sagittal(z0, z1));
		}
		return nonEmpty(out, v.max());
	}

	private static List<SliceImage> nonEmpty(final List<SliceImage> slices, final double volumeMax) {
		return slices.stream().filter(s -> s.fractionAbove(0.05 * volumeMax) >= 0.03).toList();
	}

	private static List<SliceImage> evenlySpaced(final List<SliceImage> all, final int max) {
		if (all.size() <= max) return all;
		final List<SliceImage> out = new ArrayList<>(max);
		for (int i = 0; i < max; i++)
			out.add(all.get((int) ((i + 0.5) * all.size() / max)));
		return out;
	}
}
