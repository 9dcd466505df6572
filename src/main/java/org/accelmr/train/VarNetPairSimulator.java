package org.accelmr.train;

import java.util.SplittableRandom;

import org.accelmr.cs.CoilMaps;
import org.accelmr.cs.EspiritCalibration;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.mask.EquispacedFractionMask;
import org.accelmr.mask.MaskFunction;
import org.accelmr.mask.RandomMask;
import org.accelmr.mask.SamplingMask;
import org.accelmr.nn.VarNetArchitecture;
import org.accelmr.nn.VarNetInference;
import org.accelmr.nn.VarNetStart;
import org.accelmr.sim.CoilArrayScan;
import org.accelmr.sim.LoopCoils;

/**
 * Simulates the variational network's training acquisitions from magnitude slices, with more of a real scan's
 * variety than the U-Net's {@link PairSimulator}, because the network sees coils, masks and raw k-space:
 * <ul>
 * <li>matrix: square, side uniform in {@code [max(minSide, 0.4 crop), crop]}, drawn once per batch; the slice
 * (after contrast, intensity and one of 8 flips/rotations, as {@link SliceAugmenter}) is resized so its longer
 * side fills 70-100% of it, but never enlarged (at most its own size), and shifted by up to an eighth of the
 * free space;</li>
 * <li>coils: one a quarter of the time (sensitivity 1), else 2 to {@code max_coils} {@link LoopCoils} of random
 * geometry; a smooth random phase; noise of level l (none a quarter of the time, else log-uniform in [0.003,
 * {@code max_noise}]) with per-coil sigma {@code l max / sqrt(coils)}, correlated between coils with rho uniform
 * in [0, 0.5] ({@link CoilArrayScan});</li>
 * <li>mask: R = {@code acceleration} or twice it (half each; {@code double_acceleration=false}: always
 * {@code acceleration}), random ({@link RandomMask}) or equispaced ({@link EquispacedFractionMask}) columns (half
 * each, or one of them as {@code mask_type} says), centre fraction uniform in [min, max] scaled by
 * {@code acceleration / R} (fastMRI's pairs: 0.08 at R=4, 0.04 at R=8), and at least 4 columns (coil maps need
 * a calibration region; on matrices too small for that R is lowered).</li>
 * </ul>
 * Coil maps come from the measured calibration region as the architecture says: ESPIRiT (what inference uses by
 * default) or {@link CoilMaps#rss} (cheaper; poor when the fully sampled centre is a few columns wide).
 */
final class VarNetPairSimulator {

	static final double SINGLE_COIL_SHARE = 0.25;
	static final double NOISELESS_SHARE = 0.25;
	static final double MIN_NOISE = 0.003;
	static final double MAX_CORRELATION = 0.5;
	/** The share of the matrix a validation slice's longer side fills. */
	static final double VALIDATION_FILL = 0.9;

	private final TrainingConfig config;
	private final VarNetArchitecture architecture;
	private final int minSide;

	/**
	 * @param architecture the network trained (its start image is computed for every sample)
	 * @param minSide the smallest matrix side drawn (the network's minimum)
	 */
	VarNetPairSimulator(final TrainingConfig config, final VarNetArchitecture architecture, final int minSide) {
		this.config = config;
		this.architecture = architecture;
		this.minSide = Math.min(config.crop(), Math.max(minSide, (int) Math.round(0.4 * config.crop())));
	}

	/** A matrix side for one batch. */
	int side(final SplittableRandom random) {
		return minSide + random.nextInt(config.crop() - minSide + 1);
	}

	/** A fully random sample of {@code slice} on a {@code side x side} matrix. */
	VarNetSample simulate(final SliceImage slice, final int side, final SplittableRandom random) {
		final double gamma = Math.exp(random.nextDouble(Math.log(SliceAugmenter.MIN_GAMMA), Math.log(
			SliceAugmenter.MAX_GAMMA)));
		final double intensity = Math.exp(random.nextDouble(Math.log(SliceAugmenter.MIN_SCALE), Math.log(
			SliceAugmenter.MAX_SCALE)));
		SliceImage s = SliceAugmenter.contrast(slice, gamma, intensity);
		s = SliceAugmenter.dihedral(s, random.nextInt(8));
		// never enlarged: an enlarged slice lacks the detail a real scan has at the outer k-space; measured, a small
		// gain on the two subjects not trained on (docs/neural.md, session 14)
		final double fill = Math.min(random.nextDouble(0.7, 1.0), Math.max(s.width(), s.height()) / (double) side);
		return acquire(place(s, side, fill, random), side, random);
	}

