package org.accelmr.train;

import java.util.SplittableRandom;

/**
 * Makes one subject's slices stand for many scans (image-side part; coils, phase and noise are added by
 * {@link PairSimulator}). Each call draws, from its own random stream:
 * <ul>
 * <li>pixel size: half of the draws are 2x2 block-averaged (1 mm becomes 2 mm, 256^2 canvases become 128^2);</li>
 * <li>contrast: {@code x -> max * (x / max)^gamma}, gamma log-uniform in [0.5, 2];</li>
 * <li>intensity scale log-uniform in [0.25, 4];</li>
 * <li>one of the 8 flips/90-degree rotations;</li>
 * <li>placement on a square zero canvas of side {@code max(crop, ceil(max(w, h) / 64) * 64)}, centred with a
 * random shift of up to an eighth of the free space.</li>
 * </ul>
 */
final class SliceAugmenter {

	static final double MIN_GAMMA = 0.5, MAX_GAMMA = 2;
	static final double MIN_SCALE = 0.25, MAX_SCALE = 4;

	private final int crop;

	SliceAugmenter(final int crop) {
		this.crop = crop;
	}

	SliceImage augment(final SliceImage slice, final SplittableRandom random) {
		SliceImage s = random.nextBoolean() ? slice.binned() : slice;
		final double gamma = Math.exp(random.nextDouble(Math.log(MIN_GAMMA), Math.log(MAX_GAMMA)));
		final double scale = Math.exp(random.nextDouble(Math.log(MIN_SCALE), Math.log(MAX_SCALE)));
		s = contrast(s, gamma, scale);
		s = dihedral(s, random.nextInt(8));
		return place(s, random);
	}

	/** Side of the square canvas a {@code width x height} image is placed on. */
	int canvasSide(final int width, final int height) {
		return Math.max(crop, (Math.max(width, height) + 63) / 64 * 64);
	}

	static SliceImage contrast(final SliceImage s, final double gamma, final double scale) {
		final double max = s.max();
		final float[] p = new float[s.pixels().length];
		if (max > 0) for (int i = 0; i < p.length; i++)
			p[i] = (float) (scale * max * Math.pow(Math.max(0, s.pixels()[i]) / max, gamma));
		return new SliceImage(p, s.width(), s.height(), s.origin());
	}

	/** Transform {@code k}: bit 0 flips columns, bit 1 flips rows, bit 2 transposes (applied last). */
	static SliceImage dihedral(final SliceImage s, final int k) {
		final int w = s.width(), h = s.height();
		final boolean flipX = (k & 1) != 0, flipY = (k & 2) != 0, transpose = (k & 4) != 0;
		final int ow = transpose ? h : w, oh = transpose ? w : h;
		final float[] out = new float[w * h], src = s.pixels();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int sx = flipX ? w - 1 - x : x, sy = flipY ? h - 1 - y : y;
				final int dst = transpose ? x * ow + y : y * ow + x;
				out[dst] = src[sy * w + sx];
			}
		return new SliceImage(out, ow, oh, s.origin());
	}

	/** The slice unchanged, centred on its canvas (validation). */
	SliceImage centred(final SliceImage s) {
		final int side = canvasSide(s.width(), s.height());
		return place(s, (side - s.width()) / 2, (side - s.height()) / 2, side);
	}

	private SliceImage place(final SliceImage s, final SplittableRandom random) {
		final int side = canvasSide(s.width(), s.height());
		final int freeX = side - s.width(), freeY = side - s.height();
		final int x0 = freeX / 2 + (freeX >= 8 ? random.nextInt(-freeX / 8, freeX / 8 + 1) : 0);
		final int y0 = freeY / 2 + (freeY >= 8 ? random.nextInt(-freeY / 8, freeY / 8 + 1) : 0);
		return place(s, x0, y0, side);
	}

	private static SliceImage place(final SliceImage s, final int x0, final int y0, final int side) {
		final float[] p = new float[side * side];
		for (int y = 0; y < s.height(); y++)
			System.arraycopy(s.pixels(), y * s.width(), p, (y + y0) * side + x0, s.width());
		return new SliceImage(p, side, side, s.origin());
	}
}
