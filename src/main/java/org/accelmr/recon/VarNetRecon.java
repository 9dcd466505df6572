package org.accelmr.recon;

import org.accelmr.AccelMRException;
import org.accelmr.cs.CoilMapSource;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelLocator;
import org.accelmr.nn.VarNetInference;
import org.accelmr.nn.VarNetModel;
import org.accelmr.progress.Progress;

/**
 * The end-to-end variational network ({@code method=varnet}): a trained {@link VarNetModel} reconstructs each
 * slice from its measured samples, its mask and coil maps (see {@link VarNetInference}); the RSS output is
 * centre-cropped to the file's reference size like every other method. The model is loaded once, when this is
 * made, and freed by {@link #close()}; {@link #reconstruct} may then run on any number of chunks of slices.
 */
public final class VarNetRecon implements Reconstructor, AutoCloseable {

	public static final String NAME = "varnet";
	/** Stem of the shipped model, found by {@link ModelLocator} when no {@code model=} is given. */
	public static final String SHIPPED = "varnet-colin27";

	private final VarNetModel model;
	private final CoilMapSource maps;
	private final String mapsName;

	/**
	 * Loads the model.
	 *
	 * @param model model path, or empty for the shipped model
	 * @param threads libtorch intra-op threads
	 * @param coilMaps {@code espirit}, {@code rss} or a maps file; empty for the maps the model was trained with
	 *          (its sidecar's {@code coil_maps})
	 * @throws AccelMRException naming the file when the model is missing, corrupt or not a VarNet
	 */
	public VarNetRecon(final String model, final int threads, final String coilMaps) {
		final ModelFiles files = ModelLocator.resolve(model, SHIPPED);
		this.model = VarNetModel.load(files, threads);
		try {
			mapsName = coilMaps == null || coilMaps.isBlank() ? this.model.net().architecture().coilMaps() : coilMaps
				.trim();
			maps = CoilMapSource.parse(mapsName);
		}
		catch (final RuntimeException e) {
			this.model.close();
			throw e;
		}
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public FloatVolume reconstruct(final KSpace kspace, final Progress progress) {
		final int slices = kspace.data().slices();
		model.checkFits(kspace.data().coils(), kspace.data().width(), kspace.data().height());
		maps.check(kspace);
		progress.status("VarNet (" + model.net().architecture() + ", coil maps " + mapsName + ") on " + slices +
			" slice(s)");
		try {
			return Reconstructions.cropToReference(VarNetInference.reconstruct(model, kspace, maps, 0, progress),
				kspace.info());
		}
		catch (final AccelMRException e) { // including a cancel
			throw e;
		}
		catch (final RuntimeException e) {
			throw new AccelMRException("VarNet reconstruction failed: " + e.getMessage(), e);
		}
	}

	@Override
	public void close() {
		model.close();
	}
}
