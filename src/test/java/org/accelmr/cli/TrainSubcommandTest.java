package org.accelmr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.metrics.Metrics;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelSidecar;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.accelmr.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./accelmr train} end to end with a tiny network (4 channels, 2 pools, 32x32 patches, 3 steps per epoch):
 * train, resume, reconstruct with the result; the key table carries TrainingConfig's defaults; bad input is one
 * line.
 */
class TrainSubcommandTest {

	@TempDir
	Path dir;

	static final String[] TINY = { "steps_per_epoch=3", "batch_size=2", "chans=4", "pools=2", "norm_groups=2",
		"crop=32", "val_slices=2", "max_coils=4", "val_fraction=0.2" };

	/** A 14-slice stack of the brain phantom (contrast changing with depth) as the only training file. */
	static Path tinyData(final Path dir) throws IOException {
		final Path data = Files.createDirectories(dir.resolve("data"));
		final float[] base = Phantoms.brain(40, 36).slice(0);
		final float[][] slices = new float[14][];
		for (int z = 0; z < slices.length; z++) {
			slices[z] = base.clone();
			for (int i = 0; i < base.length; i++)
				slices[z][i] *= 1 + 0.05f * z;
		}
		VolumeFiles.write(new FloatVolume(40, 36, slices), data.resolve("stack.npy"));
		return data;
	}

	private static CliRun train(final Path data, final Path output, final String... more) {
		final List<String> args = new ArrayList<>(List.of("train", "data=" + data, "output=" + output));
		args.addAll(List.of(TINY));
		args.addAll(List.of(more));
		return CliRun.of(args.toArray(String[]::new));
	}

	@Test
	void trainsResumesAndTheModelReconstructs() throws IOException {
		final Path data = tinyData(dir), model = dir.resolve("models/tiny");
		final CliRun first = train(data, model, "epochs=1");
		assertEquals(0, first.exitCode(), first.out() + first.err());
		assertTrue(first.out().contains("epoch 1/1 done: train loss"), first.out());
		assertTrue(first.out().contains("done (epochs): 1 epoch(s), 3 steps"), first.out());
		final ModelFiles files = ModelFiles.of(model);
		assertTrue(Files.isRegularFile(files.params()) && Files.isRegularFile(dir.resolve("models/tiny.state.json")));

		final CliRun resumed = train(data, model, "epochs=2");
		assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
		assertTrue(resumed.out().contains("Resuming after epoch 1, step 3"), resumed.out());
		assertTrue(resumed.out().contains("done (epochs): 2 epoch(s), 6 steps"), resumed.out());
		final ModelSidecar sidecar = ModelSidecar.read(files.sidecar());
		assertEquals(4, sidecar.architecture().chans());

		final Path kspace = dir.resolve("k.npy"), unet = dir.resolve("unet.npy"), zf = dir.resolve("zf.npy");
		KSpaceFiles.write(KSpaceSimulator.simulate(Phantoms.brain(40, 32), new SimulationConfig(2, true, 0, 5)),
			kspace);
		final CliRun recon = CliRun.of("reconstruct", "input=" + kspace, "output=" + unet, "method=unet", "model=" +
			files.params(), "mask=random", "threads=1");
		assertEquals(0, recon.exitCode(), recon.out() + recon.err());
		assertEquals(0, CliRun.of("reconstruct", "input=" + kspace, "output=" + zf, "mask=random").exitCode());
		final FloatVolume a = VolumeFiles.read(unet), b = VolumeFiles.read(zf);
		assertEquals(List.of(1, 32, 40), List.of(a.depth(), a.height(), a.width()));
		// the network ran: its output is finite and differs from its zero-filled input
		final double psnr = Metrics.psnr(b, a);
		assertTrue(Double.isFinite(psnr) && psnr < 80, "unet vs zero-filled PSNR " + psnr);
	}

