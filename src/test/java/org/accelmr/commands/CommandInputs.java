package org.accelmr.commands;

import java.util.HashMap;
import java.util.Map;

import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** Runs a command through {@link CommandService} with inputs given as alternating names and values. */
final class CommandInputs {

	private CommandInputs() {}

	static CommandModule run(final CommandService commands, final Class<? extends Command> command,
		final Object... keyValues) throws Exception
	{
		final Map<String, Object> inputs = new HashMap<>();
		for (int i = 0; i < keyValues.length; i += 2)
			inputs.put((String) keyValues[i], keyValues[i + 1]);
		return commands.run(command, false, inputs).get();
	}
}
