package org.accelmr.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.accelmr.AccelMRException;

import org.accelmr.imagej.ImagePlusVolumes;
import org.accelmr.imagej.LegacyHeadless;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;

/**
 * {@code accelmr simulate [input=IMAGE] output=K.npy coils=8 phase=true noise=0 seed=42}: an image ImageJ
 * opens, taken as magnitude, turned into fully sampled multi-coil k-space; without {@code input}, the built-in
 * demo brain.
 */
public final class SimulateSubcommand implements Subcommand {

	static final Spec SPEC = new Spec("simulate", "Simulate k-space",
		"multi-coil k-space from an image (TIFF, PNG, DICOM...) or the built-in brain (writes .npy/.cfl)", "", List
			.of(Key.INPUT, Key.OUTPUT, Key.COILS, Key.PHASE, Key.NOISE, Key.SEED), List.of(Key.OUTPUT), Map.of(),
		"./accelmr simulate input=brain.png output=kspace.npy coils=8 phase=true noise=0.001 seed=42");

	@Override
	public Spec spec() {
		return SPEC;
	}

	/** Formats AccelMR reads itself (as train does); everything else is opened by ImageJ. */
	private static final List<String> OWN_FORMATS = List.of(".npy", ".cfl", ".hdr", ".nii", ".nii.gz", ".h5",
		".hdf5");

	private static FloatVolume image(final Path input) {
		final String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
		if (OWN_FORMATS.stream().anyMatch(name::endsWith)) {
			if (!Files.isRegularFile(input)) throw new AccelMRException(input + ": no such file");
			return VolumeFiles.readImage(input, Runtime.getRuntime().availableProcessors());
		}
		LegacyHeadless.prepare();
		return ImagePlusVolumes.openMagnitude(input);
	}

	@Override
	public int run(final Arguments arguments, final PrintStream out) {
		final Path input = arguments.path(Key.INPUT);
		final Path output = OutputFile.check(Key.OUTPUT, arguments.path(Key.OUTPUT), OutputFile.KSPACE_EXTENSIONS,
			OutputFile.inputs(arguments));
		final int coils = arguments.integer(Key.COILS);
		final KSpace kspace;
		if (input == null) {
			kspace = Phantoms.demoKSpace(coils, arguments.integer(Key.SEED));
			out.println("built-in demo brain, " + coils + " coils");
		}
		else {
			kspace = KSpaceSimulator.simulate(image(input), new SimulationConfig(coils,
				arguments.bool(Key.PHASE), arguments.real(Key.NOISE), arguments.integer(Key.SEED)));
		}
		KSpaceFiles.write(kspace, output);
		out.printf("wrote %s (%d slices x %d coils x %d x %d)%n", output, kspace.data().slices(), kspace.data()
			.coils(), kspace.data().height(), kspace.data().width());
		return Main.OK;
	}
}
