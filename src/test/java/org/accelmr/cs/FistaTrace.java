package org.accelmr.cs;

import java.util.List;
import java.util.Locale;

/** Scratch: PSNR and convergence measure per iteration for one case, method and λ. */
public final class FistaTrace {
	public static void main(final String[] a) throws Exception {
		final CsTuningBenchmark.Case c = CsTuningBenchmark.cases(List.of(a[0])).get(0);
		final Penalty p = a[1].equals("tv") ? Penalty.TOTAL_VARIATION : Penalty.L1_WAVELET;
		final double[][] t = CsTuningBenchmark.trace(c, SolverSettings.DEFAULTS.with(p, Double.parseDouble(a[2]), Integer.parseInt(a[3])));
		final StringBuilder b = new StringBuilder();
		for (int i = 0; i < t[0].length; i += (i < 20 ? 1 : 10))
			b.append(String.format(Locale.ROOT, "%d:%.2f/%.1e ", i + 1, t[0][i], t[1][i]));
		System.out.println(b);
	}
}
