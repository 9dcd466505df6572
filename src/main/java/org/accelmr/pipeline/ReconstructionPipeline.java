package org.accelmr.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.accelmr.AccelMRException;
import org.accelmr.io.KSpaceSource;
import org.accelmr.io.KSpaceSources;
import org.accelmr.io.ScanOptions;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.kspace.ParallelLoop;
import org.accelmr.mask.SamplingMask;
import org.accelmr.progress.Progress;
import org.accelmr.recon.PreparedReconstruction;
import org.accelmr.recon.ReconstructionMethods;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.recon.Reconstructor;
import org.accelmr.recon.SliceSolve;
import org.accelmr.recon.VolumeDescription;
import org.accelmr.recon.ZeroFilledRecon;

/**
 * The one way a volume becomes images, whoever asks (the launcher, a batch, a Fiji command, the demo): open the
 * input, settle the mask (the volume's own, one drawn for it, or none), prepare the method once for the volume,
 * read and reconstruct chunks of slices within a memory budget (the method runs a chunk's slices in parallel),
 * check every image, and write the output atomically. Adapters only parse their parameters and show results.
 */
public final class ReconstructionPipeline {

	/** Smallest k-space chunk budget, whatever the heap: a few slices of a large multi-coil scan. */
	static final long MIN_CHUNK_BYTES = 64L << 20;

	/**
	 * K-space whose largest component lies outside {@code [2^-LIMIT, 2^LIMIT]} (about 1e-12 to 1e12) is scaled by
	 * a power of two before reconstruction and the images scaled back: every method is homogeneous in the data
	 * scale, and a power of two scales float values exactly, so only data that would overflow (squares of 1e20)
	 * or underflow in single precision is touched, and its images equal the unscaled data's.
	 */
	static final int SCALE_LIMIT = 40;

	private ReconstructionPipeline() {}

	/**
	 * Reads {@code input}, reconstructs it with the method {@code settings} name and writes {@code output}
	 * (format by extension, {@link VolumeFiles}); nothing is written when anything fails or is cancelled.
	 *
	 * @throws AccelMRException naming the file or setting that is wrong
	 */
	public static PipelineResult run(final Path input, final Path output, final ReconstructionSettings settings,
		final Undersampling undersampling, final Progress progress)
	{
		return run(input, ScanOptions.DEFAULTS, output, settings, undersampling, progress);
	}

	/**
	 * As {@link #run(Path, Path, ReconstructionSettings, Undersampling, Progress)}, reading the input with
	 * {@code scan} (raw data's repetition and contrast, pre-whitening, coil compression; each step taken is told to
	 * {@code progress} as a status line). A NIfTI output gets the voxel size the input describes.
	 */
	public static PipelineResult run(final Path input, final ScanOptions scan, final Path output,
		final ReconstructionSettings settings, final Undersampling undersampling, final Progress progress)
	{
		final PipelineResult result;
		try (Reconstructor method = ReconstructionMethods.create(settings); KSpaceSource source = KSpaceSources.open(
			input, scanFor(scan, settings), progress::status))
		{
			result = reconstruct(source, method, undersampling, progress, chunkBudget(), settings.threads());
		}
		progress.checkCancelled();
		VolumeFiles.write(result.image(), output, VolumeFiles.voxelSize(result.info()));
		ReconstructionRecord.write(output, input, settings, result);
		return result;
	}

	/**
	 * The scan options a method reads its input with: {@code prewhiten=auto} whitens the coils for the methods
	 * whose data term models the noise (SENSE-type compressed sensing, the networks' data consistency), and leaves
	 * them as measured for {@code zero-filled}, the linear baseline that other tools' inverse FFT and RSS reproduce;
	 * {@code prewhiten=on} whitens for every method.
	 */
	public static ScanOptions scanFor(final ScanOptions scan, final ReconstructionSettings settings) {
		return ZeroFilledRecon.NAME.equals(settings.method()) && "auto".equalsIgnoreCase(scan.prewhiten().trim())
			? scan.withPrewhiten("off") : scan;
	}

