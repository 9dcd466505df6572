package org.accelmr.train;

import java.util.List;
import java.util.SplittableRandom;

import org.accelmr.nn.InstanceNormalisation;

/**
 * {@code count} normalised square patches, input and target, stored one after the other: what one optimiser
 * step sees. Each pair is normalised with its whole zero-filled input's statistics (as inference does), target
 * included, both clamped to +-6 (fastMRI's recipe); then a {@code side x side} patch is cut at the same place
 * from both, centred on a random pixel of the object (target above 10% of its maximum) when one is found.
 */
record TrainingBatch(float[] input, float[] target, int count, int side) {

	static TrainingBatch of(final List<TrainingPair> pairs, final int side, final SplittableRandom random) {
		final int n = pairs.size(), area = side * side;
		final float[] input = new float[n * area], target = new float[n * area];
		for (int b = 0; b < n; b++) {
			final TrainingPair p = pairs.get(b);
			final InstanceNormalisation norm = InstanceNormalisation.of(p.input());
			final float[] in = new float[p.input().length], tg = new float[p.target().length];
			norm.normalise(p.input(), in, 0);
			norm.normalise(p.target(), tg, 0);
			final int[] corner = patchCorner(p, side, random);
			for (int y = 0; y < side; y++) {
				System.arraycopy(in, (y + corner[1]) * p.width() + corner[0], input, b * area + y * side, side);
				System.arraycopy(tg, (y + corner[1]) * p.width() + corner[0], target, b * area + y * side, side);
			}
		}
		return new TrainingBatch(input, target, n, side);
	}

	private static int[] patchCorner(final TrainingPair p, final int side, final SplittableRandom random) {
		final int maxX = p.width() - side, maxY = p.height() - side;
		if (maxX < 0 || maxY < 0) throw new IllegalArgumentException("image " + p.height() + "x" + p.width() +
			" is smaller than the patch " + side);
		float max = 0;
		for (final float v : p.target())
			max = Math.max(max, v);
		int cx = random.nextInt(p.width()), cy = random.nextInt(p.height());
		for (int attempt = 0; attempt < 20; attempt++) {
			final int x = random.nextInt(p.width()), y = random.nextInt(p.height());
			if (p.target()[y * p.width() + x] > 0.1f * max) {
				cx = x;
				cy = y;
				break;
			}
		}
		return new int[] { Math.max(0, Math.min(maxX, cx - side / 2)), Math.max(0, Math.min(maxY, cy - side / 2)) };
	}
}
