package org.accelmr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.MaskFiles;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.mask.SamplingMask;
import org.accelmr.progress.Progress;
import org.accelmr.recon.ZeroFilledRecon;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher end to end, in process: results equal independent numpy computations (see
 * src/test/python/make_cli_fixtures.py), and every kind of bad input ends with exit code 2, one
 * {@code accelmr: } line naming the file or key, and no output file.
 */
class MainTest {

	private static final Path IO = Path.of("src/test/resources/io");
	private static final Path CLI = Path.of("src/test/resources/cli");

	@TempDir
	Path dir;

	// -- results --

	@Test
	void zeroFilledOfAFullySampledFileEqualsNumpyCroppedToItsReference() {
		final Path out = dir.resolve("recon.npy");
		final CliRun run = CliRun.of("reconstruct", "input=" + IO.resolve("multicoil.h5"), "output=" + out);
		assertEquals(0, run.exitCode(), run.err());
		assertClose(VolumeFiles.read(CLI.resolve("multicoil_zero_filled.npy")), VolumeFiles.read(out), 1e-5);
		assertTrue(run.out().contains("s per slice"), run.out());
	}

	@Test
	void aFileWithItsOwnMaskIsReconstructedAsItIs() {
		final Path out = dir.resolve("recon.h5");
		final CliRun run = CliRun.of("reconstruct", "input=" + IO.resolve("challenge_mask1d.h5"), "output=" + out,
			"mask=random", "acceleration=2");
		assertEquals(0, run.exitCode(), run.err());
		assertTrue(run.out().contains("already undersampled"), run.out());
		assertClose(VolumeFiles.read(CLI.resolve("challenge_mask1d_zero_filled.npy")), VolumeFiles.read(out), 1e-5);
	}

	@Test
	void maskKeysUndersampleWithTheSeededMaskAndReportTheAcceleration() {
		final KSpace full = smallKSpace();
		final Path input = dir.resolve("k.npy"), out = dir.resolve("r.tif");
		KSpaceFiles.write(full, input);
		final CliRun run = CliRun.of("reconstruct", "input=" + input, "output=" + out, "mask=equispaced-fraction",
			"acceleration=4", "center_fraction=0.1", "seed=3");
		assertEquals(0, run.exitCode(), run.err());
		final SamplingMask mask = Masks.create("equispaced-fraction", 4, 0.1, 24).sample(40, 32, 3);
		final FloatVolume expected = new ZeroFilledRecon(1).reconstruct(full.undersample(mask), Progress.NONE);
		assertClose(expected, VolumeFiles.read(out), 1e-6);
		assertTrue(run.out().contains(String.format("achieved acceleration %.2f", mask.acceleration())), run.out());
	}

	@Test
	void undersampleWritesKSpaceAndMaskThatReconstructLikeTheDirectPath() {
		final Path input = dir.resolve("k.npy"), under = dir.resolve("u.npy"), maskFile = dir.resolve("m.npy");
		KSpaceFiles.write(smallKSpace(), input);
		final CliRun run = CliRun.of("undersample", "input=" + input, "output=" + under, "mask=random", "seed=9",
			"mask_output=" + maskFile);
		assertEquals(0, run.exitCode(), run.err());
		final SamplingMask expected = Masks.create("random", 4, 0.08, 24).sample(40, 32, 9);
		assertEquals(expected.sampledCount(), MaskFiles.read(maskFile, 40, 32).sampledCount());
		final KSpace read = KSpaceFiles.read(under);
		final float[] zeroed = read.data().plane(0, 0);
		for (int x = 0; x < 40; x++)
			if (!expected.isSampled(5, x)) assertEquals(0f, zeroed[2 * (5 * 40 + x)]);
	}

	@Test
	void evaluatePrintsFastMriMetricsEqualToSkimage() throws IOException {
		final CliRun run = CliRun.of("evaluate", "reference=" + CLI.resolve("evaluate_reference.npy"),
			"reconstruction=" + CLI.resolve("evaluate_reconstruction.npy"));
		assertEquals(0, run.exitCode(), run.err());
		final String json = Files.readString(CLI.resolve("expected.json"));
		assertEquals(number(json, "nmse"), number(run.out(), "NMSE"), 2e-6);
		assertEquals(number(json, "psnr"), number(run.out(), "PSNR"), 1e-3);
		assertEquals(number(json, "ssim"), number(run.out(), "SSIM"), 1e-5);
	}

