package org.accelmr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.junit.jupiter.api.Test;

class KeyTest {

	@Test
	void everyDefaultPassesItsOwnCheck() {
		for (final Key key : Key.values())
			key.check(key.defaultValue());
	}

	@Test
	void rangesAreEnforcedAndNamed() {
		assertEquals(4.0, Key.ACCELERATION.real("4"));
		assertEquals("acceleration must be a number > 1, got '1'", assertThrows(AccelMRException.class,
			() -> Key.ACCELERATION.real("1")).getMessage());
		assertThrows(AccelMRException.class, () -> Key.CENTER_FRACTION.real("0"));
		assertThrows(AccelMRException.class, () -> Key.CENTER_FRACTION.real("1"));
		assertEquals(0.5, Key.CENTER_FRACTION.real("0.5"));
		assertEquals(0.0, Key.LAMBDA.real("0"), "lambda >= 0 includes 0");
		assertThrows(AccelMRException.class, () -> Key.LAMBDA.real("-0.1"));
		assertThrows(AccelMRException.class, () -> Key.NOISE.real("NaN"));
		assertThrows(AccelMRException.class, () -> Key.ACCELERATION.real("Infinity"));
		assertEquals(64, Key.COILS.integer("64"));
		assertEquals(0, Key.COILS.integer("0"), "coils=0: no compression");
		assertThrows(AccelMRException.class, () -> Key.COILS.integer("65"));
		assertThrows(AccelMRException.class, () -> Key.ITERATIONS.integer("2.5"));
		assertThrows(AccelMRException.class, () -> Key.PHASE.bool("maybe"));
		assertEquals("(0, 1)", Key.CENTER_FRACTION.range());
		assertEquals("[0, 64]", Key.COILS.range());
		assertEquals(">= 0", Key.LAMBDA.range());
		// degenerate intervals read as what they allow
		assertEquals("= 3", Key.Range.closed(3, 3).toString());
		assertEquals("(none)", Key.Range.open(1, 1).toString());
	}

	@Test
	void helpShowsEachCommandsOwnMeaningOfASharedKey() {
		assertTrue(Key.CROP.description("espirit").contains("eigenvalue"));
		assertFalse(Key.CROP.description("espirit").contains("training patches"), "train's meaning stays out of espirit's help");
		assertTrue(Key.CROP.description("train").contains("patch"));
		assertFalse(Key.CROP.description("train").contains("eigenvalue"));
		assertFalse(Key.OUTPUT.description("reconstruct").contains("getArgument"));
		assertFalse(Key.OUTPUT.description("reconstruct").contains("folder"));
		assertTrue(Key.OUTPUT.description("macro").contains("getArgument"));
		assertTrue(Key.OUTPUT.description("batch").contains("folder"));
		final CliRun espirit = CliRun.of("help", "espirit");
		assertFalse(espirit.out().contains("training patches") || espirit.out().contains("getArgument") || espirit.out()
			.contains("model's path"), espirit.out());
		final CliRun train = CliRun.of("help", "train");
		assertFalse(train.out().contains("eigenvalue"), train.out());
	}

	@Test
	void threadsAboveTheProcessorCountAreCappedWithANote() {
		final int processors = Runtime.getRuntime().availableProcessors();
		final Arguments a = Arguments.parse(EspiritSubcommand.SPEC, List.of("input=a.npy", "output=b.npy",
			"threads=" + (processors + 7)));
		assertEquals(processors, a.integer(Key.THREADS));
		assertEquals(List.of("note: threads=" + (processors + 7) + " is more than the " + processors +
			" processors here; using " + processors), a.notes());
		assertEquals(List.of(), Arguments.parse(EspiritSubcommand.SPEC, List.of("input=a.npy", "output=b.npy",
			"threads=" + processors)).notes());
	}

	@Test
	void aFolderWhereAFileBelongsIsNamedAsSuch(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir) {
		for (final String[] line : new String[][] { { "reconstruct", "input=" + dir, "output=x.h5" }, { "reconstruct",
			"input=a.h5", "output=x.h5", "mask=" + dir }, { "reconstruct", "input=a.h5", "output=x.h5", "coil_maps=" +
				dir }, { "reconstruct", "input=a.h5", "output=x.h5", "model=" + dir }, { "evaluate", "reference=" +
					dir, "reconstruction=r.h5" }, { "evaluate", "reference=r.h5", "reconstruction=" + dir }, {
						"train", "data=" + dir, "output=m", "init=" + dir }, { "undersample", "input=" + dir,
							"output=u.npy" }, { "simulate", "input=" + dir, "output=k.npy" } })
		{
			final CliRun run = CliRun.of(line);
			assertEquals(Main.BAD_INPUT, run.exitCode(), String.join(" ", line) + ": " + run.err());
			assertTrue(run.err().matches("accelmr: [a-z_]+=" + java.util.regex.Pattern.quote(dir.toString()) +
				" is a folder, expected a file \\(.*\\)\\R"), run.err());
		}
		// where a folder is what the command reads, it passes this check
		assertFalse(CliRun.of("batch", "input=" + dir, "output=" + dir.resolve("out")).err().contains("is a folder"));
	}

	@Test
	void helpFlagsWorkLikeHelp() {
		final String overview = CliRun.of("help").out();
		assertEquals(overview, CliRun.of("--help").out());
		assertEquals(overview, CliRun.of("-h").out());
		assertEquals(CliRun.of("help", "reconstruct").out(), CliRun.of("reconstruct", "--help").out());
		assertEquals(CliRun.of("help", "reconstruct").out(), CliRun.of("--help", "reconstruct").out());
		assertEquals(0, CliRun.of("-h").exitCode());
	}

	@Test
	void argumentsRejectUnknownRepeatedAndMissingKeys() {
		final Subcommand.Spec spec = ReconstructSubcommand.SPEC;
		final AccelMRException unknown = assertThrows(AccelMRException.class, () -> Arguments.parse(spec, List.of(
			"input=a.h5", "output=b.h5", "acceleraton=4")));
		assertTrue(unknown.getMessage().startsWith("unknown key 'acceleraton' for reconstruct; valid keys: input, "),
			unknown.getMessage());
		assertThrows(AccelMRException.class, () -> Arguments.parse(spec, List.of("input=a", "input=b", "output=c")));
		assertEquals("reconstruct needs output=... (" + Key.OUTPUT.description() + ")", assertThrows(
			AccelMRException.class, () -> Arguments.parse(spec, List.of("input=a.h5"))).getMessage());
		// a key of another subcommand is unknown here
		assertThrows(AccelMRException.class, () -> Arguments.parse(spec, List.of("input=a", "output=b", "phase=true")));
	}

	@Test
	void defaultsComeFromTheSpecThenTheKey() {
		final Arguments a = Arguments.parse(ReconstructSubcommand.SPEC, List.of("input=a.h5", "output=b.h5"));
		assertEquals("none", a.text(Key.MASK), "reconstruct does not undersample unless asked");
		assertEquals(4.0, a.real(Key.ACCELERATION));
		assertFalse(a.given(Key.ACCELERATION));
		final Subcommand.Spec spec = new Subcommand.Spec("x", null, "", "", List.of(Key.MASK), List.of(), Map.of(),
			"");
		assertEquals("random", Arguments.parse(spec, List.of()).text(Key.MASK));
	}
}