	/** {@link #reconstruct(KSpaceSource, Reconstructor, Undersampling, Progress, long)} of k-space in memory. */
	public static PipelineResult reconstruct(final KSpace kspace, final ReconstructionSettings settings,
		final Undersampling undersampling, final Progress progress)
	{
		try (Reconstructor method = ReconstructionMethods.create(settings)) {
			return reconstruct(KSpaceSource.of(kspace), method, undersampling, progress, chunkBudget(), settings
				.threads());
		}
	}

	/**
	 * {@link #reconstruct(KSpaceSource, Reconstructor, Undersampling, Progress, long, int)} with the pipeline's
	 * own steps (undersampling, the scale check) on one thread, for callers that already run volumes in parallel.
	 */
	public static PipelineResult reconstruct(final KSpaceSource source, final Reconstructor method,
		final Undersampling undersampling, final Progress progress, final long chunkBytes)
	{
		return reconstruct(source, method, undersampling, progress, chunkBytes, 1);
	}

	/**
	 * The volume of {@code source} reconstructed by {@code method} (both stay open: the caller owns them, so a
	 * batch reuses one method and reads the source's reference afterwards).
	 *
	 * @param chunkBytes k-space bytes read at once; at least one slice is always read
	 * @param threads threads for the pipeline's own passes over a chunk (undersampling, the scale check and
	 *          rescaling), plane by plane; the method runs on the threads of its settings. Neither changes a value.
	 */
	public static PipelineResult reconstruct(final KSpaceSource source, final Reconstructor method,
		final Undersampling undersampling, final Progress progress, final long chunkBytes, final int threads)
	{
		final long start = System.nanoTime();
		final String name = source.info().source();
		final SamplingMask drawn = source.mask() == null && !undersampling.isNone() ? undersampling.sampler().sample(
			source.width(), source.height(), undersampling.seed()) : null;
		final int slices = source.slices();
		final int chunk = (int) Math.max(1, Math.min(slices, chunkBytes / source.sliceBytes()));
		// no mask in the file and none asked for: the samples that hold data are the acquired ones (.npy/.cfl carry
		// no mask), read from the first chunk before the method is prepared with it
		KSpace firstChunk = null;
		SamplingMask found = null;
		if (source.mask() == null && drawn == null) {
			progress.status(name + ": reading slices 1-" + chunk + " of " + slices);
			firstChunk = source.read(0, chunk, progress);
			found = SamplingMask.acquiredIn(firstChunk.data());
			// nothing measured in the first chunk (empty slices) says nothing of the pattern: fully sampled
			if (found.sampledCount() == 0 || found.acceleration() < FOUND_MASK_MIN_ACCELERATION) found = null;
		}
		final PipelineResult.Sampling sampling = source.mask() != null ? PipelineResult.Sampling.OWN_MASK
			: found != null ? PipelineResult.Sampling.FOUND_IN_DATA : drawn == null ? PipelineResult.Sampling.FULL
				: PipelineResult.Sampling.UNDERSAMPLED;
		final SamplingMask mask = source.mask() != null ? source.mask() : found != null ? found : drawn;
		final KSpace calibration = source.calibration() == null || drawn == null ? source.calibration() : source
			.calibration().undersample(drawn);
		final VolumeDescription volume = new VolumeDescription(slices, source.coils(), source.width(), source
			.height(), mask, source.info(), calibration);
		final float[][] images = new float[slices][];
		int width = 0, height = 0, chunks = 0;
		final List<SliceSolve> solves;
		try (PreparedReconstruction prepared = method.prepare(volume, progress)) {
			final int[] wanted = prepared.calibrationSlices();
			if (wanted.length > 0) {
				final List<KSpace> calibrationSlices = new ArrayList<>();
				for (final int z : wanted) {
					progress.checkCancelled();
					final KSpace read = firstChunk != null && z < chunk ? firstChunk.slice(z) : source.read(z, 1,
						progress);
					if (found != null && z >= chunk) checkInside(name, read.data(), found, z);
					calibrationSlices.add(measured(read, drawn, found, threads).kspace());
				}
				progress.status(name + ": " + method.name() + " looks at " + wanted.length + " of " + slices +
					" slice(s) first");
				prepared.calibrate(calibrationSlices, progress);
			}
			for (int first = 0; first < slices; first += chunk) {
				progress.checkCancelled();
				final int count = Math.min(chunk, slices - first);
				final KSpace read;
				if (first == 0 && firstChunk != null) read = firstChunk;
				else {
					progress.status(name + ": reading slices " + (first + 1) + "-" + (first + count) + " of " + slices);
					read = source.read(first, count, progress);
				}
				if (found != null && first > 0) checkInside(name, read.data(), found, first);
				final FloatVolume part = reconstructScaled(prepared, read, drawn, found, first, threads,
					new ChunkProgress(progress, first, count, slices));
				if (chunks++ == 0) {
					width = part.width();
					height = part.height();
				}
				if (part.depth() != count || part.width() != width || part.height() != height)
					throw new AccelMRException(name + ": " + method.name() + " returned " + part.depth() + "x" + part
						.height() + "x" + part.width() + " for " + count + " slice(s) of " + height + "x" + width);
				for (int s = 0; s < count; s++) {
					checkFinite(name, method.name(), part.slice(s), first + s);
					images[first + s] = part.slice(s);
				}
				progress.progress((first + count) * ChunkProgress.UNITS, slices * ChunkProgress.UNITS);
			}
			solves = prepared.solves();
		}
		return new PipelineResult(new FloatVolume(width, height, images), mask, sampling, chunks, (System.nanoTime() -
			start) / 1e9, source.info(), solves);
	}

