package org.accelmr.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.accelmr.AccelMRException;
import org.accelmr.TestResources;
import org.accelmr.io.FastMriFile;
import org.accelmr.io.ReconstructionFile;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.MaskSampler;
import org.accelmr.mask.Masks;
import org.accelmr.metrics.Metrics;
import org.accelmr.progress.CancelledException;
import org.accelmr.progress.Progress;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.recon.ZeroFilledRecon;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of three good fastMRI files (two fully sampled with numpy-made references, one challenge file with its
 * own mask) and three bad ones (not HDF5, truncated, NaN k-space), reconstructed zero-filled.
 */
class BatchReconstructionTest {

	private static final List<String> GOOD = List.of("challenge.h5", "volume_a.h5", "volume_b.h5");
	private static final List<String> BAD = List.of("broken.h5", "nan.h5", "truncated.h5");
	private static final long SEED = 7;

	@TempDir
	Path dir;
	Path in, out;

	@BeforeEach
	void makeFolder() throws IOException {
		in = Files.createDirectory(dir.resolve("in"));
		out = dir.resolve("out");
		copy("/batch/volume_a.h5", "volume_a.h5");
		copy("/batch/volume_b.h5", "volume_b.h5");
		copy("/io/challenge_mask1d.h5", "challenge.h5");
		copy("/io/bad_nan_kspace.h5", "nan.h5");
		Files.writeString(in.resolve("broken.h5"), "this is not HDF5\n");
		final byte[] a = Files.readAllBytes(in.resolve("volume_a.h5"));
		Files.write(in.resolve("truncated.h5"), Arrays.copyOf(a, a.length / 2));
		Files.writeString(in.resolve("notes.txt"), "not an input");
	}

	private void copy(final String resource, final String name) throws IOException {
		Files.copy(TestResources.path(resource), in.resolve(name));
	}

	private static MaskSampler randomMask() {
		return Masks.create("random", 2, 0.25, 0);
	}

	private BatchConfig config(final MaskSampler mask, final int threads) {
		return BatchConfig.of(in, out, ReconstructionSettings.DEFAULTS).withMask(mask, SEED).withThreads(threads);
	}

	/** The file reconstructed directly, whole, with the mask the batch should have drawn for it. */
	private FloatVolume direct(final String name, final MaskSampler mask) {
		try (FastMriFile f = FastMriFile.open(in.resolve(name))) {
			KSpace k = f.readAll();
			if (mask != null && f.mask() == null) k = k.undersample(mask.sample(f.width(), f.height(), FileSeeds
				.forFile(SEED, name)));
			return new ZeroFilledRecon(1).reconstruct(k, Progress.NONE);
		}
	}

	private FloatVolume reference(final String name) {
		try (FastMriFile f = FastMriFile.open(in.resolve(name))) {
			return f.readReference().orElseThrow();
		}
	}

