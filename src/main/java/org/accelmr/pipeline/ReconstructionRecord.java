package org.accelmr.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.io.AtomicFile;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.recon.SliceSolve;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * The JSON file beside a reconstruction whose method chose something per slice ({@code OUTPUT.json}, e.g.
 * {@code recon.npy.json}): the method, its settings and, per slice, the λ it used and the iterations it spent
 * (for a VarNet that starts from compressed sensing, those of its start).
 * Why a separate file: {@code lambda=auto} picks a λ for the volume and each slice spends its own iterations,
 * and .npy, .cfl and fastMRI .h5 outputs have no place for them; a user who wants to type the same λ again, or
 * report it, finds it next to the image. Outputs of methods that choose nothing get no record, and a record left
 * from an earlier run into the same output is removed so that it cannot describe the wrong image.
 */
public final class ReconstructionRecord {

	/** The value of the record's {@code format} key, how a record is told from a user's own JSON file. */
	static final String FORMAT = "accelmr-reconstruction";

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

	private ReconstructionRecord() {}

	/** Where the record of {@code output} goes: the output's name with {@code .json} appended. */
	public static Path pathFor(final Path output) {
		return output.resolveSibling(output.getFileName().toString() + ".json");
	}

	/**
	 * Writes (atomically) or removes the record of {@code output}.
	 *
	 * @throws AccelMRException naming the record when it cannot be written
	 */
	static void write(final Path output, final Path input, final ReconstructionSettings settings,
		final PipelineResult result)
	{
		final Path file = pathFor(output);
		if (result.solves().isEmpty()) {
			removeStale(file);
			return;
		}
		final String text = GSON.toJson(content(input, settings, result)) + "\n";
		AtomicFile.write(file, temporary -> Files.writeString(temporary, text, StandardCharsets.UTF_8));
	}

	/** The record's content in key order; file names only (a record names no folder of the machine). */
	static Map<String, Object> content(final Path input, final ReconstructionSettings settings,
		final PipelineResult result)
	{
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("format", FORMAT);
		m.put("input", input.getFileName().toString());
		m.put("method", settings.method());
		m.put("lambda", settings.isAutoLambda() ? "auto" : settings.lambda());
		m.put("max_iterations", settings.iterations());
		m.put("tolerance", settings.tolerance());
		m.put("acceleration", result.acceleration());
		m.put("sampling", result.sampling().name().toLowerCase(Locale.ROOT));
		final List<Map<String, Object>> slices = result.solves().stream().map(ReconstructionRecord::slice).toList();
		m.put("slices", slices);
		return m;
	}

	private static Map<String, Object> slice(final SliceSolve s) {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("slice", s.slice());
		m.put("lambda", s.lambda());
		m.put("lambda_chosen", s.automatic() ? "automatic" : "given");
		m.put("iterations", s.iterations());
		return m;
	}

	/** Deletes {@code file} when it is a record of ours (a user's file of that name is left alone). */
	private static void removeStale(final Path file) {
		if (!Files.isRegularFile(file)) return;
		try {
			final String text = Files.readString(file, StandardCharsets.UTF_8);
			if (text.contains("\"format\": \"" + FORMAT + "\"")) Files.delete(file);
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot remove the out-of-date record " + file + ": " + e.getMessage(), e);
		}
	}
}
