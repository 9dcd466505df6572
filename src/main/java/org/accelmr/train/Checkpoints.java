package org.accelmr.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.accelmr.AccelMRException;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelSidecar.ValidationMetrics;

/**
 * The checkpoint files of one output {@code NAME}: {@code NAME.state.json} and the model pair it names,
 * {@code NAME.checkpoint-STEP.params/.json}. Saving writes the new pair under its own (new) names, then replaces
 * the state file, then deletes the previous pair; so whenever the run stops, the state file names a complete
 * pair of the same step (a reader checks that the pair's sidecar says the state's step), and a resumed run never
 * pairs newer weights with an older step count. A pair left behind by a stop before the state was replaced is
 * deleted by the next run.
 */
public final class Checkpoints {

	private static final String INFIX = ".checkpoint-";

	private final Path state;
	private final Path folder;
	private final String stem;

	Checkpoints(final Path folder, final String stem) {
		this.folder = folder;
		this.stem = stem;
		state = folder.resolve(stem + ".state.json");
	}

	/** The checkpoints of {@code output} (a model path stem, or its .params/.json file). */
	static Checkpoints of(final Path output) {
		final ModelFiles files = ModelFiles.of(output);
		final String stem = files.params().getFileName().toString().replaceFirst("\\.params$", "");
		return new Checkpoints(files.params().toAbsolutePath().getParent(), stem);
	}

	/** The model files of the checkpoint the state file of {@code output} names, if there is one. */
	public static Optional<ModelFiles> current(final Path output) {
		final Checkpoints c = of(output);
		return Files.exists(c.state) ? Optional.of(c.files(TrainingState.read(c.state))) : Optional.empty();
	}

	Path statePath() {
		return state;
	}

	/** Every file a run on this output writes or deletes: state, checkpoint pairs, old {@code NAME.last} pair. */
	boolean isOwnFile(final Path file) {
		final Path abs = file.toAbsolutePath().normalize();
		if (!folder.toAbsolutePath().normalize().equals(abs.getParent())) return false;
		final String name = abs.getFileName().toString();
		return name.equals(state.getFileName().toString()) || checkpointName(name) || name.equals(stem +
			".last.params") || name.equals(stem + ".last.json");
	}

	private boolean checkpointName(final String name) {
		return name.startsWith(stem + INFIX) && Pattern.matches("\\d+\\.(params|json)", name.substring(stem
			.length() + INFIX.length()));
	}

	/** The pair {@code state} names (states written before pairs were named by step name {@code NAME.last}). */
	ModelFiles files(final TrainingState s) {
		return ModelFiles.of(folder.resolve(s.checkpoint() != null ? s.checkpoint() : stem + ".last"));
	}

	/**
	 * The state and the model of its checkpoint, checked: the pair exists, loads and is of the state's step.
	 *
	 * @param loader reads a model pair (a U-Net's or a VarNet's)
	 * @param steps the optimiser steps a loaded model's sidecar records, or -1 when it records none
	 * @throws AccelMRException with one line naming the state file when they do not belong together
	 */
	<M extends AutoCloseable> M load(final TrainingState s, final Function<ModelFiles, M> loader,
		final ToLongFunction<M> steps)
	{
		final ModelFiles files = files(s);
		if (!Files.isRegularFile(files.params())) throw new AccelMRException("training state " + state +
			" names checkpoint " + files.params().getFileName() + ", which is missing (delete the state file or " +
			"set resume=false to start again)");
		final M model = loader.apply(files);
		final long step = steps.applyAsLong(model);
		if (step != s.step()) {
			try {
				model.close();
			}
			catch (final Exception ignored) {
				// the message below is what matters
			}
			throw new AccelMRException("training state " + state + " is at step " + s.step() + " but its checkpoint " +
				files.params().getFileName() + " is at step " + (step < 0 ? "?" : step) + " (delete the state " +
				"file or set resume=false to start again)");
		}
		return model;
	}

	/** Writes the model ({@code write} saves it as the given pair) as the checkpoint of {@code s.step()}, then {@code s} naming it. */
	TrainingState save(final Consumer<ModelFiles> write, final TrainingState s) {
		final String name = stem + INFIX + s.step();
		write.accept(ModelFiles.of(folder.resolve(name)));
		final TrainingState named = s.withCheckpoint(name);
		named.write(state);
		deleteAllBut(name, false);
		return named;
	}

	/**
	 * The end of an epoch, in the order that keeps the files consistent whenever a run stops: the model as the best
	 * one when its validation score ({@code select}: SSIM or PSNR) is the highest so far (so the state never records
	 * a best that is not on disk), then the checkpoint and the state naming it. {@code write} saves the model as the
	 * given pair.
	 *
	 * @return the new state; it has {@code epochsWithoutImprovement() == 0} exactly when this epoch was the best
	 */
	TrainingState endEpoch(final TrainingState before, final ValidationMetrics metrics, final int epoch,
		final long step, final double seconds, final ModelFiles best, final String select,
		final Consumer<ModelFiles> write)
	{
		final boolean better = before.best() == null || (TrainingConfig.SELECT_PSNR.equals(select) ? metrics.psnr() >
			before.best().psnr() : metrics.ssim() > before.best().ssim());
		if (better) write.accept(best);
		return save(write, new TrainingState(epoch, step, seconds, better ? metrics : before.best(), better ? 0
			: before.epochsWithoutImprovement() + 1));
	}

	/**
	 * Steps of the epoch starting at step {@code epochStart} already done at {@code step}, for a run a time limit
	 * ended inside it; 0 when none or when {@code steps_per_epoch} changed since (the count then says nothing
	 * about this epoch, which starts afresh).
	 */
	static long stepsIntoEpoch(final long step, final long epochStart, final int stepsPerEpoch) {
		final long done = step - epochStart;
		return done > 0 && done < stepsPerEpoch ? done : 0;
	}

	/** Why a run stops after an epoch ({@code time limit}, {@code early stop}), or null to go on. */
	static String stopReason(final boolean timeUp, final TrainingState s, final TrainingConfig config) {
		if (timeUp) return "time limit";
		return s.epochsWithoutImprovement() >= config.patience() ? "early stop" : null;
	}

	/**
	 * Deletes what a stopped run may have left beside the state {@code s}: checkpoint pairs it does not name, and
	 * temporary files of this output's writes ({@code .NAME.*.part}, see {@link org.accelmr.io.AtomicFile}).
	 */
	void deleteStrays(final TrainingState s) {
		final String keep = files(s).params().getFileName().toString().replaceFirst("\\.params$", "");
		deleteAllBut(keep, true);
	}

	/** Deletes the checkpoint pairs of this output other than {@code keep}, and the old .last pair. */
	private void deleteAllBut(final String keep, final boolean temporaries) {
		final List<Path> stale;
		try (Stream<Path> files = Files.list(folder)) {
			stale = files.filter(p -> {
				final String n = p.getFileName().toString();
				if (temporaries && n.startsWith("." + stem + ".") && n.endsWith(".part")) return true;
				return isOwnFile(p) && !n.equals(state.getFileName().toString()) && !n.startsWith(keep + ".");
			}).toList();
		}
		catch (final IOException e) {
			return; // leftovers cost disk space only; the state file decides what is read
		}
		for (final Path p : stale)
			try {
				Files.deleteIfExists(p);
			}
			catch (final IOException ignored) {
				// as above
			}
	}
}
