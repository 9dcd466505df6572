package org.accelmr.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.accelmr.AccelMRException;
import org.accelmr.nn.ModelSidecar.ValidationMetrics;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * Where a run stands after an epoch, written next to the checkpoint so a run can resume. Adam's moment
 * estimates are not saved (DJL cannot export them), so a resumed run restarts them from zero; the learning-rate
 * schedule and the random streams continue from {@code step}.
 *
 * @param epochsDone finished epochs
 * @param step optimiser steps done
 * @param seconds training wall time so far
 * @param best the best validation so far, or null
 * @param epochsWithoutImprovement for early stopping
 */
record TrainingState(int epochsDone, long step, double seconds, ValidationMetrics best,
	int epochsWithoutImprovement)
{

	static final TrainingState START = new TrainingState(0, 0, 0, null, 0);

	private static final Gson GSON = new GsonBuilder().setFieldNamingPolicy(
		FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).setPrettyPrinting().disableHtmlEscaping().create();

	static TrainingState read(final Path file) {
		try {
			final TrainingState s = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8),
				TrainingState.class);
			if (s == null) throw new AccelMRException("training state " + file + " is empty");
			return s;
		}
		catch (final IOException | RuntimeException e) {
			throw new AccelMRException("cannot read training state " + file + " (delete it or set resume=false): " +
				e.getMessage(), e);
		}
	}

	void write(final Path file) {
		try {
			final Path dir = file.toAbsolutePath().getParent();
			final Path tmp = Files.createTempFile(dir, ".state", ".tmp");
			Files.writeString(tmp, GSON.toJson(this), StandardCharsets.UTF_8);
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot write training state " + file + ": " + e.getMessage(), e);
		}
	}
}
