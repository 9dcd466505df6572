package org.accelmr.batch;

import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.accelmr.mask.MaskSampler;
import org.accelmr.recon.ReconstructionSettings;

/**
 * What a batch reconstruction does: every {@code .h5} in {@code input} reconstructed into a file of the same
 * name in {@code output}. Key names as the launcher and macros use them: {@code input}, {@code output},
 * {@code method} and the other reconstruction keys, {@code mask}, {@code acceleration}, {@code center_fraction},
 * {@code seed}, {@code threads}.
 *
 * @param input folder of fastMRI .h5 files; never written to
 * @param output folder for the reconstructions and {@code metrics.csv}; created when missing; must differ from
 *          {@code input}
 * @param settings the reconstruction method and its settings; its {@code threads} is ignored, the batch splits
 *          {@link #threads} between files and slices
 * @param mask undersamples fully sampled inputs (each volume with its own seed, {@link FileSeeds}); null
 *          reconstructs them fully sampled. Files that carry their own mask are always used as they are.
 * @param seed batch seed the per-file mask seeds derive from
 * @param threads worker threads in all (>= 1)
 * @param shard which share of the folder's files this run reconstructs
 */
public record BatchConfig(Path input, Path output, ReconstructionSettings settings, MaskSampler mask, long seed,
	int threads, Shard shard)
{

	public BatchConfig {
		if (input == null) throw new AccelMRException("input folder is required");
		if (output == null) throw new AccelMRException("output folder is required");
		if (settings == null) throw new AccelMRException("reconstruction settings are required");
		if (threads < 1) throw new AccelMRException("threads must be at least 1, got " + threads);
		if (shard == null) shard = Shard.ALL;
	}

	/** Fully sampled inputs stay fully sampled; threads from the settings. */
	public static BatchConfig of(final Path input, final Path output, final ReconstructionSettings settings) {
		return new BatchConfig(input, output, settings, null, 0, settings.threads(), Shard.ALL);
	}

	public BatchConfig withMask(final MaskSampler sampler, final long maskSeed) {
		return new BatchConfig(input, output, settings, sampler, maskSeed, threads, shard);
	}

	public BatchConfig withThreads(final int n) {
		return new BatchConfig(input, output, settings, mask, seed, n, shard);
	}

	public BatchConfig withShard(final Shard s) {
		return new BatchConfig(input, output, settings, mask, seed, threads, s);
	}
}
