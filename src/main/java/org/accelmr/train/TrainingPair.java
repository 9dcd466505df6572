package org.accelmr.train;

/**
 * One simulated acquisition: the network input (zero-filled RSS magnitude of undersampled k-space) and the
 * target (the fully sampled magnitude), both row-major {@code height x width} on the same scale.
 */
record TrainingPair(float[] input, float[] target, int width, int height) {}
