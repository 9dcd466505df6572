package org.accelmr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's launcher examples chain: run in the README's order in an empty folder, each example whose input
 * files exist by then (made by an earlier example; the others name the user's own data, such as
 * {@code file_brain.h5}) runs and succeeds, and the chain from {@code ./accelmr simulate output=kspace.npy}
 * reaches ESPIRiT, the reconstructions and evaluate.
 */
class ReadmeExamplesTest {

	/** Commands that work on single files and finish in seconds on the built-in data. */
	private static final Set<String> FILE_COMMANDS = Set.of("simulate", "undersample", "espirit", "reconstruct",
		"evaluate");
	/** Values of input keys that are names, not files. */
	private static final Set<String> NAMES = Set.of("random", "equispaced", "equispaced-fraction", "poisson", "none",
		"espirit", "rss", "");

	@TempDir
	Path dir;

	@Test
	void theExamplesRunInOrderFromTheBuiltInKSpace() throws IOException {
		final List<String> ran = new ArrayList<>();
		for (final List<String> line : examples(Files.readString(Path.of("README.md")))) {
			if (!FILE_COMMANDS.contains(line.get(0))) continue;
			final List<String> args = new ArrayList<>(List.of(line.get(0)));
			boolean inputsExist = true;
			for (final String word : line.subList(1, line.size())) {
				final String key = word.substring(0, word.indexOf('=')), value = word.substring(word.indexOf('=') + 1);
				final boolean file = !NAMES.contains(value) && (OutputFile.INPUT_KEYS.contains(Key.named(key)
					.orElseThrow()) || key.equals("output") || key.equals("mask_output"));
				if (file && OutputFile.INPUT_KEYS.contains(Key.named(key).orElseThrow()) && !Files.exists(dir.resolve(
					value))) inputsExist = false;
				args.add(file ? key + "=" + dir.resolve(value) : word);
			}
			if (!inputsExist) continue; // the user's own data
			final CliRun run = CliRun.of(args.toArray(String[]::new));
			assertEquals(0, run.exitCode(), "./accelmr " + String.join(" ", line) + "\n" + run.out() + run.err());
			ran.add(line.get(0) + " -> " + line.stream().filter(w -> w.startsWith("output=")).findFirst().orElse(""));
		}
		assertEquals(List.of("simulate -> output=kspace.npy", "undersample -> output=under.npy",
			"reconstruct -> output=recon.tif", "espirit -> output=maps.npy", "reconstruct -> output=tv.tif",
			"evaluate -> ", "evaluate -> "), ran);
		assertTrue(Files.isRegularFile(dir.resolve("under_mask.npy")), "undersample writes the mask espirit reads");
	}

	/** Every {@code `./accelmr COMMAND key=value ...`} of the text, in order, as words after ./accelmr. */
	static List<List<String>> examples(final String markdown) {
		final List<List<String>> lines = new ArrayList<>();
		final Matcher m = Pattern.compile("`\\./accelmr ([a-z]+(?: [a-z_]+=[^ `]*)+)`").matcher(markdown);
		while (m.find())
			lines.add(Arrays.asList(m.group(1).split(" ")));
		return lines;
	}
}
