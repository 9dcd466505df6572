package org.accelmr.batch;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntConsumer;

import org.accelmr.AccelMRException;
import org.accelmr.io.KSpaceSource;
import org.accelmr.io.KSpaceSources;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.metrics.Metrics;
import org.accelmr.pipeline.PipelineResult;
import org.accelmr.pipeline.ReconstructionPipeline;
import org.accelmr.pipeline.Undersampling;
import org.accelmr.progress.Progress;
import org.accelmr.recon.Reconstructor;
import org.accelmr.recon.SliceSolve;

/**
 * One input file of a batch: the {@link ReconstructionPipeline} (read in chunks of slices, undersample when
 * asked, reconstruct), then the score against the file's reference and the submission-layout output. The output
 * is written last, atomically, and only when everything before succeeded, so a failed or cancelled file leaves
 * nothing behind.
 */
final class FileReconstruction {

	private final BatchConfig config;
	private final long chunkBytes;

	FileReconstruction(final BatchConfig config) {
		this(config, ReconstructionPipeline.chunkBudget());
	}

	/** @param chunkBytes k-space bytes read at once (at least one slice is always read) */
	FileReconstruction(final BatchConfig config, final long chunkBytes) {
		this.config = config;
		this.chunkBytes = chunkBytes;
	}

	/**
	 * @param input a k-space file (fastMRI, ISMRMRD, twix, .npy, .cfl)
	 * @param output where its reconstruction goes
	 * @param method the reconstructor, used by this call alone (it may keep a loaded model for the next file)
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
		try (KSpaceSource file = KSpaceSources.open(input, ReconstructionPipeline.scanFor(config.scan(), config
			.settings()), line -> {})) {
			final Undersampling undersampling = config.mask() == null ? Undersampling.NONE : new Undersampling(config
				.mask(), FileSeeds.forFile(config.seed(), name), "batch");
			final PipelineResult result = ReconstructionPipeline.reconstruct(file, method, undersampling,
				new SliceCounter(cancel, slicesDone), chunkBytes);
			final FloatVolume image = result.image();
			String note = switch (result.sampling()) {
				case UNDERSAMPLED -> "mask seed " + undersampling.seed();
				case OWN_MASK -> "undersampled input, its own mask";
				case FOUND_IN_DATA -> "undersampled input without a mask: the samples holding data";
				case FULL -> "";
			};
			note = join(note, SliceSolve.describe(result.solves()));
			double nmse = Double.NaN, psnr = Double.NaN, ssim = Double.NaN;
			final Optional<FloatVolume> reference = file.reference(0, file.slices());
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
			VolumeFiles.write(image, output, VolumeFiles.voxelSize(result.info()));
			return new FileResult(name, FileStatus.OK, image.depth(), result.acceleration(), nmse, psnr, ssim,
				seconds(start), note);
		}
	}

	/**
	 * Passes cancellation through and turns the pipeline's progress units into finished slices, told once each;
	 * status lines are dropped (parallel files would fight over the status line).
	 */
	private static final class SliceCounter implements Progress {

		private final Progress cancel;
		private final IntConsumer slicesDone;
		private long told;

		SliceCounter(final Progress cancel, final IntConsumer slicesDone) {
			this.cancel = cancel;
			this.slicesDone = slicesDone;
		}

		@Override
		public void status(final String message) {}

		@Override
		public synchronized void progress(final long done, final long total) {
			final long slices = done / ReconstructionPipeline.ChunkProgress.UNITS;
			if (slices > told) {
				slicesDone.accept((int) (slices - told));
				told = slices;
			}
		}

		@Override
		public boolean isCancelled() {
			return cancel.isCancelled();
		}
	}

	private static String join(final String a, final String b) {
		return b.isEmpty() ? a : a.isEmpty() ? b : a + "; " + b;
	}

	private static double seconds(final long start) {
		return (System.nanoTime() - start) / 1e9;
	}
}
