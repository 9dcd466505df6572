package org.accelmr.kspace;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.accelmr.cli.Main;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.VolumeFiles;
import org.accelmr.metrics.Metrics;

/**
 * Coil compression's time saved and PSNR lost (not a test): a fully sampled multi-coil scan (any format
 * KSpaceFiles reads, e.g. a twix .dat) compressed to each coil count, written as .npy, reconstructed by the
 * launcher ({@code reconstruct mask=random acceleration=4 seed=42 threads=1 KEYS}, in-process, median of
 * REPEATS wall times) and scored against the RSS of the uncompressed fully sampled scan.
 * <pre>
 * CoilCompressionBenchmark SCAN OUTDIR REPEATS "method=wavelet center_fraction=0.16 lambda=0.001" COILS...
 * </pre>
 * A count ending in {@code g} ({@code 8g}) uses geometric compression instead of SVD.
 * Prints a markdown table: coils, energy kept, compression seconds, reconstruction seconds (median) and its
 * ratio to the uncompressed run, PSNR/SSIM of the reconstruction and PSNR of the compressed scan's own fully
 * sampled RSS.
 */
public final class CoilCompressionBenchmark {

	public static void main(final String[] a) throws Exception {
		final Path scan = Path.of(a[0]), out = Path.of(a[1]);
		final int repeats = Integer.parseInt(a[2]);
		final String[] keys = a[3].trim().split("\\s+");
		final KSpace full = KSpaceFiles.read(scan);
		final FloatVolume reference = rss(full);
		System.out.println("| coils | energy kept | compress s | reconstruct s (median of " + repeats +
			") | time ratio | PSNR dB | SSIM | PSNR of full-data RSS |");
		System.out.println("|---|---|---|---|---|---|---|---|");
		double baseline = 0;
		for (int i = 4; i < a.length; i++) {
			final boolean geometric = a[i].endsWith("g");
			final int coils = Integer.parseInt(geometric ? a[i].substring(0, a[i].length() - 1) : a[i]);
			final long t0 = System.nanoTime();
			final KSpace k;
			double kept = 1;
			if (coils >= full.data().coils()) k = full;
			else {
				final CoilCompression cc = geometric ? CoilCompression.estimateGeometric(full, coils) : CoilCompression
					.estimate(full, coils);
				k = cc.apply(full);
				kept = cc.keptEnergy();
			}
			final double compressSeconds = (System.nanoTime() - t0) / 1e9;
			final Path input = out.resolve("cc" + a[i] + ".npy"), recon = out.resolve("cc" + a[i] + "_recon.npy");
			KSpaceFiles.write(k, input);
			final List<Double> times = new ArrayList<>();
			for (int r = 0; r < repeats; r++) {
				final long s = System.nanoTime();
				final ByteArrayOutputStream err = new ByteArrayOutputStream();
				final List<String> line = new ArrayList<>(List.of("reconstruct", "input=" + input, "output=" + recon,
					"mask=random", "acceleration=4", "seed=42", "threads=1"));
				line.addAll(List.of(keys));
				final int code = Main.run(line.toArray(String[]::new), new PrintStream(
						new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
				if (code != 0) throw new IllegalStateException(err.toString(StandardCharsets.UTF_8));
				times.add((System.nanoTime() - s) / 1e9);
			}
			final double median = median(times);
			if (baseline == 0) baseline = median;
			final FloatVolume rec = VolumeFiles.read(recon);
			final FloatVolume compressedRss = rss(k);
			System.out.printf(Locale.ROOT, "| %s | %.4f | %.3f | %.2f | %.2f | %.2f | %.4f | %.2f |%n", coils +
				(geometric ? " geometric" : " SVD"), kept, compressSeconds, median, median / baseline, Metrics.psnr(
					reference, rec), Metrics.ssim(reference, rec), Metrics.psnr(reference, compressedRss));
		}
	}

	private static FloatVolume rss(final KSpace k) {
		final ComplexStack images = k.data().copy();
		CenteredFFT.inverse(images, 1);
		return CoilCombination.rss(images);
	}

	private static double median(final List<Double> v) {
		final double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}

}
