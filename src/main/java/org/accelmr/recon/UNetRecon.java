package org.accelmr.recon;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelLocator;
import org.accelmr.nn.UNetInference;
import org.accelmr.nn.UNetModel;
import org.accelmr.progress.Progress;

/**
 * The learned reconstruction ({@code method=unet}): per slice, the zero-filled RSS magnitude (as
 * {@link ZeroFilledRecon}, reference crop included) goes through a trained U-Net, normalised per image and mapped
 * back to its scale (see {@link UNetInference}). Slices run in batches sized so one batch's activations stay
 * around a few hundred MB; only that batch's coil images are held at once.
 *
 * <p>Optional data consistency (single coil, no reference crop): the network magnitude takes the zero-filled
 * image's phase, and its k-space samples at acquired positions are replaced by the measured ones:
 * {@code x = |F^-1( M k + (1 - M) F(y e^{i angle(x0)}) )|}.
 */
public final class UNetRecon implements Reconstructor {

	public static final String NAME = "unet";
	/** Network input pixels per batch (about 4 slices of 320x320). */
	static final int PIXELS_PER_BATCH = 400_000;

	private final String model;
	private final int threads;
	private final boolean dataConsistency;

	/**
	 * @param model model path, or empty for the shipped model ({@link ModelLocator})
	 * @param threads libtorch and FFT threads
	 * @param dataConsistency re-impose measured samples (single-coil data only; ignored otherwise)
	 */
	public UNetRecon(final String model, final int threads, final boolean dataConsistency) {
		this.model = model;
		this.threads = threads;
		this.dataConsistency = dataConsistency;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public FloatVolume reconstruct(final KSpace kspace, final Progress progress) {
		final ModelFiles files = ModelLocator.resolve(model);
		progress.status("Loading U-Net " + files.params().getFileName());
		try (UNetModel net = UNetModel.load(files, threads)) {
			final ComplexStack data = kspace.data();
			final int slices = data.slices();
			float[][] out = null;
			int width = 0, height = 0;
			int done = 0;
			while (done < slices) {
				progress.checkCancelled();
				final KSpace first = kspace.slice(done);
				final FloatVolume probe = zeroFilled(first);
				width = probe.width();
				height = probe.height();
				final int batch = Math.max(1, Math.min(slices - done, PIXELS_PER_BATCH / (width * height)));
				if (out == null) out = new float[slices][];
				final float[][] inputs = new float[batch][];
				inputs[0] = probe.slice(0);
				for (int b = 1; b < batch; b++)
					inputs[b] = zeroFilled(kspace.slice(done + b)).slice(0);
				progress.status("U-Net on slices " + (done + 1) + "-" + (done + batch) + " of " + slices);
				final float[][] result = UNetInference.apply(net, inputs, width, height, batch, Progress.NONE);
				for (int b = 0; b < batch; b++)
					out[done + b] = dataConsistency && data.coils() == 1 && width == data.width() && height == data
						.height() ? consistent(result[b], kspace.slice(done + b)) : result[b];
				done += batch;
				progress.progress(done, slices);
			}
			return new FloatVolume(width, height, out);
		}
		catch (final AccelMRException e) {
			throw e;
		}
		catch (final RuntimeException e) {
			throw new AccelMRException("U-Net reconstruction failed: " + e.getMessage(), e);
		}
	}

	private FloatVolume zeroFilled(final KSpace slice) {
		final ComplexStack images = slice.data().copy();
		CenteredFFT.inverse(images, threads);
		return Reconstructions.cropToReference(CoilCombination.rss(images), slice.info());
	}

	/** Single-coil data consistency; see the class comment. */
	private float[] consistent(final float[] magnitude, final KSpace slice) {
		final float[] measured = slice.data().plane(0, 0);
		final int w = slice.data().width(), h = slice.data().height();
		final float[] x0 = measured.clone();
		CenteredFFT.inverse(x0, w, h);
		final float[] x = new float[2 * w * h];
		for (int i = 0; i < w * h; i++) {
			final double phase = Math.atan2(x0[2 * i + 1], x0[2 * i]);
			x[2 * i] = (float) (magnitude[i] * Math.cos(phase));
			x[2 * i + 1] = (float) (magnitude[i] * Math.sin(phase));
		}
		CenteredFFT.forward(x, w, h);
		final SamplingMask mask = slice.maskOrFull();
		for (int y = 0; y < h; y++)
			for (int c = 0; c < w; c++)
				if (mask.isSampled(y, c)) {
					final int i = y * w + c;
					x[2 * i] = measured[2 * i];
					x[2 * i + 1] = measured[2 * i + 1];
				}
		CenteredFFT.inverse(x, w, h);
		final float[] out = new float[w * h];
		for (int i = 0; i < out.length; i++)
			out[i] = (float) Math.hypot(x[2 * i], x[2 * i + 1]);
		return out;
	}
}
