package org.accelmr.recon;

import org.accelmr.cs.Penalty;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.progress.Progress;

/**
 * L1-wavelet SENSE, BART's {@code pics -S -R W:3:0:λ}: {@code argmin ½‖M F S x - y‖² + λ ‖Ψ x‖_1} on Daubechies-2
 * details with random cycle spinning, by FISTA, per slice, λ relative to BART-style data scaling.
 */
public final class WaveletRecon implements Reconstructor {

	public static final String NAME = "wavelet";

	private final CompressedSensingRecon recon;

	public WaveletRecon(final ReconstructionSettings settings) {
		this.recon = new CompressedSensingRecon(Penalty.L1_WAVELET, settings);
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
