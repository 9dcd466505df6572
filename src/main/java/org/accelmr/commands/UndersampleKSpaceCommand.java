package org.accelmr.commands;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.accelmr.cli.Key;
import org.accelmr.imagej.KSpaceImage;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.mask.SamplingMask;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; AccelMR &gt; Undersample k-space: applies a seeded fastMRI or Poisson-disc mask to fully
 * sampled k-space; shows the undersampled k-space and the mask, and reports the achieved acceleration.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AccelMR>Undersample k-space")
public class UndersampleKSpaceCommand extends AccelMRCommand {

	// field names are the macro keys (see org.accelmr.cli.Key)
	@Parameter(persist = false, label = "k-space image", description = "an image made by Open k-space or Simulate k-space")
	private Img<?> input;

	@Parameter(persist = false, label = "Mask", choices = { "random", "equispaced", "equispaced-fraction", "poisson" },
		description = "fastMRI column masks or a 2-D variable-density Poisson disc")
	private String mask = Key.MASK.defaultValue();

	@Parameter(persist = false, label = "Acceleration", description = "R, > 1 and <= the number of columns")
	private double acceleration = Key.ACCELERATION.defaultReal();

	@Parameter(persist = false, label = "Centre fraction", description = "fraction of columns always kept at the centre, in (0, 1)")
	private double center_fraction = Key.CENTER_FRACTION.defaultReal();

	@Parameter(persist = false, label = "Calibration (poisson)", min = "0", description = "side of the fully sampled centre square")
	private int calibration = Key.CALIBRATION.defaultInteger();

	@Parameter(persist = false, label = "Seed", description = "the same seed gives the same mask")
	private int seed = Key.SEED.defaultInteger();

	@Parameter(type = ItemIO.OUTPUT, label = "undersampled k-space")
	private Img<FloatType> undersampled;

	@Parameter(type = ItemIO.OUTPUT, label = "sampling mask")
	private Img<FloatType> sampling_mask;

	@Parameter(type = ItemIO.OUTPUT, label = "achieved acceleration")
	private double achieved_acceleration;

	@Override
	protected void execute() {
		final KSpace full = CurrentKSpace.of(input);
		final SamplingMask chosen = Masks.create(mask, acceleration, center_fraction, calibration).sample(full.data()
			.width(), full.data().height(), seed);
		progress().status(String.format("%s mask, achieved acceleration %.2f", mask, chosen.acceleration()));
		undersampled = KSpaceImage.of(full.undersample(chosen));
		sampling_mask = ArrayImgs.floats(chosen.toFloats(), chosen.width(), chosen.height());
		achieved_acceleration = chosen.acceleration();
	}

	public Img<FloatType> undersampled() {
		return undersampled;
	}

	public double achievedAcceleration() {
		return achieved_acceleration;
	}
}
