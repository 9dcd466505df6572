package org.accelmr.pipeline;

import org.accelmr.mask.MaskSampler;

/**
 * What to do with a fully sampled volume before reconstruction: nothing ({@link #NONE}), or undersample every
 * slice with one mask drawn by {@code sampler} with {@code seed}. A volume that carries its own mask (an
 * undersampled acquisition) is always reconstructed as it is.
 *
 * @param sampler draws the mask, or null for none
 * @param seed the draw's seed
 * @param name what the user asked for (a mask name or file), for messages
 */
public record Undersampling(MaskSampler sampler, long seed, String name) {

	public static final Undersampling NONE = new Undersampling(null, 0, "none");

	public boolean isNone() {
		return sampler == null;
	}
}
