package org.accelmr.recon;

import java.util.List;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.progress.Progress;

/** The one place that maps a method name to its reconstructor. */
public final class ReconstructionMethods {

	private ReconstructionMethods() {}

	/** Method names users can choose, in the order menus and tables show them. */
	public static List<String> names() {
		return List.of(ZeroFilledRecon.NAME, TotalVariationRecon.NAME, WaveletRecon.NAME, UNetRecon.NAME,
			VarNetRecon.NAME);
	}

	/**
	 * The method ready for one volume; closing the result frees the method too (the loaded network). Use
	 * {@link #create} and {@link Reconstructor#prepare} instead to reuse one method for many volumes.
	 *
	 * @throws AccelMRException for an unknown method or settings that do not fit the volume
	 */
	public static PreparedReconstruction prepare(final ReconstructionSettings settings,
		final VolumeDescription volume, final Progress progress)
	{
		final Reconstructor method = create(settings);
		final PreparedReconstruction prepared;
		try {
			prepared = method.prepare(volume, progress);
		}
		catch (final RuntimeException e) {
			method.close();
			throw e;
		}
		return new PreparedReconstruction() {

			@Override
			public String name() {
				return prepared.name();
			}

			@Override
			public FloatVolume reconstruct(final KSpace chunk, final int firstSlice, final Progress p) {
				return prepared.reconstruct(chunk, firstSlice, p);
			}

			@Override
			public void close() {
				try {
					prepared.close();
				}
				finally {
					method.close();
				}
			}
		};
	}

	/** @throws AccelMRException naming the valid methods when {@code settings.method()} is unknown */
	public static Reconstructor create(final ReconstructionSettings settings) {
		return switch (settings.method()) {
			case ZeroFilledRecon.NAME -> new ZeroFilledRecon(settings.threads());
			case TotalVariationRecon.NAME -> new TotalVariationRecon(settings);
			case WaveletRecon.NAME -> new WaveletRecon(settings);
			case UNetRecon.NAME -> new UNetRecon(settings.model(), settings.threads(), settings.consistency(),
				settings.coilMaps());
			case VarNetRecon.NAME -> new VarNetRecon(settings.model(), settings.threads(), settings.coilMaps(), settings
				.adapt());
			default -> throw new AccelMRException("method must be one of " + String.join(", ", names()) + "; got '" +
				settings.method() + "'");
		};
	}
}
