package org.accelmr.recon;

import org.accelmr.cs.Penalty;

/**
 * L1-wavelet SENSE, BART's {@code pics -S -R W:3:0:λ}: {@code argmin ½‖M F S x - y‖² + λ ‖Ψ x‖_1} on Daubechies-2
 * details with random cycle spinning, by FISTA, per slice, λ relative to BART-style data scaling.
 */
public final class WaveletRecon extends CompressedSensingRecon {

	public static final String NAME = "wavelet";

	public WaveletRecon(final ReconstructionSettings settings) {
		super(NAME, Penalty.L1_WAVELET, settings);
	}
}
