package org.accelmr.mask;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.accelmr.AccelMRException;

/**
 * A 2-D variable-density Poisson-disc mask, the idea of BART's {@code poisson} and SigPy's {@code mri.poisson}
 * (Lustig, Donoho, Pauly, "Sparse MRI", MRM 2007; Bridson, "Fast Poisson disk sampling in arbitrary
 * dimensions", 2007): no two samples lie closer than a radius that grows from the centre outwards, plus a fully
 * sampled {@code calibration x calibration} square at the centre. With the normalised distance from the
 * calibration region
 * <pre>
 * u = max(|x - W/2| - c/2, 0) / max_x(..),  v = max(|y - H/2| - c/2, 0) / max_y(..),  r = sqrt(u^2 + v^2)
 * radius_x = max(1, (1 + s r) W / max(W, H)),   radius_y = max(1, (1 + s r) H / max(W, H))
 * </pre>
 * a candidate q is rejected when some sample p has {@code ((qx-px)/radius_x(q))^2 + ((qy-py)/radius_y(q))^2 < 1}.
 * Samples outside the inscribed ellipse ({@code r >= 1}, the k-space corners) are dropped. The slope s is found by
 * bisection until the achieved acceleration is within {@link #TOLERANCE} (relative) of the target; if bisection
 * cannot get that close the closest mask found is returned.
 */
public final class PoissonDiscMask implements MaskSampler {

	/** Relative tolerance on the achieved acceleration. */
	public static final double TOLERANCE = 0.02;

	private static final int ATTEMPTS = 30; // candidates tried around each active sample (Bridson's k)
	private static final int BISECTIONS = 40;

	private final double acceleration;
	private final int calibration;

	/**
	 * @param acceleration requested acceleration R &gt; 1
	 * @param calibration side of the fully sampled centre square, 0 for none
	 */
	public PoissonDiscMask(final double acceleration, final int calibration) {
		if (!(acceleration > 1) || Double.isInfinite(acceleration)) throw new AccelMRException(
			"acceleration must be > 1, got " + acceleration);
		if (calibration < 0) throw new AccelMRException("calibration must be >= 0, got " + calibration);
		this.acceleration = acceleration;
		this.calibration = calibration;
	}

	@Override
	public double acceleration() {
		return acceleration;
	}

	public int calibration() {
		return calibration;
	}

	@Override
	public SamplingMask sample(final int width, final int height, final long seed) {
		if (width < 2 || height < 2) throw new AccelMRException("Poisson-disc mask size must be at least 2x2, got " +
			height + "x" + width);
		if (acceleration > (double) width * height / 4) throw MaskFunction.accelerationAbove(acceleration, width *
			height / 4, "a quarter of the samples", height + "x" + width);
		if (calibration > Math.min(width, height) || (double) calibration * calibration > width * height /
			acceleration) throw new AccelMRException("calibration " + calibration + " does not fit a " + height +
				"x" + width + " mask at acceleration " + acceleration);
		final double[] distance = normalisedDistance(width, height);
		double low = 0, high = Math.max(width, height);
		boolean[] best = null;
		double bestError = Double.POSITIVE_INFINITY;
		for (int i = 0; i < BISECTIONS; i++) {
			final double slope = (low + high) / 2;
			final boolean[] mask = draw(width, height, slope, distance, new SplittableRandom(seed));
			final double achieved = (double) width * height / count(mask);
			final double error = Math.abs(achieved - acceleration) / acceleration;
			if (error < bestError) {
				bestError = error;
				best = mask;
			}
			if (error <= TOLERANCE) break;
			if (achieved < acceleration) low = slope;
			else high = slope;
		}
		return SamplingMask.of2D(best, width, height);
	}

	/** r of the class comment, row-major. */
	private double[] normalisedDistance(final int width, final int height) {
		final double[] u = new double[width], v = new double[height];
		double maxU = 0, maxV = 0;
		for (int x = 0; x < width; x++)
			maxU = Math.max(maxU, u[x] = Math.max(Math.abs(x - width / 2.0) - calibration / 2.0, 0));
		for (int y = 0; y < height; y++)
			maxV = Math.max(maxV, v[y] = Math.max(Math.abs(y - height / 2.0) - calibration / 2.0, 0));
		final double[] r = new double[width * height];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				final double a = maxU > 0 ? u[x] / maxU : 0, b = maxV > 0 ? v[y] / maxV : 0;
				r[y * width + x] = Math.sqrt(a * a + b * b);
			}
		return r;
	}

	/** One Poisson-disc draw (Bridson's active-list algorithm with a position-dependent radius). */
	private boolean[] draw(final int width, final int height, final double slope, final double[] distance,
		final SplittableRandom random)
	{
		final int n = width * height;
		final double longest = Math.max(width, height);
		final double[] radiusX = new double[n], radiusY = new double[n];
		for (int i = 0; i < n; i++) {
			final double scale = 1 + slope * distance[i];
			radiusX[i] = Math.max(1, scale * width / longest);
			radiusY[i] = Math.max(1, scale * height / longest);
		}
		final boolean[] mask = new boolean[n];
		final List<Integer> active = new ArrayList<>();
		final int first = random.nextInt(n);
		mask[first] = true;
		active.add(first);
		while (!active.isEmpty()) {
			final int pick = random.nextInt(active.size());
			final int p = active.get(pick);
			final int px = p % width, py = p / width;
			boolean found = false;
			for (int attempt = 0; attempt < ATTEMPTS && !found; attempt++) {
				// uniform over the annulus between 1 and 2 radii (area-uniform radius)
				final double d = Math.sqrt(1 + 3 * random.nextDouble());
				final double angle = 2 * Math.PI * random.nextDouble();
				final int qx = (int) Math.rint(px + d * radiusX[p] * Math.cos(angle));
				final int qy = (int) Math.rint(py + d * radiusY[p] * Math.sin(angle));
				if (qx < 0 || qy < 0 || qx >= width || qy >= height || mask[qy * width + qx]) continue;
				if (isFarFromSamples(mask, width, height, qx, qy, radiusX[qy * width + qx], radiusY[qy * width +
					qx]))
				{
					mask[qy * width + qx] = true;
					active.add(qy * width + qx);
					found = true;
				}
			}
			if (!found) {
				active.set(pick, active.get(active.size() - 1));
				active.remove(active.size() - 1);
			}
		}
		for (int i = 0; i < n; i++)
			if (distance[i] >= 1) mask[i] = false;
		final int x0 = (width - calibration + 1) / 2, y0 = (height - calibration + 1) / 2;
		for (int y = y0; y < y0 + calibration; y++)
			for (int x = x0; x < x0 + calibration; x++)
				mask[y * width + x] = true;
		return mask;
	}

	private static boolean isFarFromSamples(final boolean[] mask, final int width, final int height, final int qx,
		final int qy, final double rx, final double ry)
	{
		final int wx = (int) Math.ceil(rx), wy = (int) Math.ceil(ry);
		for (int y = Math.max(0, qy - wy); y <= Math.min(height - 1, qy + wy); y++) {
			final double dy = (y - qy) / ry;
			for (int x = Math.max(0, qx - wx); x <= Math.min(width - 1, qx + wx); x++) {
				if (!mask[y * width + x]) continue;
				final double dx = (x - qx) / rx;
				if (dx * dx + dy * dy < 1) return false;
			}
		}
		return true;
	}

	private static long count(final boolean[] mask) {
		long c = 0;
		for (final boolean b : mask)
			if (b) c++;
		return c;
	}
}
