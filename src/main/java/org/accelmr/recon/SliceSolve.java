package org.accelmr.recon;

import java.util.DoubleSummaryStatistics;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;

/**
 * What an iterative method chose and spent on one slice, kept so that a result says how it was made (the λ of
 * {@code lambda=auto} differs from slice to slice).
 *
 * @param slice index of the slice in the volume
 * @param lambda the regularisation weight of the final solve, relative to the data scale
 * @param automatic true when λ was chosen from the data
 * @param iterations all iterations spent on the slice (choosing λ included)
 */
public record SliceSolve(int slice, double lambda, boolean automatic, int iterations) {

	/**
	 * One line for a log or a table cell: {@code λ 0.000195-0.00677 (automatic), 160-380 iterations per slice};
	 * empty for no solves.
	 */
	public static String describe(final List<SliceSolve> solves) {
		if (solves.isEmpty()) return "";
		final DoubleSummaryStatistics l = solves.stream().mapToDouble(SliceSolve::lambda).summaryStatistics();
		final IntSummaryStatistics i = solves.stream().mapToInt(SliceSolve::iterations).summaryStatistics();
		final boolean automatic = solves.stream().anyMatch(SliceSolve::automatic);
		return "λ " + range(String.format(Locale.ROOT, "%.3g", l.getMin()), String.format(Locale.ROOT, "%.3g", l
			.getMax())) + (automatic ? " (automatic)" : "") + ", " + range(Integer.toString(i.getMin()), Integer
				.toString(i.getMax())) + " iterations" + (solves.size() > 1 ? " per slice" : "");
	}

	private static String range(final String low, final String high) {
		return low.equals(high) ? low : low + "-" + high;
	}
}
