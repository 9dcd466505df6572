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

	Scores evaluate(VarNetModel model, int epoch, Progress progress);

	/**
	 * A model's scores and the {@link org.accelmr.nn.BackgroundLevel} they were scored with: where the validation
	 * has references, the candidate floor with the best SSIM; else 0.
	 */
	record Scores(ValidationMetrics metrics, double floor) {

		/** "; background floor f" when there is one, else empty. */
		String floorText() {
			return floor > 0 ? "; background floor " + floor : "";
		}
	}
}
