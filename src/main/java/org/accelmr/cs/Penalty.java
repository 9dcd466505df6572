package org.accelmr.cs;

/** The regularisation term R(x) of {@code ½‖A x - y‖² + λ R(x)}. */
public enum Penalty {
	/** {@code ‖x‖²/2}: Tikhonov, plain regularised SENSE. */
	L2,
	/** {@code ‖Ψ x‖_1} on Daubechies wavelet details with random cycle spinning (BART {@code -R W}). */
	L1_WAVELET,
	/** Isotropic total variation {@code Σ |∇x|} (BART {@code -R T}). */
	TOTAL_VARIATION,
	/** Anisotropic total variation {@code Σ |∂x x| + |∂y x|}. */
	ANISOTROPIC_TOTAL_VARIATION
}
