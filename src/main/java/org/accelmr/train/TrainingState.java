package org.accelmr.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.accelmr.io.AtomicFile;
import org.accelmr.nn.ModelSidecar.ValidationMetrics;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * Where a run stands, written next to the checkpoint so a run can resume. Adam's moment estimates are not saved
 * (DJL cannot export them), so a resumed run restarts them from zero; the learning-rate schedule and the random
 * streams continue from {@code step}.
 *
 * <p>The state names its checkpoint, whose files carry the step in their name ({@link Checkpoints}): a new
 * checkpoint is written under new names first and the state file is replaced after it, so a stop at any moment
 * leaves a state file that names a complete checkpoint of the same step.
 *
 * @param epochsDone finished epochs (validated)
 * @param step optimiser steps done; above {@code epochsDone * steps_per_epoch} when the time limit ended the run
 *          inside an epoch
 * @param seconds training wall time so far, over all runs
 * @param best the best validation so far, or null
 * @param epochsWithoutImprovement for early stopping
 * @param checkpoint file name stem of the checkpoint of {@code step} beside the state file, e.g.
 *          {@code tiny.checkpoint-300}; null in states written before checkpoints were named by step (then
 *          {@code NAME.last})
 */
record TrainingState(int epochsDone, long step, double seconds, ValidationMetrics best,
	int epochsWithoutImprovement, String checkpoint)
{

	static final TrainingState START = new TrainingState(0, 0, 0, null, 0, null);

	/** A state not yet naming its checkpoint ({@link Checkpoints#save} names it). */
	TrainingState(final int epochsDone, final long step, final double seconds, final ValidationMetrics best,
		final int epochsWithoutImprovement)
	{
		this(epochsDone, step, seconds, best, epochsWithoutImprovement, null);
	}

	private static final Gson GSON = new GsonBuilder().setFieldNamingPolicy(
		FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).setPrettyPrinting().disableHtmlEscaping().create();

	static TrainingState read(final Path file) {
		final TrainingState s;
		try {
			s = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), TrainingState.class);
		}
		catch (final IOException | RuntimeException e) {
			throw new AccelMRException("cannot read training state " + file + " (delete it or set resume=false): " +
				e.getMessage(), e);
		}
		if (s == null) throw new AccelMRException("training state " + file +
			" is empty (delete it or set resume=false)");
		if (!Double.isFinite(s.seconds) || s.step < 0 || s.epochsDone < 0 || s.best != null && !s.best.finite())
			throw new AccelMRException("training state " + file + " holds invalid numbers (delete it or set " +
				"resume=false)");
		return s;
	}

	/** Replaces {@code file} atomically; nothing is written when a number is not finite. */
	void write(final Path file) {
		if (!Double.isFinite(seconds) || best != null && !best.finite()) throw new AccelMRException(
			"not writing training state " + file + ": it holds a non-finite number (" + this + ")");
		final String json = GSON.toJson(this);
		AtomicFile.write(file, tmp -> Files.writeString(tmp, json, StandardCharsets.UTF_8));
	}

	TrainingState withCheckpoint(final String name) {
		return new TrainingState(epochsDone, step, seconds, best, epochsWithoutImprovement, name);
	}
}