	@Test
	void evaluateReadsAReconstructionLayoutH5AsReference() {
		final Path reference = dir.resolve("reference.h5");
		VolumeFiles.write(VolumeFiles.read(CLI.resolve("evaluate_reference.npy")), reference);
		final CliRun run = CliRun.of("evaluate", "reference=" + reference, "reconstruction=" + CLI.resolve(
			"evaluate_reconstruction.npy"));
		assertEquals(0, run.exitCode(), run.err());
		assertTrue(run.out().contains("PSNR  30.94"), run.out());
	}

	@Test
	void evaluateTakesFullySampledKSpaceAsReferenceThroughItsZeroFilledRss() {
		final Path npy = writeSmall(), cfl = dir.resolve("k.cfl");
		KSpaceFiles.write(smallKSpace(), cfl);
		final Path recon = dir.resolve("r4.npy");
		assertEquals(0, CliRun.of("reconstruct", "input=" + npy, "output=" + recon, "mask=random", "acceleration=4")
			.exitCode());
		final FloatVolume rss = new ZeroFilledRecon(1).reconstruct(KSpaceFiles.read(npy), Progress.NONE);
		final double expected = org.accelmr.metrics.Metrics.nmse(rss, VolumeFiles.read(recon));
		assertTrue(expected > 1e-3, "R=4 differs from the reference: " + expected);
		for (final Path reference : List.of(npy, cfl, dir.resolve("k.hdr"))) {
			final CliRun run = CliRun.of("evaluate", "reference=" + reference, "reconstruction=" + recon);
			assertEquals(0, run.exitCode(), run.err());
			assertEquals(expected, number(run.out(), "NMSE"), 2e-6, reference.toString());
		}
		// a reconstruction on a smaller matrix is scored against the reference's centre
		final Path cropped = dir.resolve("r4-cropped.npy");
		VolumeFiles.write(VolumeFiles.read(recon).centerCrop(30, 24), cropped);
		final CliRun run = CliRun.of("evaluate", "reference=" + npy, "reconstruction=" + cropped);
		assertEquals(0, run.exitCode(), run.err());
		assertEquals(org.accelmr.metrics.Metrics.nmse(rss.centerCrop(30, 24), VolumeFiles.read(cropped)), number(run
			.out(), "NMSE"), 2e-6);
		assertRejected("challenge_mask1d.h5: undersampled k-space (it carries a mask) without a stored " +
			"reconstruction_rss", "evaluate", "reference=" + IO.resolve("challenge_mask1d.h5"), "reconstruction=" +
				recon);
	}

	@Test
	void evaluateRefusesNanOrInfiniteImagesOnEitherSide() {
		final FloatVolume image = Phantoms.brain(40, 32);
		final Path good = dir.resolve("good.npy"), nan = dir.resolve("nan.npy"), inf = dir.resolve("inf.tif");
		VolumeFiles.write(image, good);
		final FloatVolume bad = Phantoms.brain(40, 32);
		bad.slice(0)[3 * 40 + 5] = Float.NaN;
		VolumeFiles.write(bad, nan);
		bad.slice(0)[3 * 40 + 5] = Float.NEGATIVE_INFINITY;
		VolumeFiles.write(bad, inf);
		assertRejected("nan.npy: pixel at slice 0, row 3, column 5 is NaN; metrics need finite values", "evaluate",
			"reference=" + good, "reconstruction=" + nan);
		assertRejected("inf.tif: pixel at slice 0, row 3, column 5 is -Infinity", "evaluate", "reference=" + inf,
			"reconstruction=" + good);
	}

	@Test
	void simulateReadsNpyAndNiftiImagesAsTrainDoes() throws IOException {
		final FloatVolume image = Phantoms.brain(40, 32);
		final Path npy = dir.resolve("brain.npy");
		VolumeFiles.write(image, npy);
		final Path nii = dir.resolve("brain.nii");
		Files.write(nii, niftiFloat32(image, 2));
		for (final Path input : List.of(npy, nii)) {
			final Path out = dir.resolve("k-" + input.getFileName() + ".npy");
			final CliRun run = CliRun.of("simulate", "input=" + input, "output=" + out, "coils=2", "phase=false");
			assertEquals(0, run.exitCode(), run.err());
			final KSpace k = KSpaceFiles.read(out);
			assertEquals(List.of(input == npy ? 1 : 2, 2, 32, 40), List.of(k.data().slices(), k.data().coils(), k
				.data().height(), k.data().width()));
			// the simulated coils' RSS gives the image back (up to the coil profile's normalisation)
			final FloatVolume back = new ZeroFilledRecon(1).reconstruct(k, Progress.NONE);
			final double scale = back.max() / image.max();
			for (int i = 0; i < image.slice(0).length; i += 37)
				assertEquals(image.slice(0)[i] * scale, back.slice(0)[i], 1e-3 * back.max(), "pixel " + i);
		}
	}

