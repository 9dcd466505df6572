package org.accelmr.train;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.progress.Progress;

/**
 * Headless training entry: {@code java -cp ... org.accelmr.train.TrainingMain data=DIR output=models/NAME
 * [key=value ...]} with the keys of {@link TrainingConfig}. Prints one time-stamped line per status message to
 * standard output; exits 0 when done, 2 on bad input (the one-line message on standard error).
 */
public final class TrainingMain {

	private TrainingMain() {}

	public static void main(final String[] args) {
		try {
			final TrainingConfig config = TrainingConfig.DEFAULTS.with(parse(args));
			final TrainingResult r = TrainingConfig.VARNET.equals(config.network()) ? VarNetTrainer.train(config,
				console()) : UNetTrainer.train(config, console());
			System.out.printf("done (%s): %d epochs, %d steps, %s; best %s%n", r.stopReason(), r.epochsDone(), r
				.steps(), UNetTrainer.duration(r.seconds()), r.model().params());
		}
		catch (final AccelMRException e) {
			System.err.println("error: " + e.getMessage());
			System.exit(2);
		}
	}

	/** {@code key=value} arguments as a map, in order. */
	static Map<String, String> parse(final String[] args) {
		final Map<String, String> m = new LinkedHashMap<>();
		for (final String a : args) {
			final int eq = a.indexOf('=');
			if (eq <= 0) throw new AccelMRException("arguments are key=value, got '" + a + "'");
			m.put(a.substring(0, eq).trim(), a.substring(eq + 1));
		}
		return m;
	}

	private static Progress console() {
		final DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss");
		return new Progress() {

			@Override
			public void status(final String message) {
				System.out.println(LocalTime.now().format(time) + " " + message);
				System.out.flush();
			}

			@Override
			public void progress(final long done, final long total) {}

			@Override
			public boolean isCancelled() {
				return false;
			}
		};
	}
}
