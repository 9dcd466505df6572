package org.accelmr.sim;

import java.util.SplittableRandom;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.ComplexStack;

/**
 * Receive sensitivities of circular surface-loop coils placed around the object, from the Biot–Savart law: a
 * more physical stand-in for a head array than {@link BirdcageCoils}' infinite wires. Coordinates are in half
 * fields of view ({@code u, v in [-1, 1]} across the image plane {@code z = 0}, B0 along z). Loop {@code c} has
 * its centre at distance {@code R_c} from the image centre in direction {@code theta_c}, height {@code z_c} above
 * the plane, radius {@code a_c}, and faces the centre (its normal is {@code -(cos theta_c, sin theta_c, 0)}).
 * Its field {@code B(p) = sum over wire segments dl of dl x (p - l) / |p - l|^3} (unit current, constants
 * dropped) is computed on a coarse grid and interpolated, and the receive sensitivity is its negative-rotating
 * transverse component {@code s_c = B_x - i B_y} (the reciprocity principle; the sign picks one of the two
 * circular polarisations).
 *
 * <p>{@link #random} draws a geometry the way arrays differ between scanners and set-ups: coils evenly spread
 * around the object with a random rotation and jitter, centre distance 1.7-2.2 (outside the square field of
 * view, whose corners are at 1.41, so no wire comes close enough to a pixel to make a hot spot hundreds of times
 * the centre's), radius 0.25-0.6, height -0.4..0.4. Maps are scaled so that their root sum of squares averages 1 over
 * the central disc, but are not flattened: the shading of a real array (bright near the coils) stays.
 */
public final class LoopCoils {

	/** Coarse grid side on which the field is evaluated (the maps are smooth). */
	private static final int GRID = 48;
	/** Straight segments a loop is split into. */
	private static final int SEGMENTS = 32;

	private LoopCoils() {}

	/**
	 * One loop.
	 *
	 * @param distance R, centre distance from the image centre
	 * @param angle theta, direction of the centre
	 * @param height z of the centre above the image plane
	 * @param radius a, loop radius
	 */
	public record Loop(double distance, double angle, double height, double radius) {}

	/** A random array of {@code coils} loops (see the class comment). */
	public static Loop[] random(final int coils, final SplittableRandom random) {
		if (coils < 1 || coils > 64) throw new AccelMRException("coils must be in 1..64, got " + coils);
		final Loop[] loops = new Loop[coils];
		final double offset = random.nextDouble(0, 2 * Math.PI);
		final double radius = random.nextDouble(0.25, 0.6);
		for (int c = 0; c < coils; c++) {
			final double angle = offset + 2 * Math.PI * (c + random.nextDouble(-0.25, 0.25)) / coils;
			loops[c] = new Loop(random.nextDouble(1.7, 2.2), angle, random.nextDouble(-0.4, 0.4), radius * random
				.nextDouble(0.85, 1.15));
		}
		return loops;
	}

	/** Sensitivity maps of {@code loops} on a {@code width x height} image, one slice of coil planes. */
	public static ComplexStack maps(final Loop[] loops, final int width, final int height) {
		final ComplexStack maps = new ComplexStack(width, height, loops.length, 1);
		final double[][] coarse = new double[loops.length][];
		for (int c = 0; c < loops.length; c++)
			coarse[c] = field(loops[c]);
		// scale: RSS averaging 1 over the disc of radius 0.5 (where the object is)
		double sum = 0;
		int count = 0;
		for (int gy = 0; gy < GRID; gy++)
			for (int gx = 0; gx < GRID; gx++) {
				final double u = coordinate(gx), v = coordinate(gy);
				if (u * u + v * v > 0.25) continue;
				double ss = 0;
				for (final double[] f : coarse)
					ss += f[2 * (gy * GRID + gx)] * f[2 * (gy * GRID + gx)] + f[2 * (gy * GRID + gx) + 1] * f[2 * (gy *
						GRID + gx) + 1];
				sum += Math.sqrt(ss);
				count++;
			}
		final double scale = count > 0 && sum > 0 ? count / sum : 1;
		for (int c = 0; c < loops.length; c++) {
			final float[] p = maps.plane(0, c);
			for (int y = 0; y < height; y++) {
				final double gy = grid((y - height / 2.0) / (height / 2.0));
				for (int x = 0; x < width; x++) {
					final double gx = grid((x - width / 2.0) / (width / 2.0));
					final int i = 2 * (y * width + x);
					p[i] = (float) (scale * interpolate(coarse[c], gx, gy, 0));
					p[i + 1] = (float) (scale * interpolate(coarse[c], gx, gy, 1));
				}
			}
		}
		return maps;
	}

	/** {@code B_x - i B_y} of one loop on the coarse grid, interleaved. */
	static double[] field(final Loop loop) {
		final double cx = loop.distance * Math.cos(loop.angle), cy = loop.distance * Math.sin(loop.angle);
		// in-plane axes of the loop: tangential (e1) and z (e2)
		final double e1x = -Math.sin(loop.angle), e1y = Math.cos(loop.angle);
		final double[][] wire = new double[SEGMENTS + 1][];
		for (int s = 0; s <= SEGMENTS; s++) {
			final double phi = 2 * Math.PI * s / SEGMENTS;
			final double a = loop.radius * Math.cos(phi), b = loop.radius * Math.sin(phi);
			wire[s] = new double[] { cx + a * e1x, cy + a * e1y, loop.height + b };
		}
		final double[] out = new double[2 * GRID * GRID];
		for (int gy = 0; gy < GRID; gy++)
			for (int gx = 0; gx < GRID; gx++) {
				final double px = coordinate(gx), py = coordinate(gy);
				double bx = 0, by = 0;
				for (int s = 0; s < SEGMENTS; s++) {
					final double[] p0 = wire[s], p1 = wire[s + 1];
					final double dlx = p1[0] - p0[0], dly = p1[1] - p0[1], dlz = p1[2] - p0[2];
					final double rx = px - 0.5 * (p0[0] + p1[0]), ry = py - 0.5 * (p0[1] + p1[1]), rz = -0.5 * (p0[2] +
						p1[2]);
					final double r2 = rx * rx + ry * ry + rz * rz;
					final double inv = 1 / (r2 * Math.sqrt(r2));
					bx += (dly * rz - dlz * ry) * inv;
					by += (dlz * rx - dlx * rz) * inv;
				}
				out[2 * (gy * GRID + gx)] = bx;
				out[2 * (gy * GRID + gx) + 1] = -by;
			}
		return out;
	}

	/** Normalised coordinate of coarse grid index {@code g}: the grid spans [-1, 1] inclusive. */
	private static double coordinate(final int g) {
		return -1 + 2.0 * g / (GRID - 1);
	}

	/** Coarse grid position of normalised coordinate {@code u}, clamped to the grid. */
	private static double grid(final double u) {
		return Math.max(0, Math.min(GRID - 1, (u + 1) * (GRID - 1) / 2));
	}

	private static double interpolate(final double[] f, final double gx, final double gy, final int part) {
		final int x0 = Math.min(GRID - 2, (int) gx), y0 = Math.min(GRID - 2, (int) gy);
		final double fx = gx - x0, fy = gy - y0;
		final double a = f[2 * (y0 * GRID + x0) + part], b = f[2 * (y0 * GRID + x0 + 1) + part];
		final double c = f[2 * ((y0 + 1) * GRID + x0) + part], d = f[2 * ((y0 + 1) * GRID + x0 + 1) + part];
		return (1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * c + fx * d);
	}
}
