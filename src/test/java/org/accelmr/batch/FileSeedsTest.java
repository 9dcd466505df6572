package org.accelmr.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class FileSeedsTest {

	/** Values from an independent Python implementation of the Javadoc formula (FNV-1a 64, SplitMix64). */
	@Test
	void matchesTheDocumentedFormula() {
		assertEquals(-8394534142122379482L, FileSeeds.forFile(42, "file1000001.h5"));
		assertEquals(-1703105475163688694L, FileSeeds.forFile(0, "volume_a.h5"));
		assertEquals(298745127091802086L, FileSeeds.forFile(-3, "\u00e9.h5"));
	}

	@Test
	void differsBetweenFilesAndBatchSeeds() {
		assertNotEquals(FileSeeds.forFile(42, "a.h5"), FileSeeds.forFile(42, "b.h5"));
		assertNotEquals(FileSeeds.forFile(42, "a.h5"), FileSeeds.forFile(43, "a.h5"));
	}
}
