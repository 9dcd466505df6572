package org.accelmr.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a batch: one result per input {@code .h5}, in file-name order, and where the table was written.
 *
 * @param results per-file results, sorted by file name
 * @param metricsCsv the {@code metrics.csv} written with the same rows
 */
public record BatchReport(List<FileResult> results, Path metricsCsv) {

	public BatchReport {
		results = List.copyOf(results);
	}

	public long count(final FileStatus status) {
		return results.stream().filter(r -> r.status() == status).count();
	}

	public Optional<FileResult> result(final String file) {
		return results.stream().filter(r -> r.file().equals(file)).findFirst();
	}

	/** "3 reconstructed, 1 skipped, 1 failed". */
	public String summary() {
		return count(FileStatus.OK) + " reconstructed, " + count(FileStatus.SKIPPED) + " skipped, " + count(
			FileStatus.FAILED) + " failed";
	}
}
