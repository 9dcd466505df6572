package org.accelmr.linop;

import org.ejml.data.ZMatrixRMaj;

/**
 * Fewer coils for the SENSE normal operator, to a stated tolerance. For pixels that share a group (an image row
 * when the mask keeps whole columns, since then {@code A^H A} acts on each row alone; else the whole image), the
 * operator depends on the maps only through their coil Gram {@code Σ_c conj(s_c(r)) s_c(r')}, which any unitary
 * change of coil basis U leaves unchanged: {@code t_k = Σ_c conj(U_ck) s_c}. Taking U from the eigenvectors of the
 * group's C x C Gram {@code Σ_r s(r) s(r)^H} puts the maps' energy into the first few {@code t_k} (smooth maps
 * along a 192-pixel row: about 6 of 16 coils at {@link #TOLERANCE}), and the rest can be dropped:
 * a dropped {@code t_k} changes {@code A^H A} by the operator {@code D(t_k)^H F^H M F D(t_k)}, whose norm is at most
 * {@code max_r |t_k(r)|²}. Components are dropped from the weakest while the sum of those bounds stays within
 * {@code tolerance} times the largest {@code Σ_c |s_c|²}, so the operator changes by at most that fraction of its
 * own norm bound. Groups outside the object (maps zero) keep no coil at all.
 * <p>
 * Only the normal operator uses them; the forward model and its adjoint keep every measured coil.
 */
final class VirtualCoils {

	/**
	 * Relative change of the normal operator allowed, about the solvers' own stopping tolerance (5e-5 relative
	 * change per iteration). On a 16-coil 192² Colin27 slice with our ESPIRiT maps it keeps 6.4 virtual coils per
	 * row and moved the PSNR at the automatic λ by 0.004 dB (TV and wavelet) from all 16 coils; 1e-5 kept 7.8 (under
	 * 0.003 dB), 1e-3 kept 5.1 and moved the wavelet's by 0.05 dB.
	 */
	static final double TOLERANCE = 1e-4;

	private final int groupSize;
	private final int[] start; // start[g]: the first virtual coil of group g in maps; start[groups]: their count
	private final float[] maps; // virtual coil k of its group: groupSize interleaved complex values at 2 k groupSize

	private VirtualCoils(final int groupSize, final int[] start, final float[] maps) {
		this.groupSize = groupSize;
		this.start = start;
		this.maps = maps;
	}

	/**
	 * The virtual coils of each maps array still in use (one group size each): a slice's path, confirming and final
	 * solves share them. Weak keys: they go with the maps.
	 */
	private static final java.util.Map<float[], VirtualCoils> RECENT = java.util.Collections.synchronizedMap(
		new java.util.WeakHashMap<>());

	/**
	 * {@link #of(float[], int, int, int, double)} at {@link #TOLERANCE}, remembered for as long as the maps array
	 * lives (by identity, so maps must not change after their first use).
	 */
	static VirtualCoils of(final float[] maps, final int coils, final int pixels, final int groupSize) {
		final VirtualCoils known = RECENT.get(maps);
		if (known != null && known.groupSize == groupSize) return known;
		final VirtualCoils made = of(maps, coils, pixels, groupSize, TOLERANCE);
		RECENT.put(maps, made);
		return made;
	}

	/**
	 * @param maps {@code coils} interleaved planes of {@code pixels} values
	 * @param groupSize pixels per group: the row width, or {@code pixels} for one group
	 */
	static VirtualCoils of(final float[] maps, final int coils, final int pixels, final int groupSize,
		final double tolerance)
	{
		final int groups = pixels / groupSize;
		final double bound = CoilSensitivityOperator.maxSumOfSquares(maps, pixels, coils);
		final float[][] kept = new float[groups][];
		final int[] start = new int[groups + 1];
		for (int g = 0; g < groups; g++) {
			kept[g] = group(maps, coils, pixels, g * groupSize, groupSize, tolerance * bound);
			start[g + 1] = start[g] + kept[g].length / (2 * groupSize);
		}
		final float[] all = new float[2 * start[groups] * groupSize];
		for (int g = 0; g < groups; g++)
			System.arraycopy(kept[g], 0, all, 2 * start[g] * groupSize, kept[g].length);
		return new VirtualCoils(groupSize, start, all);
	}

	/** The kept virtual coils of the pixels {@code from .. from + size - 1}, strongest first, one after another. */
	private static float[] group(final float[] maps, final int coils, final int pixels, final int from,
		final int size, final double allowed)
	{
		final ZMatrixRMaj gram = new ZMatrixRMaj(coils, coils);
		final double[] g = gram.data;
		for (int a = 0; a < coils; a++)
			for (int b = a; b < coils; b++) {
				double re = 0, im = 0;
				final int oa = 2 * (a * pixels + from), ob = 2 * (b * pixels + from);
				for (int i = 0; i < 2 * size; i += 2) {
					final double ar = maps[oa + i], ai = maps[oa + i + 1], br = maps[ob + i], bi = maps[ob + i + 1];
					re += ar * br + ai * bi; // s_a conj(s_b)
					im += ai * br - ar * bi;
				}
				g[2 * (a * coils + b)] = re;
				g[2 * (a * coils + b) + 1] = im;
				g[2 * (b * coils + a)] = re;
				g[2 * (b * coils + a) + 1] = -im;
			}
		final HermitianEigen eig = HermitianEigen.of(gram);
		final Integer[] order = new Integer[coils];
		for (int e = 0; e < coils; e++)
			order[e] = e;
		java.util.Arrays.sort(order, (p, q) -> Double.compare(eig.values[q], eig.values[p]));
		// t_e(r) = u_e^H s(r), strongest first
		final float[] t = new float[2 * coils * size];
		final double[] peak = new double[coils];
		for (int k = 0; k < coils; k++) {
			final double[] u = eig.vectors[order[k]];
			final int o = 2 * k * size;
			for (int c = 0; c < coils; c++) {
				final double ur = u[2 * c], ui = -u[2 * c + 1];
				final int oc = 2 * (c * pixels + from);
				for (int i = 0; i < 2 * size; i += 2) {
					final double sr = maps[oc + i], si = maps[oc + i + 1];
					t[o + i] += (float) (ur * sr - ui * si);
					t[o + i + 1] += (float) (ur * si + ui * sr);
				}
			}
			for (int i = 0; i < 2 * size; i += 2)
				peak[k] = Math.max(peak[k], (double) t[o + i] * t[o + i] + (double) t[o + i + 1] * t[o + i + 1]);
		}
		int keep = coils;
		double dropped = 0;
		while (keep > 0 && dropped + peak[keep - 1] <= allowed)
			dropped += peak[--keep];
		return java.util.Arrays.copyOf(t, 2 * keep * size);
	}

	int groups() {
		return start.length - 1;
	}

	/** How many virtual coils group g keeps. */
	int count(final int group) {
		return start[group + 1] - start[group];
	}

	/** All kept virtual coils over all groups. */
	int total() {
		return start[start.length - 1];
	}

	/** Float offset in {@link #maps()} of virtual coil k of group g. */
	int offset(final int group, final int k) {
		return 2 * (start[group] + k) * groupSize;
	}

	float[] maps() {
		return maps;
	}
}
