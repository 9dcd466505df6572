package org.accelmr.train;

import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelSidecar.ValidationMetrics;

/**
 * What a finished (or stopped) training run left behind.
 *
 * @param model the best model's files (highest validation SSIM)
 * @param best its validation metrics; null when the time limit ended the run before its first epoch ended
 * @param epochsDone epochs finished, including those of resumed runs
 * @param steps optimiser steps done
 * @param seconds training wall time
 * @param stopReason why the run ended: {@code epochs}, {@code early stop}, {@code time limit}, or
 *          {@link UNetTrainer#COMPLETE} when a resumed run found nothing left to do
 */
public record TrainingResult(ModelFiles model, ValidationMetrics best, int epochsDone, long steps,
	double seconds, String stopReason)
{}
