package org.accelmr.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.accelmr.kspace.FloatVolume;
import org.accelmr.metrics.Metrics;
import org.accelmr.nn.BackgroundLevel;
import org.accelmr.nn.ModelSidecar.ValidationMetrics;
import org.accelmr.nn.VarNetModel;
import org.accelmr.progress.Progress;

/**
 * Held-out slices for the variational network, each on a crop-sized matrix as a fitted field of view shows it
 * ({@link VarNetPairSimulator#simulateForValidation}) with coils, noise and mask drawn once from the run's seed, so
 * every epoch scores the same acquisitions. Scores are fastMRI SSIM and PSNR against the RSS of the fully sampled
 * noisy scan with its maximum as data range, averaged over slices: what an evaluation on real data can compare
 * with (training fits the noise-free image, which no scan has); zero-filled on the same masks for reference. A
 * model's outputs are scored as inference gives them ({@link BackgroundLevel}), with the candidate floor that gives
 * the best SSIM, and that floor goes into its sidecar.
 */
final class VarNetValidationSet implements VarNetValidation {

	private static final long SALT = 0x7a12_0e7_5eedL;

	private final List<VarNetSample> samples = new ArrayList<>();
	private final double zeroFilledSsim;
	private final double zeroFilledPsnr;
	private final double[] startScores;
	/** Each sample's {@link BackgroundLevel#measure}, from its measured samples. */
	private final BackgroundLevel.Background[] backgrounds;

	VarNetValidationSet(final List<SliceImage> slices, final VarNetPairSimulator simulator, final long seed) {
		for (int i = 0; i < slices.size(); i++) {
			final SplittableRandom random = new SplittableRandom(seed ^ SALT + i);
			samples.add(simulator.simulateForValidation(slices.get(i), random));
		}
		final double[] zf = scores(samples.stream().map(VarNetSample::zeroFilled).toList());
		zeroFilledSsim = zf[0];
		zeroFilledPsnr = zf[1];
		backgrounds = samples.stream().map(s -> BackgroundLevel.measure(s.zeroFilled(), s.mask(), s.width(), s
			.height())).toArray(BackgroundLevel.Background[]::new);
		startScores = samples.isEmpty() || samples.get(0).start() == null ? null : scores(samples.stream().map(
			VarNetSample::startMagnitude).toList());
	}

	/**
	 * ", start image SSIM s, PSNR p dB" when the network starts from a compressed-sensing image (the number the
	 * network has to beat), else empty.
	 */
	@Override
	public String startScores() {
		return startScores == null ? "" : String.format(java.util.Locale.ROOT, ", start image SSIM %.4f, PSNR %.2f dB",
			startScores[0], startScores[1]);
	}

	@Override
	public int size() {
		return samples.size();
	}

	@Override
	public ValidationMetrics evaluateZeroFilled() {
		return new ValidationMetrics(0, samples.size(), zeroFilledSsim, zeroFilledPsnr, zeroFilledSsim,
			zeroFilledPsnr);
	}

	@Override
	public Scores evaluate(final VarNetModel model, final int epoch, final Progress progress) {
		final List<float[]> outputs = new ArrayList<>();
		for (final VarNetSample s : samples) {
			progress.checkCancelled();
			outputs.add(model.predict(s.kspace(), s.mask(), s.maps(), s.start(), 1, s.coils(), s.height(), s.width()));
		}
		double[] best = null;
		double bestFloor = 0;
		for (final double floor : BackgroundLevel.candidates()) {
			final List<float[]> floored = new ArrayList<>();
			for (int i = 0; i < samples.size(); i++)
				floored.add(BackgroundLevel.apply(outputs.get(i), samples.get(i).width(), floor, backgrounds[i]));
			final double[] m = scores(floored);
			if (best == null || m[0] > best[0]) {
				best = m;
				bestFloor = floor;
			}
		}
		return new Scores(new ValidationMetrics(epoch, samples.size(), best[0], best[1], zeroFilledSsim,
			zeroFilledPsnr), bestFloor);
	}

	private double[] scores(final List<float[]> recons) {
		double ssim = 0, psnr = 0;
		for (int i = 0; i < samples.size(); i++) {
			final VarNetSample s = samples.get(i);
			final FloatVolume target = new FloatVolume(s.width(), s.height(), new float[][] { s.reference() });
			final FloatVolume recon = new FloatVolume(s.width(), s.height(), new float[][] { recons.get(i) });
			final double max = target.max();
			ssim += Metrics.ssim(target, recon, max);
			psnr += Metrics.psnr(target, recon, max);
		}
		return new double[] { ssim / samples.size(), psnr / samples.size() };
	}
}
