package org.accelmr.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.cs.CalibrationRegion;
import org.accelmr.cs.EspiritCalibration;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;
import org.accelmr.recon.CoilMapEstimation;

/**
 * {@code accelmr espirit input=K output=MAPS.npy [mask=M] [calibration=24 kernel=6 threshold=0.001 crop=0.8]}: ESPIRiT
 * coil sensitivities of every slice, written as {@code (slices, coils, H, W)} complex maps that
 * {@code reconstruct coil_maps=MAPS.npy} reads back.
 */
public final class EspiritSubcommand implements Subcommand {

	static final Spec SPEC = new Spec("espirit", "Estimate coil sensitivities (ESPIRiT)",
		"ESPIRiT coil sensitivity maps of k-space (writes .npy/.cfl, for reconstruct coil_maps=FILE)", "", List.of(
			Key.INPUT, Key.OUTPUT, Key.CALIBRATION, Key.KERNEL, Key.THRESHOLD, Key.CROP, Key.MASK, Key.ACCELERATION,
			Key.CENTER_FRACTION, Key.SEED, Key.THREADS), List.of(Key.INPUT, Key.OUTPUT), Map.of(Key.MASK,
				MaskChoice.NONE),
		"./accelmr espirit input=under.npy mask=under_mask.npy output=maps.npy calibration=24 kernel=6");

	@Override
	public Spec spec() {
		return SPEC;
	}

	/** The calibration the keys describe (the region shrinks to the sampled centre, as BART's ecalib). */
	static EspiritCalibration calibration(final Arguments a) {
		return new EspiritCalibration(a.integer(Key.KERNEL), a.integer(Key.CALIBRATION), a.real(Key.THRESHOLD), a
			.real(Key.CROP), false);
	}

	/**
	 * The k-space as acquired: a .h5 that carries its mask as it is; otherwise with {@code mask=} applied (a mask
	 * file for undersampled .npy/.cfl, which carry none, or a mask to simulate), because ESPIRiT must know which
	 * samples were not measured to find the fully sampled centre.
	 */
	private static KSpace sampled(final KSpace kspace, final Arguments arguments, final PrintStream out) {
		if (kspace.isUndersampled()) {
			if (!arguments.text(Key.MASK).equals(MaskChoice.NONE)) out.println("note: " + arguments.path(Key.INPUT) +
				" carries its own mask; mask=" + arguments.text(Key.MASK) + " is not applied");
			return kspace;
		}
		final SamplingMask mask = MaskChoice.resolve(arguments, kspace.data().width(), kspace.data().height());
		if (mask == null) return kspace;
		out.println(MaskChoice.describe(arguments.text(Key.MASK), mask));
		return kspace.undersample(mask);
	}

	@Override
	public int run(final Arguments arguments, final PrintStream out) {
		final Path input = arguments.path(Key.INPUT);
		final Path output = OutputFile.check(Key.OUTPUT, arguments.path(Key.OUTPUT), OutputFile.KSPACE_EXTENSIONS,
			OutputFile.inputs(arguments));
		final EspiritCalibration calibration = calibration(arguments);
		if (!Files.isRegularFile(input)) throw new AccelMRException(input + ": no such file");
		final KSpace kspace = sampled(KSpaceFiles.read(input), arguments, out);
		if (kspace.data().coils() > 1) {
			final CalibrationRegion region = CalibrationRegion.largest(kspace.maskOrFull(), calibration
				.calibrationSize(), calibration.kernelSize());
			out.printf(Locale.ROOT, "calibration region %dx%d (fully sampled centre, at most %d), kernel %d%n", region
				.height(), region.width(), calibration.calibrationSize(), calibration.kernelSize());
		}
		else out.println("single-coil k-space: the map is 1 everywhere");
		final long start = System.nanoTime();
		final ComplexStack maps = CoilMapEstimation.espirit(kspace, calibration, arguments.integer(Key.THREADS),
			new ConsoleProgress(out));
		final double seconds = (System.nanoTime() - start) / 1e9;
		KSpaceFiles.write(new KSpace(maps, null, AcquisitionInfo.of("ESPIRiT maps of " + input.getFileName())),
			output);
		out.printf(Locale.ROOT, "espirit: %d slice(s) x %d coil(s) in %.2f s%n", maps.slices(), maps.coils(), seconds);
		out.printf("wrote %s (%d x %d x %d x %d)%n", output, maps.slices(), maps.coils(), maps.height(), maps.width());
		return Main.OK;
	}
}
