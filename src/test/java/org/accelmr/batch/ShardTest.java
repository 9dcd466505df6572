package org.accelmr.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.accelmr.AccelMRException;
import org.junit.jupiter.api.Test;

class ShardTest {

	@Test
	void shardsCoverEveryFileExactlyOnceAndDifferByAtMostOne() {
		for (final int files : new int[] { 0, 1, 5, 17 })
			for (final int n : new int[] { 1, 2, 3, 8 }) {
				final List<Integer> all = IntStream.range(0, files).boxed().toList();
				final List<Integer> union = new ArrayList<>();
				int min = Integer.MAX_VALUE, max = 0;
				for (int i = 1; i <= n; i++) {
					final List<Integer> mine = new Shard(i, n).of(all);
					union.addAll(mine);
					min = Math.min(min, mine.size());
					max = Math.max(max, mine.size());
				}
				assertEquals(all, union.stream().sorted().toList(), files + " files, " + n + " shards");
				assertTrue(max - min <= 1);
			}
	}

	@Test
	void parsesIOverNAndSlurmArrays() {
		assertEquals(new Shard(2, 3), Shard.parse("2/3", Map.of()));
		assertEquals(Shard.ALL, Shard.parse("", Map.of()));
		assertEquals(new Shard(3, 4), Shard.parse("", Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT", "4",
			"SLURM_ARRAY_TASK_MIN", "0")));
		assertEquals(new Shard(1, 2), Shard.parse("", Map.of("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_COUNT", "2",
			"SLURM_ARRAY_TASK_MIN", "5")));
		assertEquals(new Shard(1, 2), Shard.parse("1/2", Map.of("SLURM_ARRAY_TASK_ID", "7", "SLURM_ARRAY_TASK_COUNT",
			"9")), "an explicit shard wins");
		for (final String bad : new String[] { "0/3", "4/3", "1/0", "x", "1/2/3", "a/b" })
			assertTrue(assertThrows(AccelMRException.class, () -> Shard.parse(bad, Map.of())).getMessage().startsWith(
				"shard must be"), bad);
	}
}
