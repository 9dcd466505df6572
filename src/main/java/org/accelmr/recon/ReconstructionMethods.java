package org.accelmr.recon;

import java.util.List;

import org.accelmr.AccelMRException;

/** The one place that maps a method name to its reconstructor. */
public final class ReconstructionMethods {

	private ReconstructionMethods() {}

	/** Method names users can choose, in the order menus and tables show them. */
	public static List<String> names() {
		return List.of(ZeroFilledRecon.NAME, TotalVariationRecon.NAME, WaveletRecon.NAME, UNetRecon.NAME);
	}

	/** @throws AccelMRException naming the valid methods when {@code settings.method()} is unknown */
	public static Reconstructor create(final ReconstructionSettings settings) {
		return switch (settings.method()) {
			case ZeroFilledRecon.NAME -> new ZeroFilledRecon(settings.threads());
			case TotalVariationRecon.NAME -> new TotalVariationRecon(settings);
			case WaveletRecon.NAME -> new WaveletRecon(settings);
			case UNetRecon.NAME -> new UNetRecon(settings.model(), settings.threads(), settings.consistency(),
				settings.coilMaps());
			default -> throw new AccelMRException("method must be one of " + String.join(", ", names()) + "; got '" +
				settings.method() + "'");
		};
	}
}
