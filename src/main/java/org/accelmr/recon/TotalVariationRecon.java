package org.accelmr.recon;

import org.accelmr.cs.Penalty;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.progress.Progress;

/**
 * Isotropic total-variation SENSE, BART's {@code pics -S -R T:3:0:λ}: {@code argmin ½‖M F S x - y‖² + λ TV(x)}
 * by ADMM, per slice, λ relative to BART-style data scaling.
 */
public final class TotalVariationRecon implements Reconstructor {

	public static final String NAME = "tv";

	private final CompressedSensingRecon recon;

	public TotalVariationRecon(final ReconstructionSettings settings) {
		this.recon = new CompressedSensingRecon(Penalty.TOTAL_VARIATION, settings);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public FloatVolume reconstruct(final KSpace kspace, final Progress progress) {
		return recon.reconstruct(kspace, progress);
	}
}