	/**
	 * A file without a mask whose data leave at least this share of samples empty ({@code 1 - 1/1.2}, about 17 %)
	 * is taken as undersampled with the mask {@link SamplingMask#acquiredIn} finds; below it, as fully sampled
	 * (zero-padded edges of a fully sampled scan stay measured zeros).
	 */
	static final double FOUND_MASK_MIN_ACCELERATION = 1.2;

	/** Refuses data outside the mask found in the first chunk: a pattern that changes along the volume. */
	private static void checkInside(final String name, final ComplexStack data, final SamplingMask mask,
		final int first)
	{
		final boolean[] acquired = mask.toArray();
		for (int s = 0; s < data.slices(); s++)
			for (int c = 0; c < data.coils(); c++) {
				final float[] p = data.plane(s, c);
				for (int i = 0; i < acquired.length; i++)
					if (!acquired[i] && (p[2 * i] != 0 || p[2 * i + 1] != 0)) throw new AccelMRException(name +
						": slice " + (first + s + 1) + " holds data where the first slices have none (no mask in the " +
						"file, and the sampling pattern changes along the volume); give the mask with mask=FILE");
			}
	}

	/** K-space bytes per chunk: an eighth of the heap, at least {@link #MIN_CHUNK_BYTES}. */
	public static long chunkBudget() {
		return Math.max(MIN_CHUNK_BYTES, Runtime.getRuntime().maxMemory() / 8);
	}

	/**
	 * One pass over the chunk's planes on up to {@code threads} threads: when a mask was drawn, each plane of
	 * {@code read} is copied into {@code undersampled} with the unsampled entries of {@code drawn} zeroed (as
	 * {@link KSpace#undersample} does); the largest absolute component of the planes to reconstruct is found.
	 *
	 * @return {@link Math#getExponent} of the chunk's largest absolute component, 0 for all-zero data
	 */
	static int undersampleAndScan(final ComplexStack read, final SamplingMask drawn, final float[][] undersampled,
		final int threads)
	{
		final float[] largest = new float[read.planeCount()];
		ParallelLoop.forEach(read.planeCount(), threads, i -> {
			final float[] plane;
			if (drawn == null) plane = read.plane(i);
			else {
				plane = read.plane(i).clone();
				drawn.applyTo(plane);
				undersampled[i] = plane;
			}
			float max = 0;
			for (final float v : plane)
				max = Math.max(max, Math.abs(v));
			largest[i] = max;
		});
		float max = 0;
		for (final float v : largest)
			max = Math.max(max, v);
		return max == 0 ? 0 : Math.getExponent(max);
	}