	/** A NIfTI-1 float32 file whose axial planes (z) are {@code slices} copies of the image. */
	private static byte[] niftiFloat32(final FloatVolume image, final int slices) {
		final int nx = image.width(), ny = image.height();
		final java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(352 + 4 * nx * ny * slices).order(
			java.nio.ByteOrder.LITTLE_ENDIAN);
		b.putInt(0, 348).putShort(40, (short) 3).putShort(42, (short) nx).putShort(44, (short) ny).putShort(46,
			(short) slices).putShort(48, (short) 1).putShort(70, (short) 16).putShort(72, (short) 32);
		b.putFloat(76, 1).putFloat(80, 1).putFloat(84, 1).putFloat(88, 1).putFloat(108, 352);
		b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
		b.position(352);
		for (int z = 0; z < slices; z++)
			for (final float v : image.slice(0))
				b.putFloat(v);
		return b.array();
	}

	@Test
	void evaluateTakesTheReferenceStoredInAFastMriFileAndPrintsNothingWhenAMetricFails() {
		final Path out = dir.resolve("recon.npy");
		assertEquals(0, CliRun.of("reconstruct", "input=" + IO.resolve("multicoil.h5"), "output=" + out).exitCode());
		// the fixture's reference_rss is 4x4, below SSIM's 7x7 window
		final CliRun run = assertRejected("SSIM needs images of at least 7x7", "evaluate", "reference=" + IO.resolve(
			"multicoil.h5"), "reconstruction=" + out);
		assertEquals("", run.out());
	}

	@Test
	void helpListsEveryCommandAndEveryKeyOfOne() {
		final CliRun overview = CliRun.of("help");
		assertEquals(0, overview.exitCode());
		for (final String name : Main.names())
			assertTrue(overview.out().contains("  " + name + " "), name);
		final CliRun reconstruct = CliRun.of("help", "reconstruct");
		for (final Key key : ReconstructSubcommand.SPEC.keys())
			assertTrue(reconstruct.out().contains("  " + key.key() + " "), key.key());
		assertTrue(reconstruct.out().contains("center_fraction      0.08           (0, 1)"), reconstruct.out());
	}

	// -- bad input: one line, exit 2, nothing written --

	@Test
	void missingFile() {
		assertRejected("no such file", "reconstruct", "input=" + dir.resolve("nope.h5"), "output=" + out());
	}

	@Test
	void notHdf5() throws IOException {
		final Path fake = Files.writeString(dir.resolve("fake.h5"), "this is not HDF5\n");
		assertRejected("fake.h5", "reconstruct", "input=" + fake, "output=" + out());
	}

	@Test
	void truncatedHdf5() throws IOException {
		final byte[] whole = Files.readAllBytes(IO.resolve("multicoil.h5"));
		final Path cut = Files.write(dir.resolve("cut.h5"), java.util.Arrays.copyOf(whole, whole.length / 2));
		assertRejected("cut.h5", "reconstruct", "input=" + cut, "output=" + out());
	}

	@Test
	void wrongDtype() {
		assertRejected("bad_float_kspace.h5", "reconstruct", "input=" + IO.resolve("bad_float_kspace.h5"), "output=" +
			out());
	}

	@Test
	void wrongShape() {
		assertRejected("bad_rank_kspace.h5", "reconstruct", "input=" + IO.resolve("bad_rank_kspace.h5"), "output=" +
			out());
	}

	@Test
	void accelerationOutOfRange() {
		final Path input = writeSmall();
		assertRejected("acceleration", "reconstruct", "input=" + input, "output=" + out(), "mask=random",
			"acceleration=1");
		assertRejected("acceleration", "reconstruct", "input=" + input, "output=" + out(), "mask=random",
			"acceleration=41");
	}

	@Test
	void centerFractionOutOfRange() {
		assertRejected("center_fraction", "reconstruct", "input=" + writeSmall(), "output=" + out(), "mask=random",
			"center_fraction=1.5");
	}

