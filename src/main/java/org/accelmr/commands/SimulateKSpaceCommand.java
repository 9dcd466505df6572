package org.accelmr.commands;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

import org.accelmr.AccelMRException;
import org.accelmr.cli.Key;
import org.accelmr.imagej.ImgVolumes;
import org.accelmr.imagej.KSpaceImage;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.SimulationConfig;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; AccelMR &gt; Simulate k-space: the current image (any image ImageJ opens) taken as magnitude,
 * with optional smooth phase, simulated coils and noise, transformed to fully sampled k-space.
 */
@Plugin(type = Command.class, menuPath = "Plugins>AccelMR>Simulate k-space")
public class SimulateKSpaceCommand extends AccelMRCommand {

	// field names are the macro keys (see org.accelmr.cli.Key)
	@Parameter(persist = false, label = "Magnitude image", description = "any image ImageJ opens, taken as magnitude")
	private Img<? extends RealType<?>> input;

	@Parameter(persist = false, label = "Coils", min = "1", max = "32", description = "number of simulated receive coils")
	private int coils = Key.COILS.defaultInteger();

	@Parameter(persist = false, label = "Synthetic phase", description = "add smooth synthetic phase to the image")
	private boolean phase = Key.PHASE.defaultBoolean();

	@Parameter(persist = false, label = "Noise", min = "0", description = "complex Gaussian noise, standard deviation / max")
	private double noise = Key.NOISE.defaultReal();

	@Parameter(persist = false, label = "Seed", description = "the same seed gives the same simulation")
	private int seed = Key.SEED.defaultInteger();

	@Parameter(type = ItemIO.OUTPUT, label = "k-space")
	private Img<FloatType> kspace;

	@Override
	protected void execute() {
		if (input == null) throw new AccelMRException("input: no magnitude image given");
		final SimulationConfig config = new SimulationConfig(Key.COILS.integer(Integer.toString(coils)), phase,
			Key.NOISE.real(Double.toString(noise)), seed);
		progress().status("simulating " + coils + "-coil k-space");
		kspace = KSpaceImage.of(KSpaceSimulator.simulate(ImgVolumes.toVolume(input, "input"), config));
	}

	public Img<FloatType> kspace() {
		return kspace;
	}
}
