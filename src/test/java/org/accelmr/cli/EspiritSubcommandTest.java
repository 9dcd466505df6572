package org.accelmr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.accelmr.cs.CoilMaps;
import org.accelmr.cs.EspiritCalibration;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.MaskFiles;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.mask.SamplingMask;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./accelmr espirit}: the written maps are the core's, in the layout coil_maps=FILE reads; bad keys fail early. */
class EspiritSubcommandTest {

	@TempDir
	Path dir;

	private Path kspaceFile() {
		final KSpace k = KSpaceSimulator.simulate(Phantoms.brain(36, 30), new SimulationConfig(3, true, 0, 5));
		final Path file = dir.resolve("k.npy");
		KSpaceFiles.write(k, file);
		return file;
	}

	@Test
	void writesTheCoreMapsForEverySliceAsSlicesCoilsRowsColumns() {
		final Path input = kspaceFile();
		final Path out = dir.resolve("maps.npy");
		final CliRun run = CliRun.of("espirit", "input=" + input, "output=" + out, "calibration=12", "kernel=5",
			"threshold=0.01", "crop=0.5", "threads=1");
		assertEquals(0, run.exitCode(), run.err());
		assertTrue(run.out().contains("calibration region 12x12 (fully sampled centre, at most 12), kernel 5"), run
			.out());
		final ComplexStack maps = KSpaceFiles.read(out).data();
		assertEquals(1, maps.slices());
		assertEquals(3, maps.coils());
		assertEquals(30, maps.height());
		assertEquals(36, maps.width());
		final KSpace k = KSpaceFiles.read(input);
		final CoilMaps expected = new EspiritCalibration(5, 12, 0.01, 0.5, false).estimate(k.data(), k.maskOrFull());
		for (int c = 0; c < 3; c++)
			for (int i = 0; i < 2 * 36 * 30; i++)
				assertEquals(expected.maps()[c * 2 * 36 * 30 + i], maps.plane(0, c)[i], 0f);
	}

	@Test
	void theCalibrationRegionShrinksToTheSampledCentreOfUndersampledData() {
		final KSpace full = KSpaceFiles.read(kspaceFile());
		final SamplingMask mask = Masks.create("equispaced", 3, 0.25, 0).sample(36, 30, 1);
		final Path under = dir.resolve("under.npy");
		KSpaceFiles.write(full.undersample(mask), under);
		MaskFiles.write(mask, dir.resolve("under_mask.npy"));
		final CliRun run = CliRun.of("espirit", "input=" + under, "mask=" + dir.resolve("under_mask.npy"), "output=" +
			dir.resolve("maps.cfl"));
		assertEquals(0, run.exitCode(), run.err());
		// 0.25 x 36 = 9 centre columns of the equispaced mask; all 30 rows are sampled, capped at 24
		assertTrue(run.out().contains("calibration region 24x9 (fully sampled centre, at most 24)"), run.out());
		assertTrue(Files.exists(dir.resolve("maps.cfl")) && Files.exists(dir.resolve("maps.hdr")));
	}

	@Test
	void reconstructWithTheWrittenMapsEqualsReconstructWithEspiritInside() {
		final KSpace full = KSpaceFiles.read(kspaceFile());
		final SamplingMask mask = Masks.create("equispaced", 3, 0.3, 0).sample(36, 30, 1);
		final Path under = dir.resolve("under.npy");
		KSpaceFiles.write(full.undersample(mask), under);
		MaskFiles.write(mask, dir.resolve("under_mask.npy"));
		final Path maps = dir.resolve("maps.npy");
		final String maskKey = "mask=" + dir.resolve("under_mask.npy");
		assertEquals(0, CliRun.of("espirit", "input=" + under, maskKey, "output=" + maps).exitCode());
		final Path inside = dir.resolve("inside.npy"), fromFile = dir.resolve("file.npy");
		final CliRun a = CliRun.of("reconstruct", "input=" + under, maskKey, "output=" + inside, "method=tv",
			"iterations=15", "threads=1");
		final CliRun b = CliRun.of("reconstruct", "input=" + under, maskKey, "output=" + fromFile, "method=tv",
			"iterations=15", "threads=1", "coil_maps=" + maps);
		assertEquals(0, a.exitCode(), a.err());
		assertEquals(0, b.exitCode(), b.err());
		final float[] x = VolumeFiles.read(inside).slice(0), y = VolumeFiles.read(fromFile).slice(0);
		for (int i = 0; i < x.length; i++)
			assertEquals(x[i], y[i], 1e-6 * Math.max(1, Math.abs(x[i])), "pixel " + i);
	}

	@Test
	void badKeysEndWithOneLineAndNoFile() {
		final Path input = kspaceFile();
		final Path out = dir.resolve("maps.npy");
		final String[][] cases = { { "crop=1", "accelmr: ESPIRiT crop must be in [0, 1), got 1.0" }, {
			"threshold=-0.1", "accelmr: threshold must be a number [0, 1), got '-0.1'" }, { "kernel=0",
				"accelmr: kernel must be a whole number >= 1, got '0'" }, { "kernel=8 calibration=6",
					"accelmr: ESPIRiT calibration size 6 must be at least the kernel size 8" } };
		for (final String[] c : cases) {
			final String[] keys = c[0].split(" ");
			final String[] args = new String[3 + keys.length];
			args[0] = "espirit";
			args[1] = "input=" + input;
			args[2] = "output=" + out;
			System.arraycopy(keys, 0, args, 3, keys.length);
			final CliRun run = CliRun.of(args);
			assertEquals(Main.BAD_INPUT, run.exitCode(), c[0]);
			assertEquals(c[1], run.err().strip());
			assertFalse(Files.exists(out), c[0]);
		}
		final CliRun h5 = CliRun.of("espirit", "input=" + input, "output=" + dir.resolve("maps.h5"));
		assertEquals("accelmr: output=" + dir.resolve("maps.h5") + ": expected a file ending in .npy, .cfl", h5.err()
			.strip());
	}

	@Test
	void helpListsEveryKeyOfEveryCommandWithItsDefaultAndRange() {
		for (final Subcommand s : Subcommands.all()) {
			final CliRun help = CliRun.of("help", s.spec().name());
			assertEquals(0, help.exitCode());
			for (final Key key : s.spec().keys()) {
				final String def = s.spec().required().contains(key) ? "(required)" : s.spec().defaultOf(key);
				final String line = help.out().lines().filter(l -> l.startsWith("  " + key.key() + " ")).findFirst()
					.orElseThrow(() -> new AssertionError(s.spec().name() + " help lacks " + key.key()));
				final String[] columns = line.trim().split("\\s+");
				assertEquals(def.isEmpty() ? "\"\"" : def, columns[1], s.spec().name() + " " + key.key());
				if (!key.range().isEmpty()) assertTrue(line.contains(" " + key.range() + " "), line);
			}
		}
		final CliRun espirit = CliRun.of("help", "espirit");
		assertTrue(espirit.out().contains("threshold            0.001          [0, 1)"), espirit.out());
		assertTrue(espirit.out().contains("Plugins > AccelMR > Estimate coil sensitivities (ESPIRiT)"), espirit.out());
	}
}
