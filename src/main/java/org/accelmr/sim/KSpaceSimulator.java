package org.accelmr.sim;

import java.util.Map;
import java.util.SplittableRandom;

import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.progress.Progress;

/**
 * Fully sampled multi-coil k-space from magnitude images, for demos, tests and training data without scanner
 * files. Per slice s and coil c,
 * <pre>
 * k_{s,c} = F( S_c * m_s * exp(i phi_s) ) + n,   n ~ CN(0, 2 sigma^2),  sigma = noiseLevel * max(m)
 * </pre>
 * with F the centred orthonormal FFT ({@link CenteredFFT}), S_c the {@link BirdcageCoils} maps (RSS 1 at every
 * pixel), m the magnitude image and phi a smooth random phase ({@link SmoothPhase}) or 0. Without noise, the
 * RSS reconstruction of the result is {@code |m|}.
 */
public final class KSpaceSimulator {

	private KSpaceSimulator() {}

	/**
	 * Simulates k-space; the result is fully sampled (null mask).
	 *
	 * @param images magnitude images, slices x height x width
	 * @param source a name for {@link AcquisitionInfo#source()}
	 */
	public static KSpace simulate(final FloatVolume images, final SimulationConfig config, final String source,
		final Progress progress)
	{
		final int w = images.width(), h = images.height(), n = w * h, coils = config.coils();
		final ComplexStack maps = BirdcageCoils.create(coils, w, h);
		final ComplexStack k = new ComplexStack(w, h, coils, images.depth());
		final SplittableRandom random = new SplittableRandom(config.seed());
		final double max = images.max();
		final double sigma = config.noiseLevel() * max;
		progress.status("Simulating " + coils + "-coil k-space");
		for (int s = 0; s < images.depth(); s++) {
			progress.checkCancelled();
			final float[] m = images.slice(s);
			final float[] phase = config.smoothPhase() ? SmoothPhase.create(w, h, random.split()) : new float[n];
			for (int c = 0; c < coils; c++) {
				final float[] map = maps.plane(0, c), out = k.plane(s, c);
				for (int i = 0; i < n; i++) {
					final double re = m[i] * Math.cos(phase[i]), im = m[i] * Math.sin(phase[i]);
					out[2 * i] = (float) (map[2 * i] * re - map[2 * i + 1] * im);
					out[2 * i + 1] = (float) (map[2 * i] * im + map[2 * i + 1] * re);
				}
			}
			CenteredFFT.forward(k.slice(s), CenteredFFT.defaultThreads());
			if (sigma > 0) {
				final SplittableRandom noise = random.split();
				for (int c = 0; c < coils; c++) {
					final float[] out = k.plane(s, c);
					for (int i = 0; i < out.length; i++)
						out[i] += (float) (sigma * noise.nextGaussian());
				}
			}
			progress.progress(s + 1, images.depth());
		}
		final Map<String, Object> attributes = Map.of("max", max, "coils", coils, "noise_level", config
			.noiseLevel(), "seed", config.seed(), "acquisition", "simulated");
		return new KSpace(k, null, new AcquisitionInfo(source, w, h, attributes, null, 0, 0));
	}

	/** {@link #simulate(FloatVolume, SimulationConfig, String, Progress)} without progress reports. */
	public static KSpace simulate(final FloatVolume images, final SimulationConfig config) {
		return simulate(images, config, "simulated", Progress.NONE);
	}
}
