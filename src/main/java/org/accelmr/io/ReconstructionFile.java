package org.accelmr.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.FloatVolume;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.object.datatype.FloatingPoint;

/**
 * The fastMRI submission layout: an HDF5 file with one float32 dataset {@code reconstruction} of shape
 * {@code (slices, H, W)}. Reading also accepts the training files' {@code reconstruction_rss} and
 * {@code reconstruction_esc}, in that order, so a reference can be opened the same way.
 */
public final class ReconstructionFile {

	static final String DATASET = "reconstruction";
	private static final String[] NAMES = { DATASET, "reconstruction_rss", "reconstruction_esc" };

	private ReconstructionFile() {}

	/** Writes atomically: a temporary file in the same folder is renamed over {@code file} only when complete. */
	public static void write(final FloatVolume volume, final Path file) {
		final float[][][] data = new float[volume.depth()][volume.height()][volume.width()];
		for (int s = 0; s < volume.depth(); s++)
			for (int y = 0; y < volume.height(); y++)
				System.arraycopy(volume.slice(s), y * volume.width(), data[s][y], 0, volume.width());
		AtomicFile.write(file, temp -> {
			try (WritableHdfFile out = HdfFile.write(temp)) {
				out.putDataset(DATASET, data);
			}
		});
	}

	/**
	 * @throws AccelMRException naming the file when it is missing, not HDF5, or has no float (slices,H,W)
	 *           reconstruction dataset
	 */
	public static FloatVolume read(final Path file) {
		if (!Files.isRegularFile(file)) throw new AccelMRException(file + ": file not found");
		try (HdfFile hdf = new HdfFile(file)) {
			for (final String name : NAMES)
				if (hdf.getChild(name) instanceof Dataset ds) return toVolume(file, name, ds);
			throw new AccelMRException(file + ": no '" + DATASET + "' dataset (found " + hdf.getChildren().keySet() +
				")");
		}
		catch (final AccelMRException e) {
			throw e;
		}
		catch (final RuntimeException e) {
			throw new AccelMRException(file + ": not a readable HDF5 file (" + e.getClass().getSimpleName() + ")", e);
		}
	}

	private static FloatVolume toVolume(final Path file, final String name, final Dataset ds) {
		final int[] d = ds.getDimensions();
		if (!(ds.getDataType() instanceof FloatingPoint) || d.length < 2 || d.length > 3)
			throw new AccelMRException(file + ": '" + name + "' has shape " + Arrays.toString(d) + " of " + ds
				.getJavaType().getSimpleName() + ", expected float (slices,H,W)");
		final int w = d[d.length - 1], h = d[d.length - 2], depth = d.length == 3 ? d[0] : 1;
		final float[] flat = NestedArrays.floats(ds.getData());
		final float[][] slices = new float[depth][];
		for (int s = 0; s < depth; s++)
			slices[s] = Arrays.copyOfRange(flat, s * w * h, (s + 1) * w * h);
		return new FloatVolume(w, h, slices);
	}
}
