package org.accelmr.train;

import org.accelmr.nn.ModelSidecar.ValidationMetrics;
import org.accelmr.nn.VarNetModel;
import org.accelmr.progress.Progress;

/** What {@link VarNetTrainer} scores after every epoch: simulated pairs, or held-back samples of real scans. */
interface VarNetValidation {

	int size();

	/** The baseline the network is compared with (zero-filled), as metrics of epoch 0. */
	ValidationMetrics evaluateZeroFilled();

	/** ", start image ..." scores when the network starts from a compressed-sensing image, else empty. */
	String startScores();

	ValidationMetrics evaluate(VarNetModel model, int epoch, Progress progress);
}
