package org.accelmr.cli;

import java.util.List;
import java.util.stream.Collectors;

import org.accelmr.AccelMRException;

/** The one list of launcher subcommands: adding a subcommand means adding it here. */
public final class Subcommands {

	private Subcommands() {}

	public static List<Subcommand> all() {
		return List.of(new ReconstructSubcommand(), new EvaluateSubcommand(), new UndersampleSubcommand(),
			new SimulateSubcommand(), new EspiritSubcommand(), new InfoSubcommand(), new BatchSubcommand(), new TrainSubcommand(),
			new MacroSubcommand(), new DemoSubcommand(), new BenchSubcommand(), new Help());
	}

	/** @throws AccelMRException listing the valid names when there is no such subcommand */
	public static Subcommand named(final String name) {
		return all().stream().filter(s -> s.spec().name().equals(name)).findFirst().orElseThrow(
			() -> new AccelMRException("unknown command '" + name + "'; valid commands: " + all().stream().map(
				s -> s.spec().name()).collect(Collectors.joining(", ")) + " (try: accelmr help)"));
	}
}
