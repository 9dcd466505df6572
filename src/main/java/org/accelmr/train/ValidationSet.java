package org.accelmr.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.accelmr.kspace.FloatVolume;
import org.accelmr.metrics.Metrics;
import org.accelmr.nn.ModelSidecar.ValidationMetrics;
import org.accelmr.nn.UNetInference;
import org.accelmr.nn.UNetModel;
import org.accelmr.progress.Progress;

/**
 * Held-out slices, each simulated once with its own fixed coils, noise and mask (drawn from the run's seed, as
 * fastMRI fixes validation masks), in the original contrast, centred on the canvas. Scores are fastMRI SSIM and
 * PSNR per slice against the fully sampled (noisy) RSS target with the target's maximum as data range, averaged.
 */
final class ValidationSet {

	private static final long SALT = 0x5eed_0fa1_1da7_e5L;

	private final List<TrainingPair> pairs = new ArrayList<>();
	private final double zeroFilledSsim;
	private final double zeroFilledPsnr;

	ValidationSet(final List<SliceImage> slices, final SliceAugmenter augmenter, final PairSimulator simulator,
		final long seed)
	{
		for (int i = 0; i < slices.size(); i++)
			pairs.add(simulator.simulate(augmenter.centred(slices.get(i)), new SplittableRandom(seed ^ SALT + i)));
		final double[] zf = scores(pairs.stream().map(TrainingPair::input).toArray(float[][]::new));
		zeroFilledSsim = zf[0];
		zeroFilledPsnr = zf[1];
	}

	/** Zero-filled scores on the same slices and masks (epoch 0, the network's columns equal the baseline's). */
	ValidationMetrics evaluateZeroFilled() {
		return new ValidationMetrics(0, pairs.size(), zeroFilledSsim, zeroFilledPsnr, zeroFilledSsim,
			zeroFilledPsnr);
	}

	int size() {
		return pairs.size();
	}

	ValidationMetrics evaluate(final UNetModel model, final int epoch, final Progress progress) {
		// group by size so each network call sees one shape
		final Map<Integer, List<Integer>> bySize = new LinkedHashMap<>();
		for (int i = 0; i < pairs.size(); i++)
			bySize.computeIfAbsent(pairs.get(i).width() * 100_000 + pairs.get(i).height(), k -> new ArrayList<>())
				.add(i);
		final float[][] outputs = new float[pairs.size()][];
		for (final List<Integer> group : bySize.values()) {
			final TrainingPair first = pairs.get(group.get(0));
			final float[][] in = group.stream().map(i -> pairs.get(i).input()).toArray(float[][]::new);
			final float[][] out = UNetInference.apply(model, in, first.width(), first.height(), 4, Progress.NONE);
			for (int j = 0; j < group.size(); j++)
				outputs[group.get(j)] = out[j];
			progress.checkCancelled();
		}
		final double[] s = scores(outputs);
		return new ValidationMetrics(epoch, pairs.size(), s[0], s[1], zeroFilledSsim, zeroFilledPsnr);
	}

	/** Mean SSIM and PSNR of {@code recons} against the targets. */
	private double[] scores(final float[][] recons) {
		double ssim = 0, psnr = 0;
		for (int i = 0; i < pairs.size(); i++) {
			final TrainingPair p = pairs.get(i);
			final FloatVolume target = new FloatVolume(p.width(), p.height(), new float[][] { p.target() });
			final FloatVolume recon = new FloatVolume(p.width(), p.height(), new float[][] { recons[i] });
			final double max = target.max();
			ssim += Metrics.ssim(target, recon, max);
			psnr += Metrics.psnr(target, recon, max);
		}
		return new double[] { ssim / pairs.size(), psnr / pairs.size() };
	}
}
