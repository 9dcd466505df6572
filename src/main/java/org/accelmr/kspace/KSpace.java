package org.accelmr.kspace;

import org.accelmr.mask.SamplingMask;

/**
 * Measured k-space with its sampling mask and acquisition metadata: the unit every reader produces and every
 * reconstruction consumes. Unacquired samples are zero in {@code data}.
 *
 * @param data slices x coils x ky x kx complex samples
 * @param mask which samples were acquired; null when fully sampled
 * @param info where it came from and how to crop reconstructions
 */
public record KSpace(ComplexStack data, SamplingMask mask, AcquisitionInfo info) {

	public KSpace {
		if (data == null || info == null) throw new IllegalArgumentException("data and info are required");
		if (mask != null && (mask.width() != data.width() || mask.height() != data.height()))
			throw new IllegalArgumentException("mask " + mask.height() + "x" + mask.width() +
				" does not match k-space " + data.height() + "x" + data.width());
	}

	public boolean isUndersampled() {
		return mask != null;
	}

	/** The mask, or an all-true one when fully sampled. */
	public SamplingMask maskOrFull() {
		return mask != null ? mask : SamplingMask.full(data.width(), data.height());
	}

	/** A copy of this k-space with the mask applied (unacquired samples zeroed); the original is not touched. */
	public KSpace undersample(final SamplingMask newMask) {
		final ComplexStack copy = data.copy();
		newMask.applyTo(copy);
		return new KSpace(copy, newMask, info);
	}

	/** Slices {@code first .. first + count - 1}, sharing the data. */
	public KSpace slices(final int first, final int count) {
		return new KSpace(data.slices(first, count), mask, info);
	}

	/** One slice, sharing the data. */
	public KSpace slice(final int slice) {
		return new KSpace(data.slice(slice), mask, info);
	}
}
