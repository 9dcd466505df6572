package org.accelmr.commands;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.accelmr.cli.Key;
import org.accelmr.cs.EspiritCalibration;
import org.accelmr.imagej.CoilMapImage;
import org.accelmr.imagej.PixelSize;
import org.accelmr.kspace.KSpace;
import org.accelmr.recon.CoilMapEstimation;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.object.ObjectService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; AccelMR &gt; Estimate coil sensitivities (ESPIRiT): the maps of the current k-space image, shown
 * as their magnitude (one plane per slice and coil). The image keeps the complex maps, and is registered by its
 * title ({@value #TITLE}) so that Reconstruct's {@code coil_maps=[coil maps]} uses them, phase included.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AccelMR>Estimate coil sensitivities (ESPIRiT)")
public class EstimateCoilMapsCommand extends AccelMRCommand {

	/** The output's label: its window title in Fiji and in macros. */
	public static final String TITLE = "coil maps";

	@Parameter(required = false)
	private ObjectService objects;

	// field names are the macro keys (see org.accelmr.cli.Key)
	@Parameter(persist = false, label = "k-space image", description = "an image made by Open, Simulate or Undersample k-space; the maps come from its fully sampled centre")
	private Img<?> input;

	@Parameter(persist = false, label = "Calibration", min = "1", description = "largest side of the fully sampled centre region used, in samples (shrinks to what was acquired)")
	private int calibration = Key.CALIBRATION.defaultInteger();

	@Parameter(persist = false, label = "Kernel", min = "1", description = "ESPIRiT kernel side (k x k patches), <= calibration")
	private int kernel = Key.KERNEL.defaultInteger();

	@Parameter(persist = false, label = "Threshold", min = "0", max = "0.999999", stepSize = "0.001", description = "singular values above threshold x the largest span the signal space, in [0, 1)")
	private double threshold = Key.THRESHOLD.defaultReal();

	@Parameter(persist = false, label = "Crop", min = "0", max = "0.999999", stepSize = "0.05", description = "pixels whose top eigenvalue is below crop get zero sensitivity, in [0, 1); 0 keeps all")
	private double crop = Key.CROP.defaultReal();

	@Parameter(persist = false, label = "Threads", min = "1", description = "slices calibrated at once")
	private int threads = Key.THREADS.defaultInteger();

	@Parameter(type = ItemIO.OUTPUT, label = TITLE)
	private Img<FloatType> maps;

	@Override
	protected void execute() {
		final KSpace kspace = CurrentKSpace.of(input);
		final EspiritCalibration config = new EspiritCalibration(kernel, calibration, Key.THRESHOLD.real(Double
			.toString(threshold)), Key.CROP.real(Double.toString(crop)), false);
		final CoilMapImage image = CoilMapImage.of(CoilMapEstimation.espirit(kspace, config, threads, progress()),
			PixelSize.of(kspace.info()));
		if (objects != null) CoilMapImage.register(image, TITLE, objects);
		maps = image;
	}

	public Img<FloatType> maps() {
		return maps;
	}
}
