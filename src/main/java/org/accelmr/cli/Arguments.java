package org.accelmr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.accelmr.AccelMRException;

/**
 * The {@code key=value} arguments of one subcommand, checked against its {@link Subcommand.Spec}: unknown,
 * repeated or malformed keys and values out of range are rejected before any work starts, with a message that
 * names the key.
 */
public final class Arguments {

	private final Subcommand.Spec spec;
	private final Map<Key, String> values;
	private final List<String> positional;

	private Arguments(final Subcommand.Spec spec, final Map<Key, String> values, final List<String> positional) {
		this.spec = spec;
		this.values = values;
		this.positional = positional;
	}

	/** Parses {@code key=value} words; words without '=' are positional (only where the spec takes them). */
	public static Arguments parse(final Subcommand.Spec spec, final List<String> words) {
		final Map<Key, String> values = new EnumMap<>(Key.class);
		final List<String> positional = new ArrayList<>();
		for (final String word : words) {
			final int eq = word.indexOf('=');
			if (eq < 0) {
				if (spec.positional().isEmpty()) throw new AccelMRException("unexpected argument '" + word + "' for " +
					spec.name() + "; arguments are key=value (valid keys: " + validKeys(spec) + ")");
				positional.add(word);
				continue;
			}
			final String name = word.substring(0, eq);
			final Key key = Key.named(name).filter(spec.keys()::contains).orElseThrow(() -> new AccelMRException(
				"unknown key '" + name + "' for " + spec.name() + "; valid keys: " + validKeys(spec)));
			if (values.containsKey(key)) throw new AccelMRException("key '" + name + "' given twice");
			final String value = word.substring(eq + 1);
			key.check(value);
			values.put(key, value);
		}
		for (final Key key : spec.required())
			if (values.getOrDefault(key, "").isEmpty()) throw new AccelMRException(spec.name() + " needs " + key.key() +
				"=... (" + key.description() + ")");
		return new Arguments(spec, values, positional);
	}

	private static String validKeys(final Subcommand.Spec spec) {
		return spec.keys().isEmpty() ? "none" : spec.keys().stream().map(Key::key).collect(Collectors.joining(", "));
	}

	/** True when the user typed this key. */
	public boolean given(final Key key) {
		return values.containsKey(key);
	}

	/** The typed value or this subcommand's default. */
	public String text(final Key key) {
		if (!spec.keys().contains(key)) throw new IllegalArgumentException(spec.name() + " has no key " + key.key());
		return values.getOrDefault(key, spec.defaultOf(key));
	}

	public double real(final Key key) {
		return key.real(text(key));
	}

	public int integer(final Key key) {
		return key.integer(text(key));
	}

	public boolean bool(final Key key) {
		return key.bool(text(key));
	}

	/** A path value, or null when empty. */
	public Path path(final Key key) {
		final String v = text(key);
		return v.isEmpty() ? null : Path.of(v);
	}

	/** The typed {@code key=value} words, in key order: what re-parses to these arguments elsewhere (a cluster). */
	public List<String> words() {
		return values.entrySet().stream().map(e -> e.getKey().key() + "=" + e.getValue()).toList();
	}

	public List<String> positional() {
		return List.copyOf(positional);
	}
}
