package org.accelmr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelSidecar;
import org.accelmr.nn.UNetArchitecture;
import org.accelmr.nn.UNetModel;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data_consistency=} on the launcher reaches the U-Net (an untrained tiny model, made here). */
class DataConsistencyLauncherTest {

	@TempDir
	Path dir;

	private Path tinyModel() {
		final UNetArchitecture arch = new UNetArchitecture(4, 2, 2, true);
		final ModelFiles files = ModelFiles.of(dir.resolve("tiny"));
		try (UNetModel m = UNetModel.create(arch, 3, 1)) {
			m.save(files, new ModelSidecar(ModelSidecar.FORMAT, 1, arch, ModelSidecar.NORMALISATION,
				new ModelSidecar.MaskFamily("random", 4, 0.08, 0.16), null, null, ""));
		}
		return files.params();
	}

	private CliRun unet(final Path kspace, final Path model, final Path output, final String consistency) {
		return CliRun.of("reconstruct", "input=" + kspace, "output=" + output, "method=unet", "model=" + model,
			"mask=random", "acceleration=4", "seed=3", "threads=1", "data_consistency=" + consistency);
	}

	@Test
	void alwaysReplacesTheNetworksSamplesOnSingleCoilData() {
		final Path kspace = dir.resolve("k.npy"), model = tinyModel();
		KSpaceFiles.write(KSpaceSimulator.simulate(Phantoms.brain(32, 32), new SimulationConfig(1, true, 0, 5)),
			kspace);
		final Path off = dir.resolve("off.npy"), always = dir.resolve("always.npy");
		final CliRun a = unet(kspace, model, off, "off"), b = unet(kspace, model, always, "always");
		assertEquals(0, a.exitCode(), a.out() + a.err());
		assertEquals(0, b.exitCode(), b.out() + b.err());
		final FloatVolume x = VolumeFiles.read(off), y = VolumeFiles.read(always);
		assertEquals(List.of(1, 32, 32), List.of(y.depth(), y.height(), y.width()));
		double diff = 0, norm = 0;
		for (int i = 0; i < x.slice(0).length; i++) {
			assertTrue(Float.isFinite(y.slice(0)[i]), "non-finite pixel " + i);
			diff += Math.abs(x.slice(0)[i] - y.slice(0)[i]);
			norm += Math.abs(x.slice(0)[i]);
		}
		// consistency changes the untrained network's image by more than rounding
		assertTrue(diff / norm > 1e-3, "relative L1 change " + diff / norm);
	}

	@Test
	void anUnknownValueIsOneLine() {
		final CliRun run = CliRun.of("reconstruct", "input=" + dir.resolve("k.npy"), "output=" + dir.resolve(
			"r.npy"), "method=unet", "data_consistency=yes");
		assertEquals(Main.BAD_INPUT, run.exitCode());
		assertEquals("accelmr: data_consistency must be one of off|single-coil|multi-coil|always; got 'yes'", run.err()
			.strip());
	}
}