	/**
	 * A validation sample: the slice with its own contrast and orientation on a {@code crop x crop} matrix, resized
	 * so its longer side fills 90 % of it, as a scan whose field of view is fitted to the head and as evaluation
	 * volumes are simulated; coils, noise and mask drawn as for training. Why: scored on the training draws
	 * (matrices from 0.4 crop, other contrasts) or at the template's own pixel size (where TV alone reaches 47-52
	 * dB), validation fell from the first epoch while the same checkpoints gained on every evaluation slice up to
	 * about 100 steps (docs/neural.md, session 14).
	 */
	VarNetSample simulateForValidation(final SliceImage slice, final SplittableRandom random) {
		final int side = config.crop();
		return acquire(place(slice, side, VALIDATION_FILL, null), side, random);
	}

	/** Coils, noise, mask and the network's inputs for {@code image} on a {@code side x side} matrix. */
	private VarNetSample acquire(final float[] image, final int side, final SplittableRandom random) {
		final int coils = config.maxCoils() == 1 || random.nextDouble() < SINGLE_COIL_SHARE ? 1 : 2 + random.nextInt(
			config.maxCoils() - 1);
		final double noise = config.maxNoise() <= MIN_NOISE || random.nextDouble() < NOISELESS_SHARE ? 0 : Math.exp(
			random.nextDouble(Math.log(MIN_NOISE), Math.log(config.maxNoise())));
		final double rho = random.nextDouble(0, MAX_CORRELATION);
		// both draws are made whatever the settings, so the other draws of a seeded run do not move with them
		final boolean doubled = random.nextBoolean() && config.doubleAcceleration();
		final double r = doubled ? 2 * config.acceleration() : config.acceleration();
		final double cf = (config.centerFractionMax() > config.centerFractionMin() ? random.nextDouble(config
			.centerFractionMin(), config.centerFractionMax()) : config.centerFractionMin()) * config.acceleration() / r;
		// coil maps need a calibration region: at least 4 centre columns (8 for ESPIRiT, whose kernel needs room),
		// and R low enough to sample one more
		// (only tiny matrices, as in tests, are affected)
		final int fewest = VarNetArchitecture.ESPIRIT.equals(architecture.coilMaps()) ? 8 : 4;
		final double centre = Math.max(cf, (fewest + 0.5) / side);
		final double rate = Math.min(r, side / (Math.round(centre * side) + 1.0));
		final boolean randomColumns = random.nextBoolean() ? !TrainingConfig.EQUISPACED_MASKS.equals(config.maskType())
			: TrainingConfig.RANDOM_MASKS.equals(config.maskType());
		final MaskFunction family = randomColumns ? new RandomMask(rate, centre) : new EquispacedFractionMask(rate,
			centre);
		final SamplingMask mask = family.sample(side, side, random.nextLong());
		return simulate(image, side, coils, noise, rho, mask, architecture, random.split());
	}

	/** The sample for given draws; {@code random} fixes the coil geometry, phase and noise. */
	static VarNetSample simulate(final float[] image, final int side, final int coils, final double noise,
		final double rho, final SamplingMask mask, final VarNetArchitecture architecture,
		final SplittableRandom random)
	{
		final ComplexStack maps = coils == 1 ? ones(side) : LoopCoils.maps(LoopCoils.random(coils, random), side,
			side);
		float max = 0;
		for (final float v : image)
			max = Math.max(max, v);
		final double sigma = noise * max / Math.sqrt(coils);
		final ComplexStack full = CoilArrayScan.simulate(image, maps, sigma, rho, random);
		final float[] target = cleanRss(image, maps);
		final float[] reference = CoilCombination.rssOfKSpace(full, 1).slice(0);
		mask.applyTo(full);
		final FloatVolume zeroFilledRss = CoilCombination.rssOfKSpace(full, 1);
		final float[] zeroFilled = zeroFilledRss.slice(0);
		final float scale = VarNetInference.scale(zeroFilledRss);
		final CoilMaps estimated = coils == 1 ? CoilMaps.ones(side, side) : VarNetArchitecture.ESPIRIT.equals(
			architecture.coilMaps()) ? EspiritCalibration.DEFAULTS.estimate(full, mask) : CoilMaps.rss(full, mask,
				EspiritCalibration.DEFAULTS.calibrationSize());
		final int plane = 2 * side * side;
		final float[] k = new float[coils * plane];
		for (int c = 0; c < coils; c++) {
			final float[] p = full.plane(0, c);
			for (int i = 0; i < plane; i++)
				p[i] /= scale;
			System.arraycopy(p, 0, k, c * plane, plane);
		}
		for (int i = 0; i < target.length; i++) {
			target[i] /= scale;
			reference[i] /= scale;
			zeroFilled[i] /= scale;
		}
		final float[] start = VarNetStart.image(architecture, full, mask, estimated);
		return new VarNetSample(k, mask.toFloats(), estimated.maps(), target, reference, zeroFilled, start, side, side,
			coils);
	}

