package org.accelmr.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.accelmr.recon.ReconstructionMethods;

/** {@code accelmr help [COMMAND]}: every subcommand, and every key of one with its default and range. */
public final class Help implements Subcommand {

	private static final Spec SPEC = new Spec("help", null, "list the commands, or every key of one command",
		"[COMMAND]", List.of(), List.of(), Map.of(), "./accelmr help reconstruct");

	@Override
	public Spec spec() {
		return SPEC;
	}

	@Override
	public int run(final Arguments arguments, final PrintStream out) {
		final List<String> words = arguments.positional();
		if (words.isEmpty()) printOverview(out);
		else printCommand(Subcommands.named(words.get(0)).spec(), out);
		return Main.OK;
	}

	static void printOverview(final PrintStream out) {
		out.println("AccelMR: accelerated MRI reconstruction (the same commands as Plugins > AccelMR in Fiji)");
		out.println();
		out.println("usage: ./accelmr COMMAND key=value ...");
		out.println();
		for (final Subcommand s : Subcommands.all())
			out.printf("  %-12s %s%n", s.spec().name(), s.spec().summary());
		out.println();
		out.println("Reconstruction methods: " + String.join(", ", ReconstructionMethods.names()));
		out.println("Run './accelmr help COMMAND' for its keys, defaults and ranges.");
	}

	static void printCommand(final Spec spec, final PrintStream out) {
		out.println("./accelmr " + spec.name() + (spec.positional().isEmpty() ? "" : " " + spec.positional()) +
			(spec.keys().isEmpty() ? "" : " key=value ..."));
		out.println("  " + spec.summary());
		if (spec.menuTitle() != null) out.println("  Fiji: Plugins > AccelMR > " + spec.menuTitle() +
			"; macro: run(\"" + spec.menuTitle() + "\", \"key=value ...\");");
		if (!spec.keys().isEmpty()) {
			out.println();
			out.printf("  %-20s %-14s %-12s %s%n", "key", "default", "range", "meaning");
			for (final Key key : spec.keys()) {
				final String def = spec.required().contains(key) ? "(required)" : spec.defaultOf(key);
				out.printf("  %-20s %-14s %-12s %s%n", key.key(), def.isEmpty() ? "\"\"" : def, key.range(), key
					.description(spec.name()));
			}
		}
		if (spec.keys().contains(Key.METHOD)) out.println("\n  methods: " + String.join(", ", ReconstructionMethods
			.names()));
		out.println();
		out.println("  example: " + spec.example());
	}
}
