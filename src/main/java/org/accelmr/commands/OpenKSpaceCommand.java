package org.accelmr.commands;

import java.io.File;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.accelmr.AccelMRException;
import org.accelmr.imagej.KSpaceImage;
import org.accelmr.io.KSpaceFiles;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins &gt; AccelMR &gt; Open k-space...: a fastMRI .h5, BART .cfl or NumPy .npy file as a k-space image. */
@Plugin(type = Command.class, menuPath = "Plugins>AccelMR>Open k-space...")
public class OpenKSpaceCommand extends AccelMRCommand {

	// field names are the macro keys (see org.accelmr.cli.Key)
	@Parameter(persist = false, label = "k-space file", description = "fastMRI .h5, BART .cfl/.hdr or NumPy .npy k-space", style = "open")
	private File input;

	@Parameter(type = ItemIO.OUTPUT, label = "k-space")
	private Img<FloatType> kspace;

	@Override
	protected void execute() {
		if (input == null) throw new AccelMRException("input: no k-space file given");
		progress().status("reading " + input.getName());
		kspace = KSpaceImage.of(KSpaceFiles.read(input.toPath()));
	}

	public Img<FloatType> kspace() {
		return kspace;
	}
}
