package org.accelmr.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.io.DataFiles;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.MaskFiles;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;

/**
 * {@code accelmr undersample input=K output=U mask=random acceleration=4 ...}: fully sampled k-space in,
 * undersampled k-space (unacquired samples zeroed) and optionally the mask out.
 */
public final class UndersampleSubcommand implements Subcommand {

	static final Spec SPEC = new Spec("undersample", "Undersample k-space",
		"apply a seeded sampling mask to fully sampled k-space (writes .npy/.cfl)", "", List.of(Key.INPUT,
			Key.OUTPUT, Key.MASK, Key.ACCELERATION, Key.CENTER_FRACTION, Key.CALIBRATION, Key.SEED, Key.MASK_OUTPUT),
		List.of(Key.INPUT, Key.OUTPUT), Map.of(),
		"./accelmr undersample input=kspace.npy output=under.npy mask=random acceleration=4 mask_output=mask.npy");

	@Override
	public Spec spec() {
		return SPEC;
	}

	@Override
	public int run(final Arguments arguments, final PrintStream out) {
		final Path input = arguments.path(Key.INPUT);
		final Path output = OutputFile.check(Key.OUTPUT, arguments.path(Key.OUTPUT), OutputFile.KSPACE_EXTENSIONS,
			OutputFile.inputs(arguments));
		final Path maskOutput = arguments.path(Key.MASK_OUTPUT);
		if (maskOutput != null) {
			OutputFile.check(Key.MASK_OUTPUT, maskOutput, OutputFile.KSPACE_EXTENSIONS, OutputFile.inputs(arguments));
			if (DataFiles.overlap(maskOutput, output)) throw new AccelMRException("mask_output=" + maskOutput +
				" and output=" + output + " name the same file; give the mask its own name, e.g. mask.npy");
		}
		if (arguments.text(Key.MASK).equals(MaskChoice.NONE)) throw new AccelMRException(
			"mask must be a mask name or file for undersample, got 'none'");
		if (!Files.isRegularFile(input)) throw new AccelMRException(input + ": no such file");
		final KSpace kspace = KSpaceFiles.read(input);
		if (kspace.isUndersampled()) throw new AccelMRException(input +
			": already undersampled (it carries a mask); undersample needs fully sampled k-space");
		final SamplingMask mask = MaskChoice.resolve(arguments, kspace.data().width(), kspace.data().height());
		out.println(MaskChoice.describe(arguments.text(Key.MASK), mask));
		KSpaceFiles.write(kspace.undersample(mask), output);
		out.println("wrote " + output);
		if (maskOutput != null) {
			MaskFiles.write(mask, maskOutput);
			out.println("wrote " + maskOutput);
		}
		return Main.OK;
	}
}
