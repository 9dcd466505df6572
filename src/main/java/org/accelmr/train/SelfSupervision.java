package org.accelmr.train;

import java.util.SplittableRandom;

import org.accelmr.cs.CalibrationRegion;
import org.accelmr.cs.CoilMaps;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.mask.SamplingMask;
import org.accelmr.nn.GraphScalar;
import org.accelmr.nn.VarNetArchitecture;
import org.accelmr.nn.VarNetInference.SliceInput;
import org.accelmr.nn.VarNetStart;

import ai.djl.ndarray.NDArray;

/**
 * Self-supervised learning from undersampled data alone, as SSDU (Yaman et al., "Self-supervised learning of
 * physics-guided reconstruction neural networks without fully sampled reference data", MRM 2020): the measured
 * samples are split into two disjoint sets, the network sees one (Θ) as its measurements and is scored on how
 * well its k-space predicts the other (Λ), which it never saw.
 */
public final class SelfSupervision {

	/** SSDU's ρ: the share of the measured samples outside the calibration region held back for the loss. */
	public static final double LOSS_SHARE = 0.4;

	private SelfSupervision() {}

	/**
	 * One split of a mask's measured samples.
	 *
	 * @param input Θ: the fully sampled centre (kept whole so coil maps and λ can be calibrated as usual) and the
	 *          other measured samples not in Λ
	 * @param loss Λ as 0/1, {@code height x width}
	 */
	public record Split(SamplingMask input, float[] loss) {}

	/** Splits {@code mask}'s samples outside its fully sampled centre, each into Λ with probability {@code share}. */
	public static Split split(final SamplingMask mask, final double share, final SplittableRandom random) {
		final int w = mask.width(), h = mask.height();
		final CalibrationRegion centre = CalibrationRegion.largest(mask, Math.max(w, h), 0);
		final int x0 = centre.firstColumn(w), y0 = centre.firstRow(h);
		final boolean[] input = new boolean[w * h];
		final float[] loss = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				if (!mask.isSampled(y, x)) continue;
				final boolean inCentre = x >= x0 && x < x0 + centre.width() && y >= y0 && y < y0 + centre.height();
				if (!inCentre && random.nextDouble() < share) loss[y * w + x] = 1;
				else input[y * w + x] = true;
			}
		return new Split(SamplingMask.of2D(input, w, h), loss);
	}

	/**
	 * What the network is given for one split: the measured k-space with the held-back samples removed, the
	 * split's input mask, the coil maps, and the start image computed from those samples alone.
	 *
	 * @param kspace normalised measured k-space of one slice (not modified)
	 */
	public static SliceInput seen(final ComplexStack kspace, final CoilMaps maps, final Split split,
		final VarNetArchitecture architecture)
	{
		final ComplexStack seen = kspace.copy();
		split.input().applyTo(seen);
		return new SliceInput(seen, split.input(), maps, VarNetStart.image(architecture, seen, split.input(), maps),
			1);
	}

	/**
	 * SSDU's normalised l1-l2 loss between predicted and measured coil k-space on the held-back samples:
	 * {@code |Λ(k - y)|_2 / |Λ y|_2 + |Λ(k - y)|_1 / |Λ y|_1}.
	 *
	 * @param lossMask Λ, broadcastable to the k-space arrays (e.g. {@code (N, 1, H, W)})
	 */
	public static NDArray loss(final NDArray kRe, final NDArray kIm, final NDArray yRe, final NDArray yIm,
		final NDArray lossMask)
	{
		final NDArray dr = kRe.sub(yRe).mul(lossMask), di = kIm.sub(yIm).mul(lossMask);
		final NDArray mr = yRe.mul(lossMask), mi = yIm.mul(lossMask);
		final NDArray errorSquares = dr.square().add(di.square()), measuredSquares = mr.square().add(mi.square());
		final NDArray tiny = GraphScalar.of(kRe, 1e-20f);
		final NDArray l2 = errorSquares.sum().add(tiny).sqrt().div(measuredSquares.sum().add(tiny).sqrt());
		final NDArray l1 = errorSquares.add(tiny).sqrt().sum().div(measuredSquares.add(tiny).sqrt().sum());
		return l2.add(l1);
	}
}