	/**
	 * The target: the RSS of the noise-free coil images, {@code |m| sqrt(Σ|s_c|²)}, not the RSS of the noisy
	 * fully sampled scan. Why (measured, docs/neural.md): against noisy targets, or their expectation with its noise
	 * floor, the network learned to add a floor of the training noise's average level to the background (mean
	 * 0.0145 where the reference had 0.003 and the TV start 0.009 on a 0.2 %-noise slice), which cost 0.08 SSIM on
	 * low-noise data while validation, with noise like the training's, improved. The object is what the network
	 * can estimate; the noise of one reference it cannot.
	 */
	static float[] cleanRss(final float[] image, final ComplexStack maps) {
		final int coils = maps.coils();
		final float[] target = new float[image.length];
		for (int i = 0; i < image.length; i++) {
			double power = 0;
			for (int c = 0; c < coils; c++) {
				final float[] s = maps.plane(0, c);
				power += s[2 * i] * s[2 * i] + s[2 * i + 1] * s[2 * i + 1];
			}
			target[i] = (float) (Math.abs(image[i]) * Math.sqrt(power));
		}
		return target;
	}

	private static ComplexStack ones(final int side) {
		final ComplexStack m = new ComplexStack(side, side, 1, 1);
		final float[] p = m.plane(0, 0);
		for (int i = 0; i < p.length; i += 2)
			p[i] = 1;
		return m;
	}

	/**
	 * {@code s} resized (bilinear) so its longer side is {@code fill * side}, on a zero {@code side x side}
	 * canvas, centred with a random shift of up to an eighth of the free space (none when {@code random} is
	 * null).
	 */
	static float[] place(final SliceImage s, final int side, final double fill, final SplittableRandom random) {
		final double f = fill * side / Math.max(s.width(), s.height());
		final int w = Math.max(1, Math.min(side, (int) Math.round(s.width() * f)));
		final int h = Math.max(1, Math.min(side, (int) Math.round(s.height() * f)));
		final int freeX = side - w, freeY = side - h;
		final int x0 = freeX / 2 + (random != null && freeX >= 8 ? random.nextInt(-freeX / 8, freeX / 8 + 1) : 0);
		final int y0 = freeY / 2 + (random != null && freeY >= 8 ? random.nextInt(-freeY / 8, freeY / 8 + 1) : 0);
		final float[] out = new float[side * side], src = s.pixels();
		for (int y = 0; y < h; y++) {
			final double sy = Math.max(0, Math.min(s.height() - 1, (y + 0.5) / f - 0.5));
			final int y1 = Math.min(s.height() - 2, (int) sy);
			final double fy = s.height() == 1 ? 0 : sy - Math.max(0, y1);
			for (int x = 0; x < w; x++) {
				final double sx = Math.max(0, Math.min(s.width() - 1, (x + 0.5) / f - 0.5));
				final int x1 = Math.min(s.width() - 2, (int) sx);
				final double fx = s.width() == 1 ? 0 : sx - Math.max(0, x1);
				final int ya = Math.max(0, y1), xa = Math.max(0, x1);
				final int yb = Math.min(s.height() - 1, ya + 1), xb = Math.min(s.width() - 1, xa + 1);
				final double v = (1 - fy) * ((1 - fx) * src[ya * s.width() + xa] + fx * src[ya * s.width() + xb]) + fy *
					((1 - fx) * src[yb * s.width() + xa] + fx * src[yb * s.width() + xb]);
				out[(y + y0) * side + x + x0] = (float) v;
			}
		}
		return out;
	}
}