	@Test
	void maskSizeMismatch() {
		final Path maskFile = dir.resolve("mask.npy");
		MaskFiles.write(Masks.create("random", 4, 0.08, 0).sample(30, 32, 1), maskFile);
		assertRejected("mask.npy", "reconstruct", "input=" + writeSmall(), "output=" + out(), "mask=" + maskFile);
		assertRejected("bad_mask_size.h5", "reconstruct", "input=" + IO.resolve("bad_mask_size.h5"), "output=" +
			out());
	}

	@Test
	void nanInKSpace() {
		assertRejected("bad_nan_kspace.h5", "reconstruct", "input=" + IO.resolve("bad_nan_kspace.h5"), "output=" +
			out());
		final KSpace k = smallKSpace();
		k.data().plane(0, 1)[17] = Float.POSITIVE_INFINITY;
		final Path input = dir.resolve("inf.npy");
		KSpaceFiles.write(k, input);
		assertRejected("inf.npy", "reconstruct", "input=" + input, "output=" + out());
	}

	@Test
	void untrustworthyHeadersExitTwoForEveryCommandThatReadsThem() throws IOException {
		Files.writeString(dir.resolve("wide.hdr"), "# Dimensions\n40 99999999999\n");
		Files.write(dir.resolve("wide.cfl"), new byte[8]);
		assertRejected("wide.hdr: dimension 1 of size 99999999999 is too large", "reconstruct", "input=" + dir
			.resolve("wide.cfl"), "output=" + out());
		Files.writeString(dir.resolve("short.hdr"), "# Dimensions\n40 32 1 2\n");
		Files.write(dir.resolve("short.cfl"), new byte[8 * 40 * 32]);
		assertRejected("short.cfl: holds 10240 bytes but short.hdr gives dimensions", "undersample", "input=" + dir
			.resolve("short.hdr"), "output=" + dir.resolve("u.npy"));
		final String dict = "{'descr': '<c8', 'fortran_order': False, 'shape': (99999, 99999, 99999), }\n";
		final Path huge = Files.write(dir.resolve("huge.npy"), ("\u0093NUMPY\u0001\u0000" + (char) dict.length() +
			"\u0000" + dict).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
		assertRejected("huge.npy: header gives shape [99999, 99999, 99999]", "evaluate", "reference=" + huge,
			"reconstruction=" + huge);
	}

	@Test
	void benchNamesOnlyKnownMethods() {
		assertEquals(null, BenchSubcommand.methods("all"));
		assertEquals(List.of("zero-filled", "unet"), BenchSubcommand.methods("zero-filled, unet"));
		assertRejected("zero-filled, tv, wavelet, unet, varnet; got 'unet,fast'", "bench", "method=unet,fast");
	}

	@Test
	void unknownKeyListsTheValidOnes() {
		final CliRun run = assertRejected("unknown key 'acceleraton' for reconstruct; valid keys: input, output,",
			"reconstruct", "input=" + writeSmall(), "output=" + out(), "acceleraton=4");
		assertTrue(run.err().contains("center_fraction"), run.err());
	}

	@Test
	void unknownCommandAndBadOutputExtension() {
		assertRejected("unknown command 'reconstrct'", "reconstrct");
		assertRejected("expected a file ending in .h5", "reconstruct", "input=" + writeSmall(), "output=" + dir
			.resolve("r.png"));
	}

	@Test
	void anOutputThatIsTheInputIsRefused() throws IOException {
		final Path input = writeSmall();
		final byte[] before = Files.readAllBytes(input);
		assertRejected("refusing to overwrite", "reconstruct", "input=" + input, "output=" + input);
		assertArrayEquals(before, Files.readAllBytes(input));
	}

	@Test
	void noOutputKeyOfAnyCommandMayNameAnyOfItsInputs() throws IOException {
		final Path input = writeSmall(), mask = dir.resolve("m.npy");
		MaskFiles.write(Masks.create("random", 4, 0.08, 0).sample(32, 40, 1), mask);
		final KSpace k = smallKSpace();
		KSpaceFiles.write(k, dir.resolve("pair.cfl"));
		final Path macro = Files.writeString(dir.resolve("m.ijm"), "print(getArgument());\n");
		final Map<Path, byte[]> before = new java.util.HashMap<>();
		for (final Path p : List.of(input, mask, dir.resolve("pair.cfl"), dir.resolve("pair.hdr"), macro))
			before.put(p, Files.readAllBytes(p));

		assertRejected("output=" + input + " is also an input", "undersample", "input=" + input, "output=" + input);
		assertRejected("mask_output=" + mask + " is also an input", "undersample", "input=" + input, "output=" + dir
			.resolve("u.npy"), "mask=" + mask, "mask_output=" + mask);
		assertRejected("name the same file", "undersample", "input=" + input, "output=" + dir.resolve("u.npy"),
			"mask_output=" + dir.resolve("u.npy"));
		// the .cfl is half of the input's .cfl/.hdr pair, and a relative spelling is the same file
		assertRejected("is also an input (" + dir.resolve("pair.hdr") + ")", "undersample", "input=" + dir.resolve(
			"pair.hdr"), "output=" + dir.resolve("pair.cfl"));
		assertRejected("is also an input", "undersample", "input=" + input, "output=" + dir.resolve("./small.npy"));
		assertRejected("output=" + mask + " is also an input", "espirit", "input=" + input, "mask=" + mask,
			"output=" + mask);
		assertRejected("is also an input", "simulate", "input=" + dir.resolve("pair.hdr"), "output=" + dir.resolve(
			"pair.cfl"));
		assertRejected("is the macro file itself", "macro", macro.toString(), "output=" + macro);
		for (final Map.Entry<Path, byte[]> e : before.entrySet())
			assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey() + " untouched");
	}

