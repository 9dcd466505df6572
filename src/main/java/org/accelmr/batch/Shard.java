package org.accelmr.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.accelmr.AccelMRException;

/**
 * One share of a batch's files, for job arrays without a cluster engine (SLURM {@code --array}): the files,
 * sorted by name, are dealt round-robin, so shards {@code 1/n .. n/n} together cover every file exactly once and
 * differ by at most one file in size. The share depends only on the folder's listing, not on which outputs exist,
 * so resumed shards keep their files.
 *
 * @param index 1-based shard number, 1 to {@code count}
 * @param count number of shards
 */
public record Shard(int index, int count) {

	/** Every file. */
	public static final Shard ALL = new Shard(1, 1);

	public Shard {
		if (count < 1 || index < 1 || index > count) throw new AccelMRException("shard must be i/n with 1 <= i <= n, got " +
			index + "/" + count);
	}

	/**
	 * Parses {@code i/n}; an empty value means SLURM's array task ({@code SLURM_ARRAY_TASK_ID} of
	 * {@code SLURM_ARRAY_TASK_COUNT}, ids counted from {@code SLURM_ARRAY_TASK_MIN}) when those are set, else all.
	 *
	 * @throws AccelMRException naming the key for anything else
	 */
	public static Shard parse(final String value, final Map<String, String> environment) {
		final String v = value == null ? "" : value.trim();
		if (v.isEmpty()) return fromSlurm(environment);
		final String[] parts = v.split("/", -1);
		try {
			if (parts.length == 2) return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1]
				.trim()));
		}
		catch (final NumberFormatException e) {
			// reported below
		}
		throw new AccelMRException("shard must be i/n (e.g. 2/8) or empty, got '" + value + "'");
	}

	private static Shard fromSlurm(final Map<String, String> env) {
		final String id = env.get("SLURM_ARRAY_TASK_ID"), count = env.get("SLURM_ARRAY_TASK_COUNT");
		if (id == null || count == null) return ALL;
		try {
			final int min = Integer.parseInt(env.getOrDefault("SLURM_ARRAY_TASK_MIN", "0").trim());
			return new Shard(Integer.parseInt(id.trim()) - min + 1, Integer.parseInt(count.trim()));
		}
		catch (final NumberFormatException | AccelMRException e) {
			throw new AccelMRException("shard: SLURM_ARRAY_TASK_ID=" + id + " of SLURM_ARRAY_TASK_COUNT=" + count +
				" (min " + env.get("SLURM_ARRAY_TASK_MIN") + ") is not a valid array task; give shard=i/n");
		}
	}

	/** This shard's files of a name-sorted list. */
	public <T> List<T> of(final List<T> sorted) {
		final List<T> mine = new ArrayList<>();
		for (int i = index - 1; i < sorted.size(); i += count)
			mine.add(sorted.get(i));
		return mine;
	}

	public boolean isAll() {
		return count == 1;
	}

	@Override
	public String toString() {
		return index + "/" + count;
	}
}