	/**
	 * The chunk as read, undersampled with the drawn mask (or given the mask found in the data), reconstructed at
	 * a power-of-two scale that keeps single precision safe (see {@link #SCALE_LIMIT}) and scaled back; the passes
	 * over the planes run on up to {@code threads} threads.
	 */
	private static FloatVolume reconstructScaled(final PreparedReconstruction prepared, final KSpace read,
		final SamplingMask drawn, final SamplingMask found, final int first, final int threads,
		final Progress progress)
	{
		final Measured measured = measured(read, drawn, found, threads);
		final FloatVolume images = prepared.reconstruct(measured.kspace(), first, progress);
		if (Math.abs(measured.exponent()) <= SCALE_LIMIT) return images;
		final float up = Math.scalb(1f, measured.exponent());
		ParallelLoop.forEach(images.depth(), threads, s -> scale(images.slice(s), up));
		return images;
	}

	/**
	 * Slices as the method is given them: undersampled, at the safe scale; {@code exponent} is
	 * {@link #undersampleAndScan}'s, the images are scaled back by it when it is beyond {@link #SCALE_LIMIT}.
	 */
	private record Measured(KSpace kspace, int exponent) {}

	private static Measured measured(final KSpace read, final SamplingMask drawn, final SamplingMask found,
		final int threads)
	{
		final float[][] undersampled = drawn == null ? null : new float[read.data().planeCount()][];
		final int exponent = undersampleAndScan(read.data(), drawn, undersampled, threads);
		final KSpace chunk = withMask(read, drawn, found, undersampled);
		return new Measured(Math.abs(exponent) <= SCALE_LIMIT ? chunk : scaled(chunk, exponent, threads), exponent);
	}

	private static KSpace withMask(final KSpace read, final SamplingMask drawn, final SamplingMask found,
		final float[][] undersampled)
	{
		final ComplexStack data = read.data();
		return drawn != null ? new KSpace(ComplexStack.wrap(undersampled, data.width(), data.height(), data.coils(),
			data.slices()), drawn, read.info()) : found != null ? new KSpace(data, found, read.info()) : read;
	}

	/** A copy of {@code chunk} divided by {@code 2^exponent} (exact in floating point). */
	private static KSpace scaled(final KSpace chunk, final int exponent, final int threads) {
		final ComplexStack data = chunk.data();
		final float[][] scaled = new float[data.planeCount()][];
		final float down = Math.scalb(1f, -exponent);
		ParallelLoop.forEach(scaled.length, threads, i -> scaled[i] = scale(data.plane(i).clone(), down));
		return new KSpace(ComplexStack.wrap(scaled, data.width(), data.height(), data.coils(), data.slices()), chunk
			.mask(), chunk.info());
	}

	/** {@code values} multiplied by {@code factor} in place (exact for a power of two without over/underflow). */
	private static float[] scale(final float[] values, final float factor) {
		for (int j = 0; j < values.length; j++)
			values[j] *= factor;
		return values;
	}

	private static void checkFinite(final String source, final String method, final float[] pixels,
		final int slice)
	{
		for (final float v : pixels)
			if (!Float.isFinite(v)) throw new AccelMRException(source + ": " + method + " gave NaN or Inf in slice " +
				slice + (Float.isInfinite(v) ? " (the image exceeds the 32-bit float range; scale the k-space down)"
					: ""));
	}

	/**
	 * A method's progress within one chunk, reported as a share of the whole volume: {@value #UNITS} units per
	 * slice, so {@code done / UNITS} is the number of finished slices.
	 */
	public static final class ChunkProgress implements Progress {

		public static final long UNITS = 1000;
		private final Progress parent;
		private final int first, count, slices;

		ChunkProgress(final Progress parent, final int first, final int count, final int slices) {
			this.parent = parent;
			this.first = first;
			this.count = count;
			this.slices = slices;
		}

		@Override
		public void status(final String message) {
			parent.status(message);
		}

		@Override
		public void progress(final long done, final long total) {
			if (total <= 0) return;
			final double within = Math.min(1, (double) done / total);
			parent.progress((long) ((first + within * count) * UNITS), slices * UNITS);
		}

		@Override
		public boolean isCancelled() {
			return parent.isCancelled();
		}
	}
}
