package org.accelmr.recon;

import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.progress.Progress;

/**
 * A reconstruction method with its settings: measured (possibly undersampled) k-space in, one real image per
 * slice out, on the scale of the fully sampled RSS target and centre-cropped like it (see
 * {@link Reconstructions#cropToReference}). It may hold what serves many volumes (a loaded network): make one per
 * worker, prepare it per volume ({@link #prepare}) and close it when all volumes are done.
 */
public interface Reconstructor extends AutoCloseable {

	/** The method's name as users type it ({@code zero-filled}, {@code tv}, {@code wavelet}, {@code unet}). */
	String name();

	/**
	 * Makes the method ready for one volume: checks what can be checked before reading samples (coil-map files
	 * against the volume's shape, the model against the data) and loads what the volume needs.
	 *
	 * @throws org.accelmr.AccelMRException naming the setting or file that does not fit the volume
	 */
	PreparedReconstruction prepare(VolumeDescription volume, Progress progress);

	/** All slices of {@code kspace} at once: prepare, reconstruct, close. */
	default FloatVolume reconstruct(final KSpace kspace, final Progress progress) {
		try (PreparedReconstruction prepared = prepare(VolumeDescription.of(kspace), progress)) {
			return prepared.reconstructWhole(kspace, progress);
		}
	}

	/** Frees what serves many volumes (a loaded network); nothing by default. */
	@Override
	default void close() {}
}
