package org.accelmr.io;

import org.accelmr.kspace.FloatVolume;

/**
 * A 3-D image from a NIfTI file, in voxel order: x fastest, then y, then z ({@code voxels[x + nx * (y + ny * z)]}),
 * values already scaled by {@code scl_slope}/{@code scl_inter}.
 *
 * @param nx voxels along x (NIfTI {@code dim[1]})
 * @param ny voxels along y ({@code dim[2]})
 * @param nz voxels along z ({@code dim[3]})
 * @param voxels {@code nx * ny * nz} values
 * @param voxelSize voxel spacing in the file's units (mm for the usual brain templates)
 */
public record NiftiImage(int nx, int ny, int nz, float[] voxels, VoxelSize voxelSize) {

	/** Voxel spacing ({@code pixdim[1..3]}). */
	public record VoxelSize(double x, double y, double z) {}

	/** Which voxel axis is held fixed for each 2-D slice (axial, coronal and sagittal in RAS-stored images). */
	public enum SliceAxis {
		/** Planes of constant z: width nx, height ny, nz slices. */
		Z,
		/** Planes of constant y: width nx, height nz, ny slices. */
		Y,
		/** Planes of constant x: width ny, height nz, nx slices. */
		X
	}

	public NiftiImage {
		if ((long) nx * ny * nz != voxels.length) throw new IllegalArgumentException(nx + "x" + ny + "x" + nz +
			" does not match " + voxels.length + " voxels");
	}

	public float voxel(final int x, final int y, final int z) {
		return voxels[x + nx * (y + ny * z)];
	}

	/**
	 * Every slice across the given axis as a stack of 2-D images; image row r holds the second in-plane axis at
	 * index r (so row 0 is y = 0 or z = 0: flip for a radiological display if needed).
	 */
	public FloatVolume slices(final SliceAxis axis) {
		final int w = axis == SliceAxis.X ? ny : nx;
		final int h = axis == SliceAxis.Z ? ny : nz;
		final int depth = switch (axis) {
			case Z -> nz;
			case Y -> ny;
			case X -> nx;
		};
		final float[][] out = new float[depth][w * h];
		for (int s = 0; s < depth; s++)
			for (int r = 0; r < h; r++)
				for (int c = 0; c < w; c++)
					out[s][r * w + c] = switch (axis) {
						case Z -> voxel(c, r, s);
						case Y -> voxel(c, s, r);
						case X -> voxel(s, c, r);
					};
		return new FloatVolume(w, h, out);
	}
}
