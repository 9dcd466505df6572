package org.accelmr.recon;

import org.accelmr.cs.Penalty;

/**
 * Isotropic total-variation SENSE, BART's {@code pics -S -R T:3:0:λ}: {@code argmin ½‖M F S x - y‖² + λ TV(x)}
 * by ADMM, per slice, λ relative to BART-style data scaling.
 */
public final class TotalVariationRecon extends CompressedSensingRecon {

	public static final String NAME = "tv";

	public TotalVariationRecon(final ReconstructionSettings settings) {
		super(NAME, Penalty.TOTAL_VARIATION, settings);
	}
}
