package org.accelmr.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.accelmr.kspace.ComplexStack;
import org.accelmr.nn.ModelSidecar.ValidationMetrics;
import org.accelmr.nn.VarNetArchitecture;
import org.accelmr.nn.VarNetInference.SliceInput;
import org.accelmr.nn.VarNetModel;
import org.accelmr.progress.Progress;

/**
 * Validation without a reference image ({@code supervision=self}): each held-out slice is split once (seeded)
 * into what the network sees and what it is scored on ({@link SelfSupervision}). Without a fully sampled image
 * there is no SSIM; the metrics' two numbers are instead the self-supervised score {@code 1 - loss / 2} (higher
 * is better; 0 for zero-filled, which predicts nothing at the held-back samples, so loss 2) and the held-back
 * k-space PSNR {@code -20 log10(|Λ(k - y)|_2 / |Λ y|_2)} in dB (0 for zero-filled). The sidecar says so.
 */
final class SelfSupervisedValidation implements VarNetValidation {

	private static final long SALT = 0x55d0_5e1fL;

	private final List<SliceInput> inputs = new ArrayList<>();
	private final List<float[]> held = new ArrayList<>();
	private final List<float[]> measured = new ArrayList<>();

	SelfSupervisedValidation(final List<UndersampledScans.Scan> scans, final VarNetArchitecture architecture,
		final long seed)
	{
		for (int i = 0; i < scans.size(); i++) {
			final UndersampledScans.Scan s = scans.get(i);
			final SelfSupervision.Split split = SelfSupervision.split(s.mask(), SelfSupervision.LOSS_SHARE,
				new SplittableRandom(seed ^ SALT + i));
			inputs.add(SelfSupervision.seen(s.kspace(), s.maps(), split, architecture));
			held.add(split.loss());
			measured.add(new SliceInput(s.kspace(), s.mask(), s.maps(), null, 1).interleaved());
		}
	}

	@Override
	public int size() {
		return inputs.size();
	}

	@Override
	public ValidationMetrics evaluateZeroFilled() {
		return new ValidationMetrics(0, size(), 0, 0, 0, 0);
	}

	@Override
	public String startScores() {
		return "";
	}

	@Override
	public Scores evaluate(final VarNetModel model, final int epoch, final Progress progress) {
		double score = 0, psnr = 0;
		for (int i = 0; i < inputs.size(); i++) {
			progress.checkCancelled();
			final SliceInput in = inputs.get(i);
			final ComplexStack k = in.kspace();
			final float[][] out = model.predictWithKSpace(in.interleaved(), in.mask().toFloats(), in.maps().maps(), in
				.start(), 1, k.coils(), k.height(), k.width());
			final double[] ratios = ratios(out[1], out[2], measured.get(i), held.get(i));
			score += 1 - (ratios[0] + ratios[1]) / 2;
			psnr += -20 * Math.log10(Math.max(ratios[0], 1e-12));
		}
		// no magnitude reference to choose a background floor with
		return new Scores(new ValidationMetrics(epoch, size(), score / size(), psnr / size(), 0, 0), 0);
	}

	/** {@code |Λ(k - y)|_2 / |Λ y|_2} and the same with l1 norms of the complex differences. */
	static double[] ratios(final float[] kRe, final float[] kIm, final float[] y, final float[] lossMask) {
		final int area = lossMask.length;
		double e2 = 0, m2 = 0, e1 = 0, m1 = 0;
		for (int i = 0; i < kRe.length; i++) {
			if (lossMask[i % area] == 0) continue;
			final double dr = kRe[i] - y[2 * i], di = kIm[i] - y[2 * i + 1];
			final double mr = y[2 * i], mi = y[2 * i + 1];
			e2 += dr * dr + di * di;
			m2 += mr * mr + mi * mi;
			e1 += Math.hypot(dr, di);
			m1 += Math.hypot(mr, mi);
		}
		return new double[] { Math.sqrt(e2 / Math.max(m2, 1e-30)), e1 / Math.max(m1, 1e-30) };
	}
}
