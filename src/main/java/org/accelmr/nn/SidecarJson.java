package org.accelmr.nn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.accelmr.nn.ModelSidecar.ValidationMetrics;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * Reading and writing the JSON descriptions beside model files ({@link ModelSidecar}, {@link VarNetSidecar}):
 * snake_case keys, one-line errors naming the file, and no NaN or infinite score ever written or accepted (a run
 * that diverged must not leave a model that looks usable).
 */
final class SidecarJson {

	private static final Gson GSON = new GsonBuilder().setFieldNamingPolicy(
		FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).setPrettyPrinting().disableHtmlEscaping().create();

	private SidecarJson() {}

	/** @throws AccelMRException when {@code validation} holds a non-finite score */
	static String write(final Object sidecar, final ValidationMetrics validation) {
		if (validation != null && !validation.finite()) throw new AccelMRException(
			"refusing to describe a model with non-finite validation scores (" + validation + "): training diverged");
		return GSON.toJson(sidecar);
	}

	/** The text of {@code file}, or one line saying why there is none. */
	static String text(final Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (final NoSuchFileException e) {
			throw new AccelMRException("model sidecar " + file + " not found (every .params file needs its .json)");
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot read model sidecar " + file + ": " + e.getMessage(), e);
		}
	}

	/**
	 * {@code text} as a {@code type}; {@code what} names the description in errors ("model", "VarNet").
	 *
	 * @throws AccelMRException naming the file: not JSON, invalid fields, or a NaN/infinite number
	 */
	static <T> T parse(final String text, final Class<T> type, final Path file, final String what) {
		try {
			return GSON.fromJson(text, type);
		}
		catch (final RuntimeException e) { // gson wraps errors from record constructors too
			if (String.valueOf(e.getMessage()).contains("NaN and infinities")) throw new AccelMRException(
				"model sidecar " + file + " records a NaN or infinite number: the run that wrote it diverged; " +
					"retrain it", e);
			throw new AccelMRException("model sidecar " + file + " is not a valid AccelMR " + what + " description: " +
				firstLine(e.getMessage()), e);
		}
	}

	/** @throws AccelMRException when a read description records non-finite validation scores */
	static void checkFinite(final ValidationMetrics validation, final Path file) {
		if (validation != null && !validation.finite()) throw new AccelMRException("model sidecar " + file +
			" records non-finite validation scores (SSIM " + validation.ssim() + "): the run that wrote it diverged;" +
			" retrain it");
	}

	private static String firstLine(final String m) {
		if (m == null) return "unreadable";
		final int nl = m.indexOf('\n');
		return nl < 0 ? m : m.substring(0, nl);
	}
}
