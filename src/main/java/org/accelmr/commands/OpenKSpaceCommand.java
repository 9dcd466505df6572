package org.accelmr.commands;

import java.io.File;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.accelmr.AccelMRException;
import org.accelmr.imagej.KSpaceImage;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.ScanSummary;
import org.accelmr.cli.Key;
import org.accelmr.kspace.RawScan;
import org.accelmr.kspace.ScanPreparation;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; AccelMR &gt; Open k-space...: a fastMRI or ISMRMRD .h5, .mrd, Siemens twix .dat, BART .cfl or NumPy
 * .npy file as a k-space image, with the file's summary ({@code ./accelmr info}) in the Log; scanner raw data are
 * pre-whitened with their noise scans and optionally coil-compressed as they open.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AccelMR>Open k-space...")
public class OpenKSpaceCommand extends AccelMRCommand {

	// field names are the macro keys (see org.accelmr.cli.Key)
	@Parameter(persist = false, label = "k-space file", description = "fastMRI or ISMRMRD .h5, ISMRMRD .mrd, Siemens twix .dat, BART .cfl/.hdr or NumPy .npy k-space", style = "open")
	private File input;

	@Parameter(persist = false, label = "Noise pre-whitening", choices = { "auto", "off" },
		description = "scanner raw data with noise scans: auto whitens the coils with the noise covariance")
	private String prewhiten = Key.PREWHITEN.defaultValue();

	@Parameter(persist = false, label = "Compress to coils (0: off)", min = "0",
		description = "compress the coils to this many virtual coils (SVD, as BART cc -S); 0 keeps them all")
	private int coils = 0;

	@Parameter(persist = false, label = "Coil compression", choices = { "geometric", "svd" },
		description = "geometric: one matrix per readout position; svd: one matrix for the scan (BART cc -S)")
	private String compression = Key.COMPRESSION.defaultValue();

	@Parameter(persist = false, label = "Repetition", min = "0", description = "scanner raw data: which repetition")
	private int repetition = Key.REPETITION.defaultInteger();

	@Parameter(persist = false, label = "Contrast (echo)", min = "0", description = "scanner raw data: which contrast")
	private int contrast = Key.CONTRAST.defaultInteger();

	@Parameter
	private LogService log;

	@Parameter(type = ItemIO.OUTPUT, label = "k-space")
	private Img<FloatType> kspace;

	@Override
	protected void execute() {
		if (input == null) throw new AccelMRException("input: no k-space file given");
		progress().status("reading " + input.getName());
		final RawScan raw = KSpaceFiles.readRaw(input.toPath(), repetition, contrast);
		ScanSummary.describe(input.toPath(), raw).forEach(log::info);
		// the image carries k-space only, so noise is used here, at opening, or never
		kspace = KSpaceImage.of(ScanPreparation.prepare(raw, prewhiten, Key.COILS.integer(Integer.toString(coils)),
			compression, log::info).kspace());
	}

	public Img<FloatType> kspace() {
		return kspace;
	}
}
