package org.accelmr.commands;

import ij.measure.ResultsTable;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;

import org.accelmr.AccelMRException;
import org.accelmr.imagej.ImgVolumes;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.metrics.Metrics;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; AccelMR &gt; Evaluate reconstruction: fastMRI's NMSE, PSNR and SSIM of a reconstruction against
 * a reference, added as a row of ImageJ's Results table (columns Reference, Reconstruction, NMSE, PSNR, SSIM).
 */
@Plugin(type = Command.class, menuPath = "Plugins>AccelMR>Evaluate reconstruction")
public class EvaluateReconstructionCommand extends AccelMRCommand {

	/** The ImageJ table the metrics are added to. */
	public static final String TABLE = "Results";

	// field names are the macro keys (see org.accelmr.cli.Key)
	@Parameter(persist = false, label = "Reference", description = "the fully sampled image (e.g. zero-filled of the fully sampled k-space)")
	private Img<? extends RealType<?>> reference;

	@Parameter(persist = false, label = "Reconstruction", description = "the reconstruction to score, same size as the reference")
	private Img<? extends RealType<?>> reconstruction;

	@Parameter(type = ItemIO.OUTPUT, label = "NMSE")
	private double nmse;

	@Parameter(type = ItemIO.OUTPUT, label = "PSNR (dB)")
	private double psnr;

	@Parameter(type = ItemIO.OUTPUT, label = "SSIM")
	private double ssim;

	@Override
	protected void execute() {
		if (reference == null || reconstruction == null) throw new AccelMRException(
			"reference and reconstruction images are both required");
		final FloatVolume target = ImgVolumes.toVolume(reference, "reference");
		final FloatVolume recon = ImgVolumes.toVolume(reconstruction, "reconstruction");
		if (target.width() != recon.width() || target.height() != recon.height() || target.depth() != recon.depth())
			throw new AccelMRException("reconstruction " + shape(recon) + " does not match reference " + shape(target));
		nmse = Metrics.nmse(target, recon);
		psnr = Metrics.psnr(target, recon);
		ssim = Metrics.ssim(target, recon);
		final ResultsTable table = ResultsTable.getResultsTable();
		table.setPrecision(6); // PSNRs differ in the second decimal, NMSEs in the fourth
		table.incrementCounter();
		table.addValue("NMSE", nmse);
		table.addValue("PSNR", psnr);
		table.addValue("SSIM", ssim);
		table.show(TABLE);
	}

	private static String shape(final FloatVolume v) {
		return v.depth() + "x" + v.height() + "x" + v.width();
	}

	public double nmse() {
		return nmse;
	}

	public double psnr() {
		return psnr;
	}

	public double ssim() {
		return ssim;
	}
}
