package org.accelmr.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.imglib2.RandomAccessibleInterval;

import org.accelmr.cli.Key;
import org.accelmr.cli.Subcommand;
import org.accelmr.cli.Subcommands;
import org.accelmr.recon.ReconstructionMethods;
import org.accelmr.recon.UNetRecon;
import org.junit.jupiter.api.Test;
import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.service.Service;

/**
 * One vocabulary: every command's setting (an {@code @Parameter} input that is not an image or a service) is
 * a {@link Key}, with the key's default, and is accepted by the launcher subcommand that has the same title.
 */
class VocabularyTest {

	private static final List<Class<? extends AccelMRCommand>> COMMANDS = List.of(OpenKSpaceCommand.class,
		SimulateKSpaceCommand.class, UndersampleKSpaceCommand.class, ReconstructCommand.class,
		EvaluateReconstructionCommand.class, BatchReconstructCommand.class, EstimateCoilMapsCommand.class, TrainUNetCommand.class);

	@Test
	void commandSettingsAreLauncherKeysWithTheSameDefaults() throws Exception {
		for (final Class<? extends AccelMRCommand> command : COMMANDS) {
			final String title = title(command);
			final Optional<Subcommand.Spec> cli = Subcommands.all().stream().map(Subcommand::spec).filter(
				s -> title.equals(s.menuTitle())).findFirst();
			final AccelMRCommand instance = command.getDeclaredConstructor().newInstance();
			for (final Field field : inputs(command)) {
				final Key key = Key.named(field.getName()).orElseThrow(() -> new AssertionError(command
					.getSimpleName() + "." + field.getName() + " is not a Key"));
				if (cli.isPresent() && !RandomAccessibleInterval.class.isAssignableFrom(field.getType()))
					assertTrue(cli.get().keys().contains(key), title + ": launcher " + cli.get().name() + " lacks " + key
						.key());
				if (field.getType().isPrimitive() || field.getType() == String.class) {
					// the launcher's default for this command where there is one (batch: mask=none), else the key's
					final String expected = cli.map(c -> c.defaultOf(key)).orElse(key.defaultValue());
					field.setAccessible(true);
					assertEquals(expected, text(field.get(instance)), command.getSimpleName() + "." + field.getName() +
						" default");
				}
			}
		}
	}

	@Test
	void theMethodDropDownIsTheRegisteredMethods() throws Exception {
		final List<String> expected = ReconstructionMethods.names();
		assertTrue(expected.contains("unet"));
		for (final Class<?> command : List.of(ReconstructCommand.class, BatchReconstructCommand.class)) {
			final Parameter method = command.getDeclaredField("method").getAnnotation(Parameter.class);
			assertEquals(expected, List.of(method.choices()), command.getSimpleName() +
				": update the choices to ReconstructionMethods.names()");
		}
	}

	@Test
	void theDataConsistencyDropDownIsTheUNetsModes() throws Exception {
		final List<String> expected = Arrays.stream(UNetRecon.Consistency.values()).map(UNetRecon.Consistency::key)
			.toList();
		assertEquals(List.of("off", "single-coil", "multi-coil", "always"), expected);
		for (final Class<?> command : List.of(ReconstructCommand.class, BatchReconstructCommand.class)) {
			final Parameter p = command.getDeclaredField("data_consistency").getAnnotation(Parameter.class);
			assertEquals(expected, List.of(p.choices()), command.getSimpleName() +
				": update the choices to UNetRecon.Consistency keys");
		}
	}

	@Test
	void everyDialogFieldSaysWhatItMeans() {
		for (final Class<? extends AccelMRCommand> command : COMMANDS)
			for (final Field field : inputs(command)) {
				final Parameter p = field.getAnnotation(Parameter.class);
				assertTrue(p.label().length() > 0, command.getSimpleName() + "." + field.getName() + " has no label");
				assertTrue(p.description().length() > 15, command.getSimpleName() + "." + field.getName() +
					" has no description");
			}
	}

	@Test
	void everyMenuCommandIsListedHere() {
		for (final Class<? extends AccelMRCommand> command : COMMANDS)
			assertTrue(title(command).length() > 0);
		final List<String> launcherTitles = new ArrayList<>();
		for (final Subcommand s : Subcommands.all())
			if (s.spec().menuTitle() != null) launcherTitles.add(s.spec().menuTitle());
		final List<String> commandTitles = COMMANDS.stream().map(VocabularyTest::title).toList();
		assertTrue(commandTitles.containsAll(launcherTitles), "launcher names a menu entry that does not exist: " +
			launcherTitles);
	}

	private static String title(final Class<?> command) {
		final String path = command.getAnnotation(Plugin.class).menuPath();
		assertTrue(path.startsWith("Plugins>AccelMR>"), path);
		return path.substring(path.lastIndexOf('>') + 1);
	}

	private static List<Field> inputs(final Class<?> command) {
		final List<Field> fields = new ArrayList<>();
		for (final Field f : command.getDeclaredFields()) {
			final Parameter p = f.getAnnotation(Parameter.class);
			if (p == null || p.type() == ItemIO.OUTPUT || Service.class.isAssignableFrom(f.getType())) continue;
			fields.add(f);
		}
		return fields;
	}

	private static String text(final Object value) {
		if (value instanceof Double d) return d == Math.rint(d) && !Double.toString(d).contains("E") ? Long.toString(d
			.longValue()) : Double.toString(d);
		return String.valueOf(value);
	}
}
