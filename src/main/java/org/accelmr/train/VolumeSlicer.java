package org.accelmr.train;

import java.util.ArrayList;
import java.util.List;

import org.accelmr.kspace.FloatVolume;

/**
 * Cuts 2-D images out of a volume {@code (Z, Y, X)} = (slices, rows, columns) in the three orientations:
 * axial planes {@code z} (Y x X, as stored), coronal planes {@code y} (Z x X) and sagittal planes {@code x}
 * (Z x Y). In coronal and sagittal images row 0 is the highest {@code z} of the range, so a NIfTI volume in
 * RAS order shows the head upright. Only a {@code z} range of the volume is used, so a held-out axial slab can
 * be kept out of the other orientations too.
 */
final class VolumeSlicer {

	private final FloatVolume volume;
	private final String name;

	VolumeSlicer(final FloatVolume volume, final String name) {
		this.volume = volume;
		this.name = name;
	}

	/** Axial planes {@code z0 <= z < z1}. */
	List<SliceImage> axial(final int z0, final int z1) {
		final List<SliceImage> out = new ArrayList<>();
		for (int z = z0; z < z1; z++)
			out.add(new SliceImage(volume.slice(z).clone(), volume.width(), volume.height(), name + " axial " + z));
		return out;
	}

	/** Coronal planes through {@code z0 <= z < z1}, one per row y. */
	List<SliceImage> coronal(final int z0, final int z1) {
		final int w = volume.width(), rows = z1 - z0;
		final List<SliceImage> out = new ArrayList<>();
		if (rows < 1) return out;
		for (int y = 0; y < volume.height(); y++) {
			final float[] p = new float[rows * w];
			for (int z = z0; z < z1; z++)
				System.arraycopy(volume.slice(z), y * w, p, (z1 - 1 - z) * w, w);
			out.add(new SliceImage(p, w, rows, name + " coronal " + y + " (z " + z0 + "-" + (z1 - 1) + ")"));
		}
		return out;
	}

	/** Sagittal planes through {@code z0 <= z < z1}, one per column x. */
	List<SliceImage> sagittal(final int z0, final int z1) {
		final int w = volume.width(), h = volume.height(), rows = z1 - z0;
		final List<SliceImage> out = new ArrayList<>();
		if (rows < 1) return out;
		for (int x = 0; x < w; x++) {
			final float[] p = new float[rows * h];
			for (int z = z0; z < z1; z++) {
				final float[] plane = volume.slice(z);
				for (int y = 0; y < h; y++)
					p[(z1 - 1 - z) * h + y] = plane[y * w + x];
			}
			out.add(new SliceImage(p, h, rows, name + " sagittal " + x + " (z " + z0 + "-" + (z1 - 1) + ")"));
		}
		return out;
	}
}
