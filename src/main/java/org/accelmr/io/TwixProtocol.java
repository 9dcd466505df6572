package org.accelmr.io;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The protocol text of a Siemens twix measurement header: the ASCCONV block ({@code key = value} lines between
 * {@code ### ASCCONV BEGIN} and {@code ### ASCCONV END ###}, in the {@code MeasYaps} buffer) and XProtocol
 * parameters ({@code <ParamDouble."flReadoutOSFactor">  { <Precision> 16  2.0 }}, in {@code Meas}). Pulseq and
 * other interpreted sequences may describe the interpreter here rather than what was sampled: readers trust the
 * scan headers for counts and use the protocol only where it agrees.
 */
final class TwixProtocol {

	private static final Pattern ASCCONV_LINE = Pattern.compile("^\\s*([A-Za-z_][\\w.\\[\\]]*)\\s*=\\s*(.*?)\\s*(#.*)?$",
		Pattern.MULTILINE);

	private final Map<String, String> ascconv = new HashMap<>();
	private final String text;

	/** @param buffers the measurement header's buffers by name ({@code MeasYaps}, {@code Meas}, {@code Config}, ...) */
	TwixProtocol(final Map<String, String> buffers) {
		final StringBuilder all = new StringBuilder();
		buffers.values().forEach(all::append);
		text = all.toString();
		final String yaps = buffers.getOrDefault("MeasYaps", "");
		final Matcher m = ASCCONV_LINE.matcher(ascconvBlock(yaps.isEmpty() ? text : yaps));
		while (m.find())
			ascconv.putIfAbsent(m.group(1), m.group(2).replaceAll("^\"+|\"+$", ""));
	}

	private static String ascconvBlock(final String s) {
		final int begin = s.indexOf("### ASCCONV BEGIN"), end = begin < 0 ? -1 : s.indexOf("### ASCCONV END", begin);
		return begin < 0 || end < 0 ? s : s.substring(begin, end);
	}

	/** An ASCCONV number ({@code 0x..} hex allowed), or {@code fallback} when absent or not a number. */
	double number(final String key, final double fallback) {
		final String v = ascconv.get(key);
		if (v == null) return fallback;
		try {
			return v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Double.parseDouble(v);
		}
		catch (final NumberFormatException e) {
			return fallback;
		}
	}

	/** An ASCCONV text value, or "" when absent. */
	String text(final String key) {
		return ascconv.getOrDefault(key, "");
	}

	/** The first value of an XProtocol {@code ParamDouble}/{@code ParamLong} named {@code name}, or {@code fallback}. */
	double xprotocol(final String name, final double fallback) {
		final Matcher m = Pattern.compile("<Param(?:Double|Long)\\.\"" + Pattern.quote(name) +
			"\">\\s*\\{\\s*(?:<Precision>\\s*\\d+\\s*)?([-+0-9.eE]+)").matcher(text);
		if (!m.find()) return fallback;
		try {
			return Double.parseDouble(m.group(1));
		}
		catch (final NumberFormatException e) {
			return fallback;
		}
	}
}
