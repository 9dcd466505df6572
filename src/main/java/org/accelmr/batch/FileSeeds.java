package org.accelmr.batch;

import java.nio.charset.StandardCharsets;

/**
 * The mask seed of one volume in a batch, derived from the batch seed and the file's name, as fastMRI seeds its
 * mask function from the file name: every slice of a volume shares one mask, different volumes get different
 * masks, and a rerun (or a resumed batch, or a different file order or thread count) draws the same masks.
 * <pre>
 * h    = FNV-1a 64-bit hash of the UTF-8 bytes of the file name (no folder)
 * seed = mix64(batchSeed * 0x9E3779B97F4A7C15 + h)
 * </pre>
 * where {@code mix64} is the SplitMix64 finaliser (Steele et al., "Fast splittable pseudorandom number
 * generators", OOPSLA 2014), so neighbouring batch seeds or similar names still give unrelated seeds.
 */
public final class FileSeeds {

	private static final long FNV_OFFSET = 0xcbf29ce484222325L, FNV_PRIME = 0x100000001b3L;
	private static final long GOLDEN = 0x9E3779B97F4A7C15L;

	private FileSeeds() {}

	/** The mask seed of {@code fileName} (a bare name such as {@code file1000001.h5}) in a batch seeded {@code seed}. */
	public static long forFile(final long seed, final String fileName) {
		long h = FNV_OFFSET;
		for (final byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
			h ^= b & 0xff;
			h *= FNV_PRIME;
		}
		return mix64(seed * GOLDEN + h);
	}

	private static long mix64(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}
}
