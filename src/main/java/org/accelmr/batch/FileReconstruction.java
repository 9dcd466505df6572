package org.accelmr.batch;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntConsumer;

import org.accelmr.AccelMRException;
import org.accelmr.io.FastMriFile;
import org.accelmr.io.ReconstructionFile;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;
import org.accelmr.metrics.Metrics;
import org.accelmr.progress.Progress;
import org.accelmr.recon.Reconstructor;

/**
 * One input file of a batch: read in chunks of slices, undersample when asked, reconstruct, score against the
 * file's reference, write the submission-layout output. The output is written last, atomically, and only when
 * everything before succeeded, so a failed or cancelled file leaves nothing behind.
 */
final class FileReconstruction {

	/**
	 * Upper bound of k-space read at once per file (complex64 samples). A fastMRI knee multi-coil slice
	 * (15 x 640 x 368) is 28 MB, so chunks hold a few slices and memory stays bounded however long the volume.
	 * Slices are reconstructed independently by every method, so chunking does not change the result.
	 */
	static final long CHUNK_BYTES = 64L << 20;

	private final BatchConfig config;
	private final long chunkBytes;

	FileReconstruction(final BatchConfig config) {
		this(config, CHUNK_BYTES);
	}

	/** @param chunkBytes k-space bytes read at once (at least one slice is always read) */
	FileReconstruction(final BatchConfig config, final long chunkBytes) {
		this.config = config;
		this.chunkBytes = chunkBytes;
	}

	/**
	 * @param input the fastMRI file
	 * @param output where its reconstruction goes
	 * @param method the reconstructor, used by this call alone
	 * @param cancel polled between chunks and handed to the reader and the reconstructor (they report nothing
	 *          through it, so parallel files do not fight over the status line)
	 * @param slicesDone told how many slices each finished chunk held
	 * @throws AccelMRException for a bad file; {@link org.accelmr.progress.CancelledException} when cancelled
	 */
	FileResult run(final Path input, final Path output, final Reconstructor method, final Progress cancel,
		final IntConsumer slicesDone)
	{
		final long start = System.nanoTime();
		final String name = input.getFileName().toString();
		try (FastMriFile file = FastMriFile.open(input)) {
			final SamplingMask mask = maskFor(file, name);
			final double acceleration = file.mask() != null ? file.mask().acceleration() : mask != null ? mask
				.acceleration() : 1;
			final FloatVolume image = reconstruct(file, mask, method, cancel, slicesDone);
			String note = mask != null ? "mask seed " + FileSeeds.forFile(config.seed(), name) : file.mask() != null
				? "undersampled input, its own mask" : "";
			double nmse = Double.NaN, psnr = Double.NaN, ssim = Double.NaN;
			final Optional<FloatVolume> reference = file.readReference();
			if (reference.isEmpty()) note = join(note, "no reference, not scored");
			else try {
				nmse = Metrics.nmse(reference.get(), image);
				psnr = Metrics.psnr(reference.get(), image);
				ssim = Metrics.ssim(reference.get(), image);
			}
			catch (final AccelMRException e) {
				nmse = psnr = ssim = Double.NaN;
				note = join(note, "not scored: " + e.getMessage());
			}
			cancel.checkCancelled();
			ReconstructionFile.write(image, output);
			return new FileResult(name, FileStatus.OK, image.depth(), acceleration, nmse, psnr, ssim, seconds(start),
				note);
		}
	}

	/** The file's own mask wins (challenge data is already undersampled); else the batch's, seeded per file. */
	private SamplingMask maskFor(final FastMriFile file, final String name) {
		if (file.mask() != null || config.mask() == null) return null;
		return config.mask().sample(file.width(), file.height(), FileSeeds.forFile(config.seed(), name));
	}

	private FloatVolume reconstruct(final FastMriFile file, final SamplingMask mask,
		final Reconstructor method, final Progress cancel, final IntConsumer slicesDone)
	{
		final long sliceBytes = 8L * file.coils() * file.width() * file.height();
		final int chunk = (int) Math.max(1, Math.min(file.slices(), chunkBytes / sliceBytes));
		final float[][] slices = new float[file.slices()][];
		int width = 0, height = 0;
		for (int first = 0; first < file.slices(); first += chunk) {
			cancel.checkCancelled();
			final int count = Math.min(chunk, file.slices() - first);
			final KSpace measured = file.readSlices(first, count, cancel);
			final FloatVolume part = method.reconstruct(mask == null ? measured : measured.undersample(mask), cancel);
			if (first == 0) {
				width = part.width();
				height = part.height();
			}
			if (part.depth() != count || part.width() != width || part.height() != height)
				throw new AccelMRException(file.info().source() + ": " + method.name() + " returned " + part.depth() +
					"x" + part.height() + "x" + part.width() + " for " + count + " slice(s) of " + height + "x" + width);
			for (int s = 0; s < count; s++) {
				checkFinite(file, method, part.slice(s), first + s);
				slices[first + s] = part.slice(s);
			}
			slicesDone.accept(count);
		}
		return new FloatVolume(width, height, slices);
	}

	private static void checkFinite(final FastMriFile file, final Reconstructor method, final float[] pixels,
		final int slice)
	{
		for (final float v : pixels)
			if (!Float.isFinite(v)) throw new AccelMRException(file.info().source() + ": " + method.name() +
				" gave NaN or Inf in slice " + slice);
	}

	private static String join(final String a, final String b) {
		return a.isEmpty() ? b : a + "; " + b;
	}

	private static double seconds(final long start) {
		return (System.nanoTime() - start) / 1e9;
	}
}
