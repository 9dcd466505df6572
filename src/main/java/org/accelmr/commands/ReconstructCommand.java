package org.accelmr.commands;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.accelmr.cli.Key;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.recon.ReconstructionMethods;
import org.accelmr.recon.ReconstructionSettings;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; AccelMR &gt; Reconstruct: the current k-space image (undersampled or not) reconstructed with a
 * method from {@link ReconstructionMethods}; the result is one real image per slice.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AccelMR>Reconstruct")
public class ReconstructCommand extends AccelMRCommand {

	// field names are the macro keys (see org.accelmr.cli.Key)
	@Parameter(persist = false, label = "k-space image", description = "an image made by Open, Simulate or Undersample k-space")
	private Img<?> input;

	// The method is typed, not chosen from a fixed list, so methods added to ReconstructionMethods appear
	// without edits here; a wrong name lists the valid ones.
	@Parameter(persist = false, label = "Method", description = "zero-filled or another method of ./accelmr help reconstruct")
	private String method = Key.METHOD.defaultValue();

	@Parameter(persist = false, label = "Lambda", min = "0", description = "regularisation weight (compressed sensing), >= 0")
	private double lambda = Key.LAMBDA.defaultReal();

	@Parameter(persist = false, label = "Iterations", min = "1", description = "solver iterations (iterative methods)")
	private int iterations = Key.ITERATIONS.defaultInteger();

	@Parameter(persist = false, label = "Coil maps", description = "espirit, rss or a maps file (.cfl/.npy)")
	private String coil_maps = Key.COIL_MAPS.defaultValue();

	@Parameter(persist = false, label = "Model", required = false, description = "U-Net model file; empty: the shipped model")
	private String model = Key.MODEL.defaultValue();

	@Parameter(persist = false, label = "Threads", min = "1", description = "worker threads")
	private int threads = Key.THREADS.defaultInteger();

	@Parameter(type = ItemIO.OUTPUT, label = "reconstruction")
	private Img<FloatType> reconstruction;

	@Override
	protected void execute() {
		final KSpace kspace = CurrentKSpace.of(input);
		final ReconstructionSettings settings = new ReconstructionSettings(method, lambda, iterations, coil_maps,
			model == null ? "" : model, threads);
		final FloatVolume image = ReconstructionMethods.create(settings).reconstruct(kspace, progress());
		reconstruction = image.asImg();
	}

	public Img<FloatType> reconstruction() {
		return reconstruction;
	}
}
