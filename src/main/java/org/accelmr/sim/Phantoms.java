package org.accelmr.sim;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.progress.Progress;

/**
 * Built-in test images, so the demo needs nothing downloaded: a digital brain-like phantom made of ellipses
 * ({@link #brain(int, int)}) and four real axial slices of the Colin27 T1 brain ({@link #colinSlices()}).
 */
public final class Phantoms {

	/** Side of the bundled Colin27 slices. */
	public static final int COLIN_SIZE = 256;
	/** Number of bundled Colin27 slices. */
	public static final int COLIN_SLICES = 4;
	/** Noise level of {@link #demoKSpace(int, long)}: 0.2 % of the image maximum, a clean but real scan. */
	public static final double DEMO_NOISE_LEVEL = 0.002;

	private static final String COLIN_RESOURCE = "colin27_axial.u8.gz";

	/**
	 * Ellipses {intensity added, semi-axis a, semi-axis b, centre x, centre y, rotation in degrees} on [-1, 1]^2
	 * (y up): the modified Shepp–Logan head (Toft, "The Radon Transform", 1996), then small structures: a row of
	 * shrinking dots (resolution), a thin bright rim (cortex-like ring) and low-contrast spots.
	 */
	private static final double[][] ELLIPSES = {
		{ 1, .69, .92, 0, 0, 0 }, { -.8, .6624, .874, 0, -.0184, 0 }, { -.2, .11, .31, .22, 0, -18 },
		{ -.2, .16, .41, -.22, 0, 18 }, { .1, .21, .25, 0, .35, 0 }, { .1, .046, .046, 0, .1, 0 },
		{ .1, .046, .046, 0, -.1, 0 }, { .1, .046, .023, -.08, -.605, 0 }, { .1, .023, .023, 0, -.606, 0 },
		{ .1, .023, .046, .06, -.605, 0 },
		// cortex-like ring just inside the skull
		{ .25, .645, .845, 0, -.0184, 0 }, { -.25, .625, .825, 0, -.0184, 0 },
		// resolution dots of shrinking radius
		{ .4, .03, .03, -.3, -.35, 0 }, { .4, .022, .022, -.22, -.35, 0 }, { .4, .016, .016, -.155, -.35, 0 },
		{ .4, .011, .011, -.105, -.35, 0 }, { .4, .008, .008, -.07, -.35, 0 },
		// low-contrast lesions
		{ .04, .05, .05, .3, .45, 0 }, { .06, .035, .05, .4, -.3, 30 }, { -.05, .04, .03, -.4, .45, 0 },
		// a thin elongated structure (vessel-like)
		{ .3, .008, .18, .3, -.1, 25 } };

	private static final int SUPERSAMPLING = 3;

	private Phantoms() {}

	/**
	 * A brain-like digital phantom of any size, values in [0, 1], one slice. Each pixel is the mean over a 3x3
	 * grid of sub-samples, which softens edges as a real acquisition's point spread function does.
	 */
	public static FloatVolume brain(final int width, final int height) {
		if (width < 8 || height < 8) throw new AccelMRException("phantom size must be at least 8x8, got " + height +
			"x" + width);
		final float[] pixels = new float[width * height];
		final double[][] rotation = new double[ELLIPSES.length][];
		for (int e = 0; e < ELLIPSES.length; e++) {
			final double phi = Math.toRadians(ELLIPSES[e][5]);
			rotation[e] = new double[] { Math.cos(phi), Math.sin(phi) };
		}
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				double sum = 0;
				for (int sy = 0; sy < SUPERSAMPLING; sy++)
					for (int sx = 0; sx < SUPERSAMPLING; sx++) {
						final double u = 2 * (x + (sx + 0.5) / SUPERSAMPLING) / width - 1;
						final double v = 1 - 2 * (y + (sy + 0.5) / SUPERSAMPLING) / height;
						sum += valueAt(u, v, rotation);
					}
				pixels[y * width + x] = (float) Math.max(0, Math.min(1, sum / (SUPERSAMPLING * SUPERSAMPLING)));
			}
		return new FloatVolume(width, height, new float[][] { pixels });
	}

	private static double valueAt(final double u, final double v, final double[][] rotation) {
		double value = 0;
		for (int e = 0; e < ELLIPSES.length; e++) {
			final double[] p = ELLIPSES[e];
			final double du = u - p[3], dv = v - p[4];
			final double along = du * rotation[e][0] + dv * rotation[e][1];
			final double across = -du * rotation[e][1] + dv * rotation[e][0];
			if ((along / p[1]) * (along / p[1]) + (across / p[2]) * (across / p[2]) <= 1) value += p[0];
		}
		return value;
	}

	/**
	 * Four 256x256 axial slices of the Colin27 T1 brain template (Holmes et al., J Comput Assist Tomogr 1998, as
	 * distributed with MRIcron under the BSD-3-Clause licence), values scaled to [0, 1] (byte / 255). Row 0 is
	 * anterior. See {@code colin27_axial.txt} beside the resource.
	 */
	public static FloatVolume colinSlices() {
		final int n = COLIN_SIZE * COLIN_SIZE;
		final byte[] bytes;
		try (InputStream raw = Phantoms.class.getResourceAsStream(COLIN_RESOURCE)) {
			if (raw == null) throw new AccelMRException("built-in resource " + COLIN_RESOURCE +
				" is missing from the AccelMR jar");
			try (InputStream in = new GZIPInputStream(raw)) {
				bytes = in.readAllBytes();
			}
		}
		catch (final IOException e) {
			throw new AccelMRException("cannot read built-in resource " + COLIN_RESOURCE + ": " + e.getMessage(), e);
		}
		if (bytes.length != COLIN_SLICES * n) throw new AccelMRException("built-in resource " + COLIN_RESOURCE +
			" has " + bytes.length + " bytes, expected " + COLIN_SLICES * n);
		final float[][] slices = new float[COLIN_SLICES][n];
		for (int s = 0; s < COLIN_SLICES; s++)
			for (int i = 0; i < n; i++)
				slices[s][i] = Byte.toUnsignedInt(bytes[s * n + i]) / 255f;
		return new FloatVolume(COLIN_SIZE, COLIN_SIZE, slices);
	}

	/**
	 * The demo dataset: fully sampled multi-coil k-space of the Colin27 slices with birdcage coils, smooth phase
	 * and {@link #DEMO_NOISE_LEVEL} noise.
	 *
	 * @param coils number of coils, 1..32 (8 is typical)
	 * @param seed seed of phase and noise
	 */
	public static KSpace demoKSpace(final int coils, final long seed) {
		return KSpaceSimulator.simulate(colinSlices(), new SimulationConfig(coils, true, DEMO_NOISE_LEVEL, seed),
			"Colin27 T1 brain (built-in demo, simulated " + coils + "-coil k-space)", Progress.NONE);
	}
}
