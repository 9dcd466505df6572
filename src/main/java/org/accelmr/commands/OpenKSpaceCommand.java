package org.accelmr.commands;

import java.io.File;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.accelmr.AccelMRException;
import org.accelmr.imagej.KSpaceImage;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.ScanSummary;
import org.accelmr.kspace.RawScan;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; AccelMR &gt; Open k-space...: a fastMRI or ISMRMRD .h5, .mrd, Siemens twix .dat, BART .cfl or NumPy
 * .npy file as a k-space image, with the file's summary ({@code ./accelmr info}) in the Log.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AccelMR>Open k-space...")
public class OpenKSpaceCommand extends AccelMRCommand {

	// field names are the macro keys (see org.accelmr.cli.Key)
	@Parameter(persist = false, label = "k-space file", description = "fastMRI or ISMRMRD .h5, ISMRMRD .mrd, Siemens twix .dat, BART .cfl/.hdr or NumPy .npy k-space", style = "open")
	private File input;

	@Parameter
	private LogService log;

	@Parameter(type = ItemIO.OUTPUT, label = "k-space")
	private Img<FloatType> kspace;

	@Override
	protected void execute() {
		if (input == null) throw new AccelMRException("input: no k-space file given");
		progress().status("reading " + input.getName());
		final RawScan raw = KSpaceFiles.readRaw(input.toPath());
		ScanSummary.describe(input.toPath(), raw).forEach(log::info);
		kspace = KSpaceImage.of(raw.kspace());
	}

	public Img<FloatType> kspace() {
		return kspace;
	}
}
