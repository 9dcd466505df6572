package org.accelmr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's multi-slice workflow through the launcher: undersample, estimate ESPIRiT maps into a file, and
 * reconstruct with that file; and inputs named as outputs.
 */
class ReconstructWorkflowTest {

	@TempDir
	Path dir;

	/** Three slices of four coils, each slice a different brain section (the maps differ per slice). */
	private Path multiSliceKSpace() {
		final FloatVolume brain = Phantoms.brain(40, 36);
		final float[][] slices = new float[3][];
		for (int z = 0; z < 3; z++) {
			slices[z] = brain.slice(0).clone();
			for (int i = 0; i < slices[z].length; i++)
				slices[z][i] *= 1 + 0.5f * z * (i % 40) / 40f;
		}
		final KSpace k = KSpaceSimulator.simulate(new FloatVolume(40, 36, slices), new SimulationConfig(4, true, 0,
			5));
		final Path file = dir.resolve("kspace.npy");
		KSpaceFiles.write(k, file);
		return file;
	}

	@Test
	void espiritMapsFileServesEverySliceOnAnyThreadCount() {
		final Path kspace = multiSliceKSpace();
		final Path under = dir.resolve("under.npy"), mask = dir.resolve("mask.npy"), maps = dir.resolve("maps.npy");
		CliRun run = CliRun.of("undersample", "input=" + kspace, "output=" + under, "mask=random", "acceleration=3",
			"center_fraction=0.3", "seed=4", "mask_output=" + mask);
		assertEquals(0, run.exitCode(), run.err());
		run = CliRun.of("espirit", "input=" + under, "mask=" + mask, "output=" + maps, "calibration=12", "kernel=5");
		assertEquals(0, run.exitCode(), run.err());
		final Path fromFile = dir.resolve("file.npy"), inside = dir.resolve("inside.npy");
		run = CliRun.of("reconstruct", "input=" + under, "mask=" + mask, "output=" + fromFile, "method=wavelet",
			"iterations=15", "coil_maps=" + maps, "threads=2");
		assertEquals(0, run.exitCode(), run.err() + run.out());
		run = CliRun.of("reconstruct", "input=" + under, "mask=" + mask, "output=" + inside, "method=wavelet",
			"iterations=15", "coil_maps=" + maps, "threads=1");
		assertEquals(0, run.exitCode(), run.err());
		final FloatVolume a = VolumeFiles.read(fromFile), b = VolumeFiles.read(inside);
		assertEquals(3, a.depth());
		for (int z = 0; z < 3; z++)
			assertArrayEquals(b.slice(z), a.slice(z), 1e-6f * (float) b.max(), "slice " + z);
		// per-slice maps really are used per slice: slice 2 with slice 0's maps would differ
		assertFalse(java.util.Arrays.equals(a.slice(0), a.slice(2)));
	}

	@Test
	void espiritMapsFileEqualsTheDefaultEspiritCalibration() {
		final Path kspace = multiSliceKSpace();
		final Path maps = dir.resolve("maps.npy");
		CliRun run = CliRun.of("espirit", "input=" + kspace, "mask=random", "acceleration=3", "center_fraction=0.3",
			"seed=4", "output=" + maps);
		assertEquals(0, run.exitCode(), run.err());
		final Path fromFile = dir.resolve("file.npy"), inside = dir.resolve("inside.npy");
		for (final String[] extra : new String[][] { { "coil_maps=" + maps, "output=" + fromFile }, {
			"coil_maps=espirit", "output=" + inside } })
		{
			run = CliRun.of("reconstruct", "input=" + kspace, "mask=random", "acceleration=3", "center_fraction=0.3",
				"seed=4", "method=tv", "iterations=10", extra[0], extra[1]);
			assertEquals(0, run.exitCode(), run.err());
		}
		final FloatVolume a = VolumeFiles.read(fromFile), b = VolumeFiles.read(inside);
		for (int z = 0; z < 3; z++)
			assertArrayEquals(b.slice(z), a.slice(z), 1e-6f * (float) b.max(), "slice " + z);
	}

	@Test
	void lambdaIsAutomaticByDefaultAndTheChoiceIsReported() {
		final Path kspace = multiSliceKSpace();
		final CliRun run = CliRun.of("reconstruct", "input=" + kspace, "output=" + dir.resolve("w.npy"), "mask=random",
			"acceleration=3", "center_fraction=0.3", "method=wavelet", "iterations=30", "threads=1");
		assertEquals(0, run.exitCode(), run.err());
		assertTrue(run.out().contains("(automatic, "), run.out());
		final CliRun typed = CliRun.of("reconstruct", "input=" + kspace, "output=" + dir.resolve("t.npy"), "mask=random",
			"acceleration=3", "center_fraction=0.3", "method=tv", "iterations=5", "lambda=0.01", "tolerance=0");
		assertEquals(0, typed.exitCode(), typed.err());
		assertTrue(typed.out().contains("λ 0.0100, 5 iterations (maximum reached)"), typed.out());
		for (final String bad : new String[] { "lambda=abc", "lambda=-1", "tolerance=1" }) {
			final CliRun r = CliRun.of("reconstruct", "input=" + kspace, "output=" + dir.resolve("b.npy"),
				"method=tv", bad);
			assertEquals(2, r.exitCode(), bad);
			assertTrue(r.err().startsWith("accelmr: " + bad.substring(0, bad.indexOf('=')) + " must be"), r.err());
		}
	}

	@Test
	void theExperimentalVarNetRunsFromTheLauncherWithItsShippedDraftModel() {
		final Path kspace = multiSliceKSpace();
		final Path out = dir.resolve("varnet.npy");
		final CliRun run = CliRun.of("reconstruct", "input=" + kspace, "output=" + out, "mask=random",
			"acceleration=3", "center_fraction=0.3", "method=varnet", "coil_maps=rss", "threads=2");
		assertEquals(0, run.exitCode(), run.err() + run.out());
		final FloatVolume v = VolumeFiles.read(out);
		assertEquals(3, v.depth());
		assertTrue(v.max() > 0);
	}

	@Test
	void noInputCanBeNamedAsTheOutput() throws Exception {
		final Path kspace = multiSliceKSpace();
		final Path mask = dir.resolve("mask.npy"), maps = dir.resolve("maps.npy");
		assertEquals(0, CliRun.of("undersample", "input=" + kspace, "output=" + dir.resolve("u.npy"), "mask=random",
			"acceleration=3", "center_fraction=0.3", "mask_output=" + mask).exitCode());
		Files.copy(kspace, maps); // any file will do: it must not be touched
		for (final String[] args : new String[][] { { "output=" + kspace }, { "mask=" + mask, "output=" + mask }, {
			"coil_maps=" + maps, "output=" + maps } })
		{
			final byte[] before = Files.readAllBytes(Path.of(args[args.length - 1].substring("output=".length())));
			final String[] all = new String[args.length + 2];
			all[0] = "reconstruct";
			all[1] = "input=" + kspace;
			System.arraycopy(args, 0, all, 2, args.length);
			final CliRun run = CliRun.of(all);
			assertEquals(2, run.exitCode(), String.join(" ", all));
			assertTrue(run.err().contains("is also an input"), run.err());
			assertArrayEquals(before, Files.readAllBytes(Path.of(args[args.length - 1].substring("output=".length()))));
		}
	}
}