	@Test
	void aMacroThatReadsItsFolderNeedsOutputAndGetsItWithOneTrailingSeparator() throws IOException {
		final Path macro = Files.writeString(dir.resolve("needs.ijm"), "// writes into getArgument()\ndir = " +
			"getArgument();\nprint(dir);\n");
		// before: usage printed by the macro's own exit("..."), and exit code 0
		assertRejected("needs.ijm reads its folder from getArgument(): give it with output=DIR", "macro", macro
			.toString());
		assertRejected("output=" + dir.resolve("nowhere") + ": no such folder", "macro", macro.toString(), "output=" +
			dir.resolve("nowhere"));
		final String sep = java.io.File.separator;
		assertEquals(dir + sep, MacroSubcommand.macroArgument(macro, dir.toString()));
		assertEquals(dir + sep, MacroSubcommand.macroArgument(macro, dir + sep));
		final Path quiet = Files.writeString(dir.resolve("quiet.ijm"), "// never asks for getArgument()\nprint(1);\n");
		assertEquals("", MacroSubcommand.macroArgument(quiet, ""), "a macro that never asks runs without output=");
	}

	// -- helpers --

	private Path out() {
		return dir.resolve("out.h5");
	}

	private Path writeSmall() {
		final Path input = dir.resolve("small.npy");
		if (!Files.exists(input)) KSpaceFiles.write(smallKSpace(), input);
		return input;
	}

	/** 2 coils of a 40 x 32 phantom, fully sampled. */
	private static KSpace smallKSpace() {
		return KSpaceSimulator.simulate(Phantoms.brain(40, 32), new SimulationConfig(2, true, 0, 5));
	}

	private CliRun assertRejected(final String expected, final String... args) {
		final Set<Path> before = listing();
		final CliRun run = CliRun.of(args);
		assertEquals(Main.BAD_INPUT, run.exitCode(), run.out() + run.err());
		final List<String> lines = run.err().lines().toList();
		assertEquals(1, lines.size(), "exactly one line on stderr: " + run.err());
		assertTrue(lines.get(0).startsWith("accelmr: ") && lines.get(0).contains(expected), lines.get(0));
		assertEquals(before, listing(), "no output or temporary file may be left behind");
		return run;
	}

	private Set<Path> listing() {
		try (Stream<Path> files = Files.list(dir)) {
			return files.collect(Collectors.toSet());
		}
		catch (final IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static double number(final String text, final String name) {
		final Matcher m = Pattern.compile("\"?" + name + "\"?:?\\s+([-0-9.eE+]+)").matcher(text);
		assertTrue(m.find(), name + " in " + text);
		return Double.parseDouble(m.group(1));
	}

	private static void assertClose(final FloatVolume expected, final FloatVolume actual, final double nmse) {
		assertEquals(expected.depth(), actual.depth());
		assertEquals(expected.width(), actual.width());
		assertEquals(expected.height(), actual.height());
		double err = 0, norm = 0;
		for (int s = 0; s < expected.depth(); s++)
			for (int i = 0; i < expected.slice(s).length; i++) {
				final double d = expected.slice(s)[i] - actual.slice(s)[i];
				err += d * d;
				norm += (double) expected.slice(s)[i] * expected.slice(s)[i];
			}
		assertTrue(err / norm < nmse, "NMSE " + err / norm);
	}

}
