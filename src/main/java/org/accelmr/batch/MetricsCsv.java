package org.accelmr.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.accelmr.io.AtomicFile;

/**
 * The batch's {@code metrics.csv}: a header {@code file,status,slices,acceleration,nmse,psnr,ssim,seconds,message}
 * and one row per file (RFC 4180: fields with a comma or quote are quoted, quotes doubled). Unknown numbers are
 * empty fields. Written atomically, so a reader (or an interrupted batch) always finds a complete table.
 */
public final class MetricsCsv {

	public static final String NAME = "metrics.csv";
	static final String HEADER = "file,status,slices,acceleration,nmse,psnr,ssim,seconds,message";

	private MetricsCsv() {}

	public static void write(final Path file, final List<FileResult> rows) {
		AtomicFile.write(file, temp -> {
			try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
				out.write(HEADER);
				out.write('\n');
				for (final FileResult r : rows) {
					out.write(String.join(",", quote(r.file()), r.status().label(), r.slices() > 0 ? Integer
						.toString(r.slices()) : "", number("%.4f", r.acceleration()), number("%.6e", r.nmse()), number(
							"%.4f", r.psnr()), number("%.6f", r.ssim()), number("%.3f", r.seconds()), quote(r
								.message())));
					out.write('\n');
				}
			}
		});
	}

	/**
	 * The rows of an earlier table by file name, so a resumed batch can keep the metrics of the files it skips.
	 * A missing or unreadable table, or a malformed row, gives no rows: the earlier numbers are a convenience.
	 */
	static Map<String, FileResult> readIfPresent(final Path file) {
		final Map<String, FileResult> rows = new LinkedHashMap<>();
		if (!Files.isRegularFile(file)) return rows;
		final List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			return rows;
		}
		if (lines.isEmpty() || !lines.get(0).equals(HEADER)) return rows;
		for (final String line : lines.subList(1, lines.size())) {
			final List<String> f = split(line);
			if (f.size() != 9 || FileStatus.ofLabel(f.get(1)) == null) continue;
			try {
				rows.put(f.get(0), new FileResult(f.get(0), FileStatus.ofLabel(f.get(1)), f.get(2).isEmpty() ? 0
					: Integer.parseInt(f.get(2)), real(f.get(3)), real(f.get(4)), real(f.get(5)), real(f.get(6)), real(
						f.get(7)), f.get(8)));
			}
			catch (final NumberFormatException e) {
				// a row someone edited by hand: its numbers are not kept
			}
		}
		return rows;
	}

	private static String number(final String format, final double v) {
		return Double.isNaN(v) ? "" : String.format(Locale.ROOT, format, v);
	}

	private static double real(final String field) {
		return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
	}

	private static String quote(final String field) {
		if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0)
			return field;
		return '"' + field.replace("\"", "\"\"") + '"';
	}

	/** One RFC 4180 line into fields. */
	static List<String> split(final String line) {
		final List<String> fields = new ArrayList<>();
		final StringBuilder f = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			final char c = line.charAt(i);
			if (quoted) {
				if (c != '"') f.append(c);
				else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
					f.append('"');
					i++;
				}
				else quoted = false;
			}
			else if (c == '"') quoted = true;
			else if (c == ',') {
				fields.add(f.toString());
				f.setLength(0);
			}
			else f.append(c);
		}
		fields.add(f.toString());
		return fields;
	}
}
