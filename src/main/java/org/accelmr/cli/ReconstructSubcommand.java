package org.accelmr.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.io.FastMriFile;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;
import org.accelmr.progress.Progress;
import org.accelmr.recon.ReconstructionMethods;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.recon.Reconstructor;

/**
 * {@code accelmr reconstruct input=F output=R method=M [mask keys] [method keys]}: reads k-space slice by
 * slice (fastMRI .h5 is never loaded whole), undersamples it when a mask is asked for and the file is fully
 * sampled (a file that carries its own mask is reconstructed as it is), reconstructs and writes one volume.
 */
public final class ReconstructSubcommand implements Subcommand {

	static final Spec SPEC = new Spec("reconstruct", "Reconstruct",
		"reconstruct k-space into an image volume (.h5 fastMRI submission layout, .tif, .npy, .cfl)", "", List.of(
			Key.INPUT, Key.OUTPUT, Key.METHOD, Key.MASK, Key.ACCELERATION, Key.CENTER_FRACTION, Key.CALIBRATION,
			Key.SEED, Key.LAMBDA, Key.ITERATIONS, Key.COIL_MAPS, Key.MODEL, Key.DATA_CONSISTENCY, Key.THREADS), List.of(Key.INPUT,
				Key.OUTPUT), Map.of(Key.MASK, MaskChoice.NONE),
		"./accelmr reconstruct input=file_brain.h5 output=recon.h5 method=zero-filled mask=random acceleration=4");

	@Override
	public Spec spec() {
		return SPEC;
	}

	@Override
	public int run(final Arguments arguments, final PrintStream out) {
		final Path input = arguments.path(Key.INPUT);
		final Path output = OutputFile.check(Key.OUTPUT, arguments.path(Key.OUTPUT), OutputFile.VOLUME_EXTENSIONS,
			input);
		final Reconstructor method = ReconstructionMethods.create(settings(arguments));
		if (!Files.isRegularFile(input)) throw new AccelMRException(input + ": no such file");

		final long start = System.nanoTime();
		final FloatVolume image = isHdf5(input) ? reconstructHdf5(input, arguments, method, out) : reconstruct(
			KSpaceFiles.read(input), arguments, method, out);
		final double seconds = (System.nanoTime() - start) / 1e9;
		VolumeFiles.write(image, output);
		out.printf(Locale.ROOT, "%s: %d slice(s) in %.2f s (%.3f s per slice)%n", method.name(), image.depth(),
			seconds, seconds / image.depth());
		out.printf("wrote %s (%d x %d x %d)%n", output, image.depth(), image.height(), image.width());
		return Main.OK;
	}

	/** The reconstruction settings the keys describe. */
	static ReconstructionSettings settings(final Arguments a) {
		return new ReconstructionSettings(a.text(Key.METHOD), a.real(Key.LAMBDA), a.integer(Key.ITERATIONS), a.text(
			Key.COIL_MAPS), a.text(Key.MODEL), a.integer(Key.THREADS), a.text(Key.DATA_CONSISTENCY));
	}

	private static boolean isHdf5(final Path input) {
		final String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".h5") || name.endsWith(".hdf5");
	}

	/** Slice by slice, so a large multi-coil file needs the memory of one slice of k-space. */
	private static FloatVolume reconstructHdf5(final Path input, final Arguments arguments,
		final Reconstructor method, final PrintStream out)
	{
		try (FastMriFile file = FastMriFile.open(input)) {
			final SamplingMask mask = maskFor(file.mask() != null, input, file.width(), file.height(), arguments, out);
			final float[][] slices = new float[file.slices()][];
			FloatVolume first = null;
			for (int s = 0; s < file.slices(); s++) {
				final FloatVolume one = reconstructSlice(file.readSlices(s, 1), mask, method);
				if (first == null) first = one;
				slices[s] = one.slice(0);
			}
			return new FloatVolume(first.width(), first.height(), slices);
		}
	}

	private static FloatVolume reconstruct(final KSpace kspace, final Arguments arguments,
		final Reconstructor method, final PrintStream out)
	{
		final SamplingMask mask = maskFor(kspace.isUndersampled(), arguments.path(Key.INPUT), kspace.data().width(),
			kspace.data().height(), arguments, out);
		final float[][] slices = new float[kspace.data().slices()][];
		FloatVolume first = null;
		for (int s = 0; s < slices.length; s++) {
			final FloatVolume one = reconstructSlice(kspace.slice(s), mask, method);
			if (first == null) first = one;
			slices[s] = one.slice(0);
		}
		return new FloatVolume(first.width(), first.height(), slices);
	}

	private static FloatVolume reconstructSlice(final KSpace slice, final SamplingMask mask,
		final Reconstructor method)
	{
		return method.reconstruct(mask == null ? slice : slice.undersample(mask), Progress.NONE);
	}

	/** The mask to apply, or null when the file is used as it is. */
	private static SamplingMask maskFor(final boolean fileHasMask, final Path input, final int width,
		final int height, final Arguments arguments, final PrintStream out)
	{
		final String name = arguments.text(Key.MASK);
		if (fileHasMask) {
			if (!name.equals(MaskChoice.NONE)) out.println("note: " + input +
				" is already undersampled and carries its own mask; mask=" + name + " is not applied");
			return null;
		}
		final SamplingMask mask = MaskChoice.resolve(arguments, width, height);
		if (mask != null) out.println(MaskChoice.describe(name, mask));
		return mask;
	}
}
