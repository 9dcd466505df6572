package org.accelmr.kspace;

import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jtransforms.fft.FloatFFT_1D;
import org.jtransforms.fft.FloatFFT_2D;

import org.visnow.jlargearrays.ConcurrencyUtils;

/**
 * The centred, orthonormal 2-D discrete Fourier transform over the last two axes, the convention of fastMRI and
 * BART ({@code bart fft -u -i 3}):
 * <pre>
 * image  = fftshift(ifft2(ifftshift(kspace), norm = "ortho"))
 * kspace = fftshift( fft2(ifftshift(image),  norm = "ortho"))
 * </pre>
 * Both directions are unitary, so the inverse is the adjoint and norms are kept. Planes are interleaved re/im,
 * row-major (see {@link ComplexStack}); odd sizes are handled by true shifts, not by sign tricks.
 * <p>
 * JTransforms is held to one thread: parallelism comes from transforming several planes at once, which
 * scales better for the many coils and slices of MRI data than splitting one plane.
 */
public final class CenteredFFT {

	static {
		ConcurrencyUtils.setNumberOfThreads(1);
	}

	// Plans keep scratch buffers (power-of-two sizes), so one plan must not run on two threads at once: each
	// transform borrows an idle plan of its size and returns it afterwards.
	private static final Map<Long, Queue<FloatFFT_2D>> PLANS = new ConcurrentHashMap<>();
	// FloatFFT_2D rejects a single row or column; such a plane is a 1-D signal of width * height samples
	private static final Map<Long, Queue<FloatFFT_1D>> LINE_PLANS = new ConcurrentHashMap<>();

	private CenteredFFT() {}

	/** k-space to image, in place on one plane. */
	public static void inverse(final float[] plane, final int width, final int height) {
		transform(plane, plane, width, height, false);
	}

	/**
	 * k-space to image, out of place: {@code image} gets the inverse of {@code kspace}, which is not modified
	 * (the same numbers as the in-place transform of a copy, without the copy).
	 */
	public static void inverse(final float[] kspace, final float[] image, final int width, final int height) {
		if (image.length != kspace.length) throw new IllegalArgumentException("output of " + image.length +
			" floats for an input of " + kspace.length);
		transform(kspace, image, width, height, false);
	}

	/** Image to k-space, in place on one plane. */
	public static void forward(final float[] plane, final int width, final int height) {
		transform(plane, plane, width, height, true);
	}

	/** k-space to image for every plane, in place, on up to {@code threads} threads. */
	public static void inverse(final ComplexStack stack, final int threads) {
		forEachPlane(stack, threads, false);
	}

	/** Image to k-space for every plane, in place, on up to {@code threads} threads. */
	public static void forward(final ComplexStack stack, final int threads) {
		forEachPlane(stack, threads, true);
	}

	/** The number of threads to use by default: all available processors. */
	public static int defaultThreads() {
		return Runtime.getRuntime().availableProcessors();
	}

	private static void forEachPlane(final ComplexStack stack, final int threads, final boolean forward) {
		final int w = stack.width(), h = stack.height();
		ParallelLoop.forEach(stack.planeCount(), threads, i -> transform(stack.plane(i), stack.plane(i), w, h,
			forward));
	}

	/** {@code out} = the transform of {@code plane}; the two may be the same array. */
	private static void transform(final float[] plane, final float[] out, final int width, final int height,
		final boolean forward)
	{
		if (plane.length != 2 * width * height) throw new IllegalArgumentException("plane of " + plane.length +
			" floats is not " + height + "x" + width + " complex");
		final float[] work = new float[plane.length];
		// ifftshift: move the centre sample (index n/2) to index 0
		roll(plane, work, width, height, width - width / 2, height - height / 2);
		if (width == 1 || height == 1) {
			final Queue<FloatFFT_1D> idle = LINE_PLANS.computeIfAbsent((long) width * height,
				k -> new ConcurrentLinkedQueue<>());
			final FloatFFT_1D line = Objects.requireNonNullElseGet(idle.poll(), () -> new FloatFFT_1D(
				(long) width * height));
			if (forward) line.complexForward(work);
			else line.complexInverse(work, false);
			idle.offer(line);
		}
		else {
			final Queue<FloatFFT_2D> idle = PLANS.computeIfAbsent(((long) height << 32) | width,
				k -> new ConcurrentLinkedQueue<>());
			final FloatFFT_2D fft = Objects.requireNonNullElseGet(idle.poll(), () -> new FloatFFT_2D(height,
				width));
			if (forward) fft.complexForward(work);
			else fft.complexInverse(work, false);
			idle.offer(fft);
		}
		// fftshift, with the orthonormal scale folded in
		final float scale = (float) (1 / Math.sqrt((double) width * height));
		for (int i = 0; i < work.length; i++)
			work[i] *= scale;
		roll(work, out, width, height, width / 2, height / 2);
	}

	/** {@code out[(y + dy) % h][(x + dx) % w] = in[y][x]}, complex interleaved. */
	private static void roll(final float[] in, final float[] out, final int w, final int h, final int dx,
		final int dy)
	{
		for (int y = 0; y < h; y++) {
			final int src = 2 * y * w;
			final int dst = 2 * ((y + dy) % h) * w;
			final int first = w - dx; // columns that move right without wrapping
			System.arraycopy(in, src, out, dst + 2 * dx, 2 * first);
			System.arraycopy(in, src + 2 * first, out, dst, 2 * dx);
		}
	}
}
