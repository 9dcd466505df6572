package org.accelmr.commands;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.scijava.log.StderrLogService;

/** Runs a command through {@link CommandService} with inputs given as alternating names and values. */
final class CommandInputs {

	private CommandInputs() {}

	/**
	 * Sends what the context's log service prints (a refused command logs its one-line message as an error)
	 * into the returned buffer instead of the console, so a passing test log carries no {@code [ERROR]} lines
	 * and tests can read what a user would have seen.
	 */
	static ByteArrayOutputStream captureLog(final Context context) {
		final ByteArrayOutputStream captured = new ByteArrayOutputStream();
		final PrintStream stream = new PrintStream(captured, true, StandardCharsets.UTF_8);
		final LogService log = context.service(LogService.class);
		if (!(log instanceof StderrLogService stderr)) throw new IllegalStateException("expected SciJava's " +
			"StderrLogService, got " + log.getClass().getName());
		stderr.setPrintStreams(level -> stream);
		return captured;
	}

	static CommandModule run(final CommandService commands, final Class<? extends Command> command,
		final Object... keyValues) throws Exception
	{
		final Map<String, Object> inputs = new HashMap<>();
		for (int i = 0; i < keyValues.length; i += 2)
			inputs.put((String) keyValues[i], keyValues[i + 1]);
		return commands.run(command, false, inputs).get();
	}
}
