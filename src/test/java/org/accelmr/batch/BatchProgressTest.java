package org.accelmr.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.accelmr.progress.Progress;
import org.junit.jupiter.api.Test;

class BatchProgressTest {

	@Test
	void formatsDurations() {
		assertEquals("0s", BatchProgress.duration(0.2));
		assertEquals("59s", BatchProgress.duration(59.4));
		assertEquals("1m20s", BatchProgress.duration(80));
		assertEquals("2h03m", BatchProgress.duration(2 * 3600 + 3 * 60 + 10));
	}

	@Test
	void countsFilesAndSlicesAndDropsTheSlicesOfFailedFiles() throws Exception {
		final List<String> lines = new ArrayList<>();
		final long[] bar = new long[2];
		final Progress p = new Progress() {

			@Override
			public void status(final String message) {
				lines.add(message);
			}

			@Override
			public void progress(final long done, final long total) {
				bar[0] = done;
				bar[1] = total;
			}

			@Override
			public boolean isCancelled() {
				return false;
			}
		};
		final BatchProgress t = new BatchProgress(p, 10, 2, 40);
		assertEquals("2/10 files", lines.get(0));
		Thread.sleep(20);
		t.slicesFinished(10);
		assertTrue(lines.get(1).startsWith("2/10 files, ETA "), lines.get(1));
		t.fileFinished(0);
		t.fileFinished(5); // failed with 5 slices never reconstructed
		assertEquals(10, bar[0]);
		assertEquals(35, bar[1]);
		assertTrue(t.statusLine().startsWith("4/10 files, ETA "));
	}
}