	@Test
	void reconstructsGoodFilesScoresThemAndReportsBadOnes() throws IOException {
		final Map<String, byte[]> before = contents(in);
		final List<String> log = new ArrayList<>();
		final BatchReport report = BatchReconstruction.run(config(randomMask(), 2), Progress.NONE, line -> {
			synchronized (log) {
				log.add(line);
			}
		});

		assertEquals(List.of("broken.h5", "challenge.h5", "nan.h5", "truncated.h5", "volume_a.h5", "volume_b.h5"),
			report.results().stream().map(FileResult::file).toList());
		assertEquals("3 reconstructed, 0 skipped, 3 failed", report.summary());
		for (final String name : GOOD) {
			final FileResult r = report.result(name).orElseThrow();
			assertEquals(FileStatus.OK, r.status(), r.message());
			assertArrayEquals(flat(direct(name, randomMask())), flat(ReconstructionFile.read(out.resolve(name))), 0f,
				name);
		}
		for (final String name : List.of("volume_a.h5", "volume_b.h5")) {
			final FileResult r = report.result(name).orElseThrow();
			final FloatVolume ref = reference(name), x = direct(name, randomMask());
			assertEquals(Metrics.nmse(ref, x), r.nmse(), 1e-12);
			assertEquals(Metrics.psnr(ref, x), r.psnr(), 1e-9);
			assertEquals(Metrics.ssim(ref, x), r.ssim(), 1e-12);
			assertTrue(r.nmse() > 1e-4 && r.nmse() < 0.5, "undersampling x2 costs something: " + r.nmse());
			assertEquals(randomMask().sample(12, 16, FileSeeds.forFile(SEED, name)).acceleration(), r.acceleration(),
				1e-4, "achieved acceleration of the file's own draw");
			assertTrue(r.acceleration() > 1, name);
		}
		assertEquals(3, report.result("volume_a.h5").orElseThrow().slices());
		final FileResult challenge = report.result("challenge.h5").orElseThrow();
		assertFalse(challenge.hasMetrics(), "a challenge file has no reference");
		assertEquals(1.5, challenge.acceleration(), 1e-12); // its own mask: 4 of 6 columns

		assertTrue(report.result("broken.h5").orElseThrow().message().contains("not an HDF5 file"));
		assertTrue(report.result("truncated.h5").orElseThrow().message().contains("truncated HDF5 file"));
		assertTrue(report.result("nan.h5").orElseThrow().message().contains("NaN"));
		for (final String name : BAD) {
			assertEquals(FileStatus.FAILED, report.result(name).orElseThrow().status());
			assertTrue(report.result(name).orElseThrow().message().contains(name), "the message names the file");
			assertTrue(log.stream().anyMatch(l -> l.startsWith(name + ": failed: ")), "logged: " + log);
		}
		try (var files = Files.list(out)) {
			assertEquals(List.of("challenge.h5", "metrics.csv", "volume_a.h5", "volume_b.h5"), files.map(p -> p
				.getFileName().toString()).sorted().toList(), "no output or temporary file for the bad files");
		}
		final Map<String, FileResult> csv = MetricsCsv.readIfPresent(report.metricsCsv());
		assertEquals(6, csv.size());
		final FileResult a = report.result("volume_a.h5").orElseThrow();
		assertEquals(a.nmse(), csv.get("volume_a.h5").nmse(), 1e-6 * a.nmse());
		assertEquals(a.ssim(), csv.get("volume_a.h5").ssim(), 1e-6);
		assertEquals(FileStatus.FAILED, csv.get("nan.h5").status());
		assertEquals(before.keySet(), contents(in).keySet());
		before.forEach((name, bytes) -> assertArrayEquals(bytes, contents(in).get(name), name + " was modified"));
	}

	/** Fully sampled and zero-filled equals the RSS/ESC reference numpy computed: an outside check of the loop. */
	@Test
	void fullySampledInputsMatchTheirNumpyReferences() {
		final BatchReport report = BatchReconstruction.run(config(null, 1), Progress.NONE);
		for (final String name : List.of("volume_a.h5", "volume_b.h5")) {
			final FileResult r = report.result(name).orElseThrow();
			assertEquals(1, r.acceleration());
			assertTrue(r.nmse() < 1e-10, name + " NMSE " + r.nmse());
			assertTrue(r.ssim() > 0.99999, name + " SSIM " + r.ssim());
		}
	}

	@Test
	void rerunSkipsFinishedOutputsAndKeepsTheirNumbers() throws IOException {
		final BatchReport first = BatchReconstruction.run(config(randomMask(), 2), Progress.NONE);
		final FileTime written = Files.getLastModifiedTime(out.resolve("volume_a.h5"));
		final byte[] b = Files.readAllBytes(out.resolve("volume_b.h5"));
		Files.delete(out.resolve("volume_b.h5"));

		final BatchReport second = BatchReconstruction.run(config(randomMask(), 2), Progress.NONE);
		assertEquals("1 reconstructed, 2 skipped, 3 failed", second.summary());
		assertEquals(FileStatus.OK, second.result("volume_b.h5").orElseThrow().status());
		assertArrayEquals(b, Files.readAllBytes(out.resolve("volume_b.h5")), "same per-file mask on the rerun");
		final FileResult a = second.result("volume_a.h5").orElseThrow();
		assertEquals(FileStatus.SKIPPED, a.status());
		assertEquals(first.result("volume_a.h5").orElseThrow().nmse(), a.nmse(), 1e-6 * a.nmse());
		assertEquals(written, Files.getLastModifiedTime(out.resolve("volume_a.h5")));
		assertEquals(FileStatus.SKIPPED, MetricsCsv.readIfPresent(second.metricsCsv()).get("challenge.h5").status());
	}

