package org.accelmr.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * One launcher subcommand ({@code ./accelmr NAME key=value ...}). Implementations are plumbing: read their
 * {@link Arguments}, call one core entry point, print what a user needs to see, return an exit code.
 */
public interface Subcommand {

	/** What the subcommand is called and which keys it takes. */
	Spec spec();

	/** Runs with validated arguments; problems with the user's input are thrown as {@code AccelMRException}. */
	int run(Arguments arguments, PrintStream out) throws Exception;

	/**
	 * A subcommand's description for help and validation.
	 *
	 * @param name as typed after {@code ./accelmr}
	 * @param menuTitle the Fiji menu entry under Plugins &gt; AccelMR doing the same, or null when there is none
	 * @param summary one line
	 * @param positional usage of positional arguments (e.g. {@code FILE.ijm}), or empty
	 * @param keys the keys it accepts, in help order
	 * @param required keys that have no usable default
	 * @param defaults per-subcommand defaults that differ from {@link Key#defaultValue()}
	 * @param example a complete launcher line
	 */
	record Spec(String name, String menuTitle, String summary, String positional, List<Key> keys, List<Key> required,
		Map<Key, String> defaults, String example)
	{

		/** The default of {@code key} for this subcommand. */
		public String defaultOf(final Key key) {
			return defaults.getOrDefault(key, key.defaultValue());
		}
	}
}
