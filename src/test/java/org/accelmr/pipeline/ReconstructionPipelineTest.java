package org.accelmr.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.accelmr.AccelMRException;
import org.accelmr.cs.EspiritCalibration;
import org.accelmr.cs.SolverSettings;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.KSpaceSource;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelSidecar;
import org.accelmr.nn.UNetArchitecture;
import org.accelmr.nn.UNetModel;
import org.accelmr.progress.Progress;
import org.accelmr.recon.CoilMapEstimation;
import org.accelmr.recon.ReconstructionMethods;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.recon.Reconstructor;
import org.accelmr.recon.SliceSolve;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class ReconstructionPipelineTest {

	private static final int W = 32, H = 28, SLICES = 4, COILS = 3;

	@TempDir
	Path dir;

	private static KSpace volume() {
		final FloatVolume brain = Phantoms.brain(W, H);
		final float[][] s = new float[SLICES][];
		for (int z = 0; z < SLICES; z++) {
			s[z] = brain.slice(0).clone();
			for (int i = 0; i < s[z].length; i++)
				s[z][i] *= 1 + 0.3f * z * (i % W) / W;
		}
		return KSpaceSimulator.simulate(new FloatVolume(W, H, s), new SimulationConfig(COILS, true, 0, 7));
	}

	private static Undersampling random4() {
		return new Undersampling(Masks.create("random", 3, 0.3, 0), 5, "random");
	}

	private static ReconstructionSettings settings(final String method, final String maps, final String model,
		final int threads)
	{
		return new ReconstructionSettings(method, 0.005, 12, maps, model, threads);
	}

	private static PipelineResult run(final KSpace k, final ReconstructionSettings s, final long chunkBytes,
		final Progress progress)
	{
		return run(k, s, chunkBytes, 1, progress);
	}

	/** @param threads the pipeline's own threads (undersampling, scale check) */
	private static PipelineResult run(final KSpace k, final ReconstructionSettings s, final long chunkBytes,
		final int threads, final Progress progress)
	{
		try (Reconstructor method = ReconstructionMethods.create(s)) {
			return ReconstructionPipeline.reconstruct(KSpaceSource.of(k), method, random4(), progress, chunkBytes,
				threads);
		}
	}

	private String tinyModel() {
		final UNetArchitecture arch = new UNetArchitecture(4, 2, 2, true);
		final ModelFiles files = ModelFiles.of(dir.resolve("tiny"));
		try (UNetModel m = UNetModel.create(arch, 3, 1)) {
			m.save(files, new ModelSidecar(ModelSidecar.FORMAT, 1, arch, ModelSidecar.NORMALISATION,
				new ModelSidecar.MaskFamily("random", 4, 0.08, 0.16), null, null, ""));
		}
		return files.params().toString();
	}

	@Test
	void chunksAndThreadsDoNotChangeAnySlice() {
		final KSpace k = volume();
		final long oneSlice = 8L * COILS * W * H;
		final Path maps = dir.resolve("maps.npy");
		KSpaceFiles.write(new KSpace(CoilMapEstimation.espirit(k.undersample(random4().sampler().sample(W, H, 5)),
			EspiritCalibration.DEFAULTS, 1, Progress.NONE), null, AcquisitionInfo.of("maps")), maps);
		final String model = tinyModel();
		for (final ReconstructionSettings s : List.of(settings("zero-filled", "espirit", "", 1), settings("wavelet",
			maps.toString(), "", 1), settings("tv", "espirit", "", 1), settings("unet", "espirit", model, 1)))
		{
			final PipelineResult whole = run(k, s, Long.MAX_VALUE, Progress.NONE);
			final PipelineResult chunked = run(k, s.withThreads(2), oneSlice * 3 / 2, 2, Progress.NONE);
			assertEquals(1, whole.chunks());
			assertEquals(SLICES, chunked.chunks(), s.method());
			for (int z = 0; z < SLICES; z++)
				assertArrayEquals(whole.image().slice(z), chunked.image().slice(z), 1e-6f * (float) whole.image().max(),
					s.method() + " slice " + z);
		}
	}

	/**
	 * With {@code lambda=auto} one λ is chosen for the volume on slices fixed by its shape, so reading it one
	 * slice at a time, or on two threads, changes no slice, and every slice reports that λ.
	 */
	@Test
	void oneAutomaticLambdaForTheVolumeWhateverTheChunking() {
		final KSpace k = volume();
		final long oneSlice = 8L * COILS * W * H;
		for (final String method : List.of("tv", "wavelet")) {
			final ReconstructionSettings s = new ReconstructionSettings(method, SolverSettings.AUTO_LAMBDA, 12,
				"espirit", "", 1);
			final PipelineResult whole = run(k, s, Long.MAX_VALUE, Progress.NONE);
			final PipelineResult chunked = run(k, s.withThreads(2), oneSlice, 2, Progress.NONE);
			assertEquals(SLICES, chunked.chunks(), method);
			for (int z = 0; z < SLICES; z++)
				assertArrayEquals(whole.image().slice(z), chunked.image().slice(z), 1e-6f * (float) whole.image().max(),
					method + " slice " + z);
			assertEquals(SLICES, whole.solves().size());
			for (final PipelineResult r : List.of(whole, chunked))
				for (final SliceSolve solve : r.solves())
					assertEquals(whole.solves().get(0).lambda(), solve.lambda(), 0, method + ": " + r.solves());
		}
	}

	@Test
	void zeroFilledIsTheSameToTheBitForEveryChunkingAndThreadCount() {
		// the plain serial recipe: undersample a copy, inverse FFT in place plane by plane, RSS slice by slice
		final KSpace k = volume();
		final ComplexStack images = k.undersample(random4().sampler().sample(W, H, random4().seed())).data();
		CenteredFFT.inverse(images, 1);
		final FloatVolume expected = CoilCombination.rss(images);
		final long oneSlice = 8L * COILS * W * H;
		for (final int threads : new int[] { 1, 2, 3 })
			for (final long chunkBytes : new long[] { oneSlice, 3 * oneSlice, Long.MAX_VALUE }) {
				final FloatVolume image = run(k, settings("zero-filled", "espirit", "", threads), chunkBytes, threads,
					Progress.NONE).image();
				for (int z = 0; z < SLICES; z++)
					assertArrayEquals(expected.slice(z), image.slice(z), "threads=" + threads + ", chunk of " +
						chunkBytes + " bytes, slice " + z);
			}
	}

	@Test
	void theNetworkIsLoadedOnceForAVolumeOfManyChunks() {
		final List<String> lines = Collections.synchronizedList(new ArrayList<>());
		final Progress recording = new Progress() {

			@Override
			public void status(final String message) {
				lines.add(message);
			}

			@Override
			public void progress(final long done, final long total) {}

			@Override
			public boolean isCancelled() {
				return false;
			}
		};
		run(volume(), settings("unet", "espirit", tinyModel(), 1), 1, recording);
		assertEquals(1, lines.stream().filter(l -> l.startsWith("Loading U-Net")).count(), lines.toString());
		assertEquals(SLICES, lines.stream().filter(l -> l.startsWith("U-Net on slices")).count(), lines.toString());
	}

	@Test
	void hugeAndTinyKSpaceReconstructsToTheScaledImages() {
		final KSpace k = volume();
		for (final String method : List.of("zero-filled", "tv", "wavelet")) {
			final FloatVolume plain = run(k, settings(method, "espirit", "", 1), Long.MAX_VALUE, Progress.NONE).image();
			for (final double factor : new double[] { 1e20, 1e30, 1e-30 }) {
				final ComplexStack scaled = k.data().copy();
				for (int i = 0; i < scaled.planeCount(); i++) {
					final float[] p = scaled.plane(i);
					for (int j = 0; j < p.length; j++)
						p[j] *= (float) factor;
				}
				final FloatVolume big = run(new KSpace(scaled, null, k.info()), settings(method, "espirit", "", 1),
					Long.MAX_VALUE, 2, Progress.NONE).image();
				for (int z = 0; z < SLICES; z++)
					for (int i = 0; i < W * H; i++) {
						assertTrue(Float.isFinite(big.slice(z)[i]), method + " x" + factor);
						assertEquals(plain.slice(z)[i], big.slice(z)[i] / factor, 2e-4 * plain.max(), method + " x" +
							factor + " slice " + z);
					}
			}
		}
	}

	@Test
	void anImageBeyondFloatRangeIsRefusedAndNothingIsWritten() throws Exception {
		final ComplexStack huge = volume().data().copy();
		for (int i = 0; i < huge.planeCount(); i++) {
			final float[] p = huge.plane(i);
			for (int j = 0; j < p.length; j++)
				p[j] = p[j] == 0 ? 0 : Math.copySign(3e38f, p[j]);
		}
		final Path input = dir.resolve("huge.npy"), output = dir.resolve("out.tif");
		KSpaceFiles.write(new KSpace(huge, null, AcquisitionInfo.of("huge")), input);
		final AccelMRException e = assertThrows(AccelMRException.class, () -> ReconstructionPipeline.run(input,
			output, settings("zero-filled", "espirit", "", 1), Undersampling.NONE, Progress.NONE));
		assertTrue(e.getMessage().contains("32-bit float range"), e.getMessage());
		assertFalse(Files.exists(output));
	}

	@Test
	void runWritesTheVolumeAndReportsTheMask() {
		final Path input = dir.resolve("k.npy"), output = dir.resolve("r.npy");
		KSpaceFiles.write(volume(), input);
		final PipelineResult r = ReconstructionPipeline.run(input, output, settings("zero-filled", "espirit", "", 2),
			random4(), Progress.NONE);
		assertEquals(PipelineResult.Sampling.UNDERSAMPLED, r.sampling());
		assertEquals(3, r.acceleration(), 0.6);
		assertArrayEquals(r.image().slice(3), VolumeFiles.read(output).slice(3), 0f);
	}

	/**
	 * lambda=auto picks λ per slice: the λ of every slice and its iterations are written beside the output, and a
	 * later run of a method that chooses nothing into the same output removes that record (a user's own file of
	 * the same name stays).
	 */
	@Test
	void theChosenLambdaIsRecordedBesideTheOutput() throws Exception {
		final Path input = dir.resolve("k.npy"), output = dir.resolve("r.npy");
		KSpaceFiles.write(volume(), input);
		final Undersampling fewCentreColumns = new Undersampling(Masks.create("random", 3, 0.15, 0), 5, "random");
		final PipelineResult r = ReconstructionPipeline.run(input, output, new ReconstructionSettings("tv",
			SolverSettings.AUTO_LAMBDA, 12, "espirit", "", 2), fewCentreColumns, Progress.NONE);
		assertEquals(SLICES, r.solves().size());
		final Path record = ReconstructionRecord.pathFor(output);
		assertEquals("r.npy.json", record.getFileName().toString());
		final JsonObject json = JsonParser.parseString(Files.readString(record)).getAsJsonObject();
		assertEquals("accelmr-reconstruction", json.get("format").getAsString());
		assertEquals("k.npy", json.get("input").getAsString());
		assertEquals("auto", json.get("lambda").getAsString());
		final JsonArray slices = json.getAsJsonArray("slices");
		assertEquals(SLICES, slices.size());
		for (int z = 0; z < SLICES; z++) {
			final JsonObject s = slices.get(z).getAsJsonObject();
			assertEquals(z, s.get("slice").getAsInt());
			assertEquals(r.solves().get(z).lambda(), s.get("lambda").getAsDouble(), 0);
			assertTrue(s.get("lambda").getAsDouble() > 0, s.toString());
			assertEquals("automatic", s.get("lambda_chosen").getAsString());
			assertTrue(s.get("iterations").getAsInt() > 12, "the path's iterations count too: " + s);
		}
		ReconstructionPipeline.run(input, output, settings("zero-filled", "espirit", "", 1), random4(),
			Progress.NONE);
		assertFalse(Files.exists(record), "a record of an earlier run would describe the wrong image");
		Files.writeString(record, "{\"mine\": 1}");
		ReconstructionPipeline.run(input, output, settings("zero-filled", "espirit", "", 1), random4(),
			Progress.NONE);
		assertEquals("{\"mine\": 1}", Files.readString(record));
	}

	/** .npy/.cfl k-space has no mask: the samples that hold data are the acquired ones, as if the mask were given. */
	@Test
	void undersampledDataWithoutAMaskIsReconstructedWithTheSamplesThatHoldData() {
		final org.accelmr.mask.SamplingMask mask = random4().sampler().sample(W, H, random4().seed());
		final KSpace given = volume().undersample(mask);
		final KSpace bare = new KSpace(given.data(), null, given.info());
		final long oneSlice = 8L * COILS * W * H;
		final ReconstructionSettings wavelet = settings("wavelet", "espirit", "", 1);
		final PipelineResult expected, found;
		try (Reconstructor method = ReconstructionMethods.create(wavelet)) {
			expected = ReconstructionPipeline.reconstruct(KSpaceSource.of(given), method, Undersampling.NONE,
				Progress.NONE, Long.MAX_VALUE);
		}
		try (Reconstructor method = ReconstructionMethods.create(wavelet)) {
			found = ReconstructionPipeline.reconstruct(KSpaceSource.of(bare), method, Undersampling.NONE,
				Progress.NONE, oneSlice * 3 / 2);
		}
		assertEquals(PipelineResult.Sampling.FOUND_IN_DATA, found.sampling());
		assertArrayEquals(mask.columns(), found.mask().columns());
		for (int z = 0; z < SLICES; z++)
			assertArrayEquals(expected.image().slice(z), found.image().slice(z), 1e-6f * (float) expected.image().max());
		// a fully sampled scan with zero-padded edges (under a sixth of the columns) stays fully sampled
		final KSpace padded = volume();
		for (int p = 0; p < padded.data().planeCount(); p++)
			for (int y = 0; y < H; y++)
				for (final int x : new int[] { 0, 1, W - 1 })
					padded.data().plane(p)[2 * (y * W + x)] = padded.data().plane(p)[2 * (y * W + x) + 1] = 0;
		try (Reconstructor method = ReconstructionMethods.create(settings("zero-filled", "espirit", "", 1))) {
			assertEquals(PipelineResult.Sampling.FULL, ReconstructionPipeline.reconstruct(KSpaceSource.of(padded),
				method, Undersampling.NONE, Progress.NONE, Long.MAX_VALUE).sampling());
		}
		// a volume whose first chunk is empty (no signal) says nothing of its sampling: fully sampled, not refused
		final KSpace emptyFirst = volume();
		for (int c = 0; c < COILS; c++)
			java.util.Arrays.fill(emptyFirst.data().plane(0, c), 0);
		try (Reconstructor method = ReconstructionMethods.create(settings("zero-filled", "espirit", "", 1))) {
			assertEquals(PipelineResult.Sampling.FULL, ReconstructionPipeline.reconstruct(KSpaceSource.of(emptyFirst),
				method, Undersampling.NONE, Progress.NONE, oneSlice).sampling());
		}
		// a later chunk with data where the first has none is refused, not silently dropped
		final KSpace changing = volume().undersample(mask);
		final int empty = java.util.stream.IntStream.range(0, W).filter(x -> !mask.columns()[x]).findFirst()
			.orElseThrow();
		changing.data().plane(SLICES - 1, 0)[2 * (H / 2 * W + empty)] = 1;
		final KSpace changingBare = new KSpace(changing.data(), null, changing.info());
		try (Reconstructor method = ReconstructionMethods.create(settings("zero-filled", "espirit", "", 1))) {
			final AccelMRException e = assertThrows(AccelMRException.class, () -> ReconstructionPipeline.reconstruct(
				KSpaceSource.of(changingBare), method, Undersampling.NONE, Progress.NONE, oneSlice));
			assertTrue(e.getMessage().contains("slice " + SLICES + " holds data where the first slices have none"), e
				.getMessage());
		}
	}
}
