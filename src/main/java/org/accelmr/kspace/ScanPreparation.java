package org.accelmr.kspace;

import java.util.function.Consumer;

/**
 * The steps between reading a scan and choosing its mask, in their order: noise pre-whitening
 * ({@code prewhiten=auto|off}, with the scan's own noise samples) and then coil compression ({@code coils=N},
 * 0 off, {@code compression=geometric|svd}), so the compression sees whitened coils as BART's and Gadgetron's pipelines do. Formats without noise
 * or with a compression of 0 pass through unchanged (the same object).
 */
public final class ScanPreparation {

	private ScanPreparation() {}

	/**
	 * @param prewhiten {@code auto} or {@code off}
	 * @param virtualCoils 0 for no compression
	 * @param compression {@code geometric} or {@code svd}
	 * @param log receives one line per step taken
	 */
	public static RawScan prepare(final RawScan raw, final String prewhiten, final int virtualCoils,
		final String compression, final Consumer<String> log)
	{
		return CoilCompression.compress(NoiseWhitening.prewhiten(raw, prewhiten, log), virtualCoils, compression,
			log);
	}
}