	@Test
	void anOutputNamedAsTheInitModelIsRefusedAndTheModelKept() throws IOException {
		final Path data = tinyData(dir), model = dir.resolve("models/tiny");
		assertEquals(0, train(data, model, "epochs=1").exitCode());
		final ModelFiles files = ModelFiles.of(model);
		final byte[] params = Files.readAllBytes(files.params()), sidecar = Files.readAllBytes(files.sidecar());
		for (final Path init : List.of(model, files.params())) {
			final CliRun same = train(data, model, "epochs=2", "init=" + init, "resume=false");
			assertEquals(Main.BAD_INPUT, same.exitCode(), same.out() + same.err());
			assertEquals("accelmr: output=" + model + " would overwrite init=" + init + " (an input); choose " +
				"another output", same.err().strip());
		}
		assertArrayEquals(params, Files.readAllBytes(files.params()));
		assertArrayEquals(sidecar, Files.readAllBytes(files.sidecar()));
	}

	@Test
	void architectureVarnetTrainsAVariationalNetwork() throws IOException {
		final Path model = dir.resolve("models/vn");
		final List<String> args = new ArrayList<>(List.of("train", "data=" + tinyData(dir), "output=" + model,
			"architecture=varnet", "cascades=2", "epochs=1", "coil_maps=rss"));
		args.addAll(List.of(TINY));
		final CliRun run = CliRun.of(args.toArray(String[]::new));
		assertEquals(0, run.exitCode(), run.out() + run.err());
		assertTrue(run.out().contains("method=varnet model="), run.out());
		final org.accelmr.nn.VarNetSidecar sidecar = org.accelmr.nn.VarNetSidecar.read(ModelFiles.of(model).sidecar());
		assertEquals(2, sidecar.architecture().cascades());
		final CliRun bad = CliRun.of("train", "data=x", "output=y", "architecture=resnet");
		assertEquals(2, bad.exitCode());
		assertTrue(bad.err().contains("architecture must be unet or varnet, got resnet"), bad.err());
	}

	@Test
	void helpListsEveryTrainingKeyWithTrainingConfigsDefault() {
		final CliRun help = CliRun.of("help", "train");
		assertEquals(0, help.exitCode());
		for (final String key : TrainingConfig.DEFAULTS.asMap().keySet())
			assertTrue(help.out().contains("\n  " + key + " "), "help train lacks " + key + ":\n" + help.out());
		// keys left out give exactly TrainingConfig's defaults
		assertEquals(TrainingConfig.DEFAULTS.with(Map.of("data", "d", "output", "o")), TrainSubcommand.config(
			Arguments.parse(TrainSubcommand.SPEC, List.of("data=d", "output=o"))));
		assertTrue(help.out().contains("Plugins > AccelMR > Train network"), help.out());
	}

	@Test
	void badInputIsOneLine() throws IOException {
		final Path empty = Files.createDirectories(dir.resolve("empty"));
		final CliRun noData = train(empty, dir.resolve("m"), "epochs=1");
		assertEquals(Main.BAD_INPUT, noData.exitCode());
		assertEquals(1, noData.err().lines().count(), noData.err());
		assertTrue(noData.err().contains("data folder " + empty + " holds no"), noData.err());

		final CliRun noInit = train(tinyData(dir), dir.resolve("m"), "init=" + dir.resolve("missing.params"));
		assertEquals(Main.BAD_INPUT, noInit.exitCode(), noInit.out() + noInit.err());
		assertTrue(noInit.err().contains("missing.params"), noInit.err());

		final CliRun noModel = CliRun.of("reconstruct", "input=src/test/resources/io/multicoil.h5", "output=" + dir
			.resolve("r.npy"), "method=unet", "model=" + dir.resolve("nope.params"));
		assertEquals(Main.BAD_INPUT, noModel.exitCode());
		assertEquals("accelmr: model file " + dir.resolve("nope.params") + " not found", noModel.err().strip());
		assertTrue(!Files.exists(dir.resolve("r.npy")));

		final CliRun noOutput = CliRun.of("train", "data=" + empty);
		assertEquals(Main.BAD_INPUT, noOutput.exitCode());
		assertTrue(noOutput.err().startsWith("accelmr: train needs output="), noOutput.err());
	}
}
