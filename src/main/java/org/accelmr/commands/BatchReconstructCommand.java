package org.accelmr.commands;

import java.io.File;

import org.accelmr.AccelMRException;
import org.accelmr.batch.BatchConfig;
import org.accelmr.batch.BatchReconstruction;
import org.accelmr.batch.BatchReport;
import org.accelmr.cli.Key;
import org.accelmr.mask.Masks;
import org.accelmr.recon.ReconstructionSettings;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; AccelMR &gt; Batch reconstruct folder: every fastMRI .h5 of a folder into submission files and a
 * metrics.csv ({@link BatchReconstruction}); resumable, a bad file is logged and does not stop the batch.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AccelMR>Batch reconstruct folder")
public class BatchReconstructCommand extends AccelMRCommand {

	/** {@code mask} value that keeps fully sampled files fully sampled. */
	public static final String NO_MASK = "none";

	@Parameter(required = false)
	private LogService log;

	// field names are the macro keys (see org.accelmr.cli.Key)
	@Parameter(persist = false, label = "Input folder", style = "directory", description = "folder of fastMRI .h5 files; only read")
	private File input;

	@Parameter(persist = false, label = "Output folder", style = "directory", description = "reconstructions and metrics.csv")
	private File output;

	// the same drop-down as Reconstruct's (VocabularyTest keeps both equal to ReconstructionMethods.names())
	@Parameter(persist = false, label = "Method", choices = { "zero-filled", "tv", "wavelet", "unet", "varnet" },
		description = "zero-filled: inverse FFT + root sum of squares; tv / wavelet: compressed sensing; unet: the trained U-Net")
	private String method = Key.METHOD.defaultValue();

	@Parameter(persist = false, label = "Mask", choices = { NO_MASK, "random", "equispaced", "equispaced-fraction",
		"poisson" }, description = "undersampling of fully sampled files; files with their own mask are used as they are")
	private String mask = NO_MASK;

	@Parameter(persist = false, label = "Acceleration", description = "R, > 1 and <= the number of columns")
	private double acceleration = Key.ACCELERATION.defaultReal();

	@Parameter(persist = false, label = "Centre fraction", description = "fraction of columns kept at the centre, in (0, 1)")
	private double center_fraction = Key.CENTER_FRACTION.defaultReal();

	@Parameter(persist = false, label = "Calibration (poisson)", min = "0", description = "side of the fully sampled centre square")
	private int calibration = Key.CALIBRATION.defaultInteger();

	@Parameter(persist = false, label = "Seed", description = "batch seed; each volume's mask seed derives from it and its name")
	private int seed = Key.SEED.defaultInteger();

	@Parameter(persist = false, label = "Lambda", description = "regularisation weight (compressed sensing): auto (chosen from the data) or a number >= 0")
	private String lambda = Key.LAMBDA.defaultValue();

	@Parameter(persist = false, label = "Tolerance", min = "0", max = "0.999", stepSize = "0.00001", description = "tv and wavelet stop when their relative change per iteration falls below this; 0 runs every iteration")
	private double tolerance = Key.TOLERANCE.defaultReal();

	@Parameter(persist = false, label = "Iterations", min = "1", description = "solver iterations (iterative methods)")
	private int iterations = Key.ITERATIONS.defaultInteger();

	@Parameter(persist = false, label = "Coil maps", description = "espirit, rss or a maps file (.cfl/.npy)")
	private String coil_maps = Key.COIL_MAPS.defaultValue();

	@Parameter(persist = false, label = "Model", required = false, description = "network model file for unet and varnet; empty: the shipped model of the method")
	private String model = Key.MODEL.defaultValue();

	// the values of UNetRecon.Consistency.key() (VocabularyTest keeps them equal)
	@Parameter(persist = false, label = "Data consistency (unet)", choices = { "off", "single-coil", "multi-coil",
		"always" }, description = "unet only: where the measured k-space samples replace the network's; off, single-coil, multi-coil or always")
	private String data_consistency = Key.DATA_CONSISTENCY.defaultValue();

	@Parameter(persist = false, label = "Adapt steps (varnet)", min = "0", description = "varnet only: Adam steps fine-tuning the model on each slice's own measured samples first, >= 0; 0: the model as it is")
	private int adapt = Key.ADAPT.defaultInteger();

	@Parameter(persist = false, label = "Threads", min = "1", description = "worker threads, split between files and slices")
	private int threads = Key.THREADS.defaultInteger();

	@Parameter(type = ItemIO.OUTPUT, label = "summary")
	private String summary;

	@Override
	protected void execute() {
		if (input == null || output == null) throw new AccelMRException("input and output folders are both required");
		BatchConfig config = BatchConfig.of(input.toPath(), output.toPath(), new ReconstructionSettings(method, Key.LAMBDA
			.realOrAuto(lambda), iterations, coil_maps, model == null ? "" : model, threads, data_consistency, tolerance, adapt));
		if (!NO_MASK.equals(mask)) config = config.withMask(Masks.create(mask, acceleration, center_fraction,
			calibration), seed);
		final BatchReport report = BatchReconstruction.run(config, progress(), line -> {
			if (log != null) log.info(line);
		});
		summary = report.summary() + "; table: " + report.metricsCsv();
		if (log != null) log.info(summary);
	}

	public String summary() {
		return summary;
	}
}