	@Test
	void cancelKeepsFinishedFilesAndTheirTable() throws IOException {
		for (final String name : BAD)
			Files.delete(in.resolve(name));
		final AtomicBoolean cancelled = new AtomicBoolean();
		final Progress cancelAfterFirst = new Progress() {

			@Override
			public void status(final String message) {
				if (message.startsWith("1/3 files")) cancelled.set(true);
			}

			@Override
			public void progress(final long done, final long total) {}

			@Override
			public boolean isCancelled() {
				return cancelled.get();
			}
		};
		assertThrows(CancelledException.class, () -> BatchReconstruction.run(config(randomMask(), 1),
			cancelAfterFirst));
		try (var files = Files.list(out)) {
			assertEquals(List.of("challenge.h5", "metrics.csv"), files.map(p -> p.getFileName().toString()).sorted()
				.toList());
		}
		assertEquals(List.of("challenge.h5"), List.copyOf(MetricsCsv.readIfPresent(out.resolve(MetricsCsv.NAME))
			.keySet()));

		final Progress cancelledAtOnce = new Progress() {

			@Override
			public void status(final String message) {}

			@Override
			public void progress(final long done, final long total) {}

			@Override
			public boolean isCancelled() {
				return true;
			}
		};
		Files.delete(out.resolve("challenge.h5"));
		assertThrows(CancelledException.class, () -> BatchReconstruction.run(config(randomMask(), 2),
			cancelledAtOnce));
		assertFalse(Files.exists(out.resolve("challenge.h5")));
	}

	@Test
	void rejectsUnusableFoldersAndMethodsBeforeWriting() throws IOException {
		final ReconstructionSettings s = ReconstructionSettings.DEFAULTS;
		assertTrue(assertThrows(AccelMRException.class, () -> BatchReconstruction.run(BatchConfig.of(in, in, s),
			Progress.NONE)).getMessage().contains("is the input folder"));
		final Path empty = Files.createDirectory(dir.resolve("empty"));
		assertTrue(assertThrows(AccelMRException.class, () -> BatchReconstruction.run(BatchConfig.of(empty, out, s),
			Progress.NONE)).getMessage().startsWith("input: no .h5, .mrd or .dat files"));
		assertTrue(assertThrows(AccelMRException.class, () -> BatchReconstruction.run(BatchConfig.of(dir.resolve(
			"missing"), out, s), Progress.NONE)).getMessage().contains("is not a folder"));
		assertThrows(AccelMRException.class, () -> BatchReconstruction.run(BatchConfig.of(in, out, s.withMethod(
			"magic")), Progress.NONE));
		try (var files = Files.list(out)) {
			assertEquals(List.of(), files.toList(), "nothing written for an unknown method");
		}
	}

	private static float[] flat(final FloatVolume v) {
		final float[] f = new float[v.depth() * v.width() * v.height()];
		for (int s = 0; s < v.depth(); s++)
			System.arraycopy(v.slice(s), 0, f, s * v.width() * v.height(), v.width() * v.height());
		return f;
	}

	private static Map<String, byte[]> contents(final Path folder) {
		try (var files = Files.list(folder)) {
			final Map<String, byte[]> m = new TreeMap<>();
			for (final Path p : files.toList())
				m.put(p.getFileName().toString(), Files.readAllBytes(p));
			return m;
		}
		catch (final IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
