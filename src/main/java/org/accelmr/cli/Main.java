package org.accelmr.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.accelmr.AccelMRException;

/**
 * The launcher's entry point: {@code accelmr SUBCOMMAND key=value ...}. A problem with the user's input ends
 * with exit code 2 and ONE line {@code accelmr: <message>} on stderr, never a stack trace; set
 * {@code ACCELMR_DEBUG=1} to see the trace of an unexpected failure.
 */
public final class Main {

	/** Exit codes. */
	public static final int OK = 0, BAD_INPUT = 2, OUT_OF_MEMORY = 3, INTERNAL_ERROR = 4;

	/**
	 * java.util.prefs says "Created user preferences directory." (INFO) on stderr the first time ImageJ or
	 * SciJava reads a preference on a machine without {@code ~/.java}, and warns when a background flush cannot
	 * lock it (read-only homes, containers): neither concerns AccelMR's results, and the launcher's stderr is
	 * one line per problem. Held in a field because java.util.logging keeps loggers only weakly, and set before
	 * any ImageJ class loads.
	 */
	private static final Logger PREFERENCES_LOG = Logger.getLogger("java.util.prefs");

	static {
		PREFERENCES_LOG.setLevel(Level.SEVERE);
	}

	private Main() {}

	public static void main(final String[] args) {
		final int code = run(args, System.out, System.err);
		System.out.flush();
		// exit explicitly: ImageJ and SciJava may leave non-daemon threads behind
		System.exit(code);
	}

	/** Runs one subcommand in this JVM and returns its exit code (what tests call). */
	public static int run(final String[] args, final PrintStream out, final PrintStream err) {
		try {
			if (args.length == 0) {
				Help.printOverview(out);
				return OK;
			}
			final List<String> words = Arrays.asList(args);
			// what users of other tools type first: --help and -h, alone or after a command
			if (HELP_FLAGS.contains(words.get(0))) return run(help(words.subList(1, words.size())), out, err);
			if (words.size() > 1 && HELP_FLAGS.contains(words.get(1))) return run(help(List.of(words.get(0))), out,
				err);
			final Subcommand subcommand = Subcommands.named(words.get(0));
			final Arguments arguments = Arguments.parse(subcommand.spec(), words.subList(1, words.size()));
			arguments.notes().forEach(out::println);
			return subcommand.run(arguments, out);
		}
		catch (final AccelMRException e) {
			err.println("accelmr: " + oneLine(e.getMessage()));
			return BAD_INPUT;
		}
		catch (final OutOfMemoryError e) {
			err.println("accelmr: out of memory; give Java more with ACCELMR_XMX=8g (or process fewer slices)");
			return OUT_OF_MEMORY;
		}
		catch (final Exception | Error e) {
			err.println("accelmr: internal error: " + oneLine(String.valueOf(e)) +
				" (run with ACCELMR_DEBUG=1 for details; please report it)");
			if (System.getenv("ACCELMR_DEBUG") != null) e.printStackTrace(err);
			return INTERNAL_ERROR;
		}
	}

	private static final List<String> HELP_FLAGS = List.of("--help", "-h", "-help");

	private static String[] help(final List<String> command) {
		final String[] words = new String[command.size() + 1];
		words[0] = "help";
		for (int i = 0; i < command.size(); i++)
			words[i + 1] = command.get(i);
		return words;
	}

	private static String oneLine(final String message) {
		final String m = message == null ? "unknown problem" : message.strip();
		final int nl = m.indexOf('\n');
		return nl < 0 ? m : m.substring(0, nl);
	}

	/** The names of all subcommands, in help order. */
	static List<String> names() {
		return Subcommands.all().stream().map(s -> s.spec().name()).toList();
	}
}
