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
		assertThrows(AccelMRException.class, () -> Arguments.parse(spec, List.of("input=a", "output=b", "coils=4")));
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
