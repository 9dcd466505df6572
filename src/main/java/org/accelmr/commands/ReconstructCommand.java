package org.accelmr.commands;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.accelmr.cli.Key;
import org.accelmr.imagej.PixelSize;
import org.accelmr.imagej.ReconstructionImage;
import org.accelmr.kspace.KSpace;
import org.accelmr.pipeline.PipelineResult;
import org.accelmr.pipeline.ReconstructionPipeline;
import org.accelmr.pipeline.Undersampling;
import org.accelmr.recon.ReconstructionMethods;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.recon.SliceSolve;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.object.ObjectService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; AccelMR &gt; Reconstruct: the current k-space image (undersampled or not) reconstructed with a
 * method from {@link ReconstructionMethods} by the {@link ReconstructionPipeline}; the result is one real image
 * per slice.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AccelMR>Reconstruct")
public class ReconstructCommand extends AccelMRCommand {

	@Parameter(required = false)
	private ObjectService objects;

	// field names are the macro keys (see org.accelmr.cli.Key)
	@Parameter(persist = false, label = "k-space image", description = "an image made by Open, Simulate or Undersample k-space")
	private Img<?> input;

	// The drop-down is ReconstructionMethods.names() in its order: an annotation needs constants, so
	// VocabularyTest keeps this list equal to names().
	@Parameter(persist = false, label = "Method", choices = { "zero-filled", "tv", "wavelet", "unet", "varnet" },
		description = "zero-filled: inverse FFT + root sum of squares; tv / wavelet: compressed sensing (SENSE with total variation / L1 Daubechies wavelet); unet: the trained U-Net")
	private String method = Key.METHOD.defaultValue();

	@Parameter(persist = false, label = "Lambda", description = "regularisation weight of tv and wavelet, relative to the data scale: auto (chosen from the data) or a number >= 0")
	private String lambda = Key.LAMBDA.defaultValue();

	@Parameter(persist = false, label = "Tolerance", min = "0", max = "0.999", stepSize = "0.00001", description = "tv and wavelet stop when their relative change per iteration falls below this; 0 runs every iteration")
	private double tolerance = Key.TOLERANCE.defaultReal();

	@Parameter(persist = false, label = "Iterations", min = "1", description = "solver iterations of tv and wavelet, >= 1")
	private int iterations = Key.ITERATIONS.defaultInteger();

	@Parameter(persist = false, label = "Coil maps", description = "espirit, rss, a maps file (.cfl/.npy) or the title of an image made by Estimate coil sensitivities (ESPIRiT), e.g. [coil maps]")
	private String coil_maps = Key.COIL_MAPS.defaultValue();

	@Parameter(persist = false, label = "Model", required = false, description = "network model file (unet and varnet only); empty: the shipped model of the method")
	private String model = Key.MODEL.defaultValue();

	// the values of UNetRecon.Consistency.key() (VocabularyTest keeps them equal)
	@Parameter(persist = false, label = "Data consistency (unet)", choices = { "off", "single-coil", "multi-coil",
		"always" }, description = "unet only: where the measured k-space samples replace the network's; off (default), single-coil, multi-coil (with Coil maps) or always")
	private String data_consistency = Key.DATA_CONSISTENCY.defaultValue();

	@Parameter(persist = false, label = "Adapt steps (varnet)", min = "0", description = "varnet only: Adam steps fine-tuning the model on each slice's own measured samples first, >= 0; 0: the model as it is")
	private int adapt = Key.ADAPT.defaultInteger();

	@Parameter(persist = false, label = "Threads", min = "1", description = "worker threads, >= 1 (default: all processors)")
	private int threads = Key.THREADS.defaultInteger();

	@Parameter(type = ItemIO.OUTPUT, label = "reconstruction")
	private Img<FloatType> reconstruction;

	@Override
	protected void execute() {
		final KSpace kspace = CurrentKSpace.of(input);
		try (CoilMapsSetting maps = CoilMapsSetting.of(coil_maps, objects)) {
			final ReconstructionSettings settings = new ReconstructionSettings(method, Key.LAMBDA.realOrAuto(lambda),
				iterations, maps.value(), model == null ? "" : model, threads, data_consistency, tolerance, adapt);
			final PipelineResult result = ReconstructionPipeline.reconstruct(kspace, settings, Undersampling.NONE,
				progress());
			if (!result.solves().isEmpty()) logInfo(method + ": " + SliceSolve.describe(result.solves()));
			reconstruction = ReconstructionImage.of(result.image(), PixelSize.of(kspace.info()));
		}
	}

	public Img<FloatType> reconstruction() {
		return reconstruction;
	}
}
