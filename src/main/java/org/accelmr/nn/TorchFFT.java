package org.accelmr.nn;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The centred orthonormal 2-D DFT over the last two axes of a {@link ComplexTensor}, inside the DJL graph so
 * gradients flow through it; the same transform as {@link org.accelmr.kspace.CenteredFFT}:
 * {@code kspace = fftshift(fft2(ifftshift(image))) / sqrt(H W)}, {@code image = fftshift(ifft2(ifftshift(kspace)))
 * sqrt(H W)}.
 *
 * <p>How: DJL cannot turn a real pair that needs gradients into a complex array (see {@link ComplexTensor}), but
 * PyTorch's {@code fft2} of a real array is differentiable and so is {@code view_as_real} of its result. By
 * linearity {@code F(a + ib) = F(a) + i F(b)}: both parts are transformed in one call (stacked on a new first
 * axis) and recombined in real arithmetic. The shifts: for even sizes a half-length shift of the input is the
 * factor {@code (-1)^index} on the output and vice versa, so the centred transform is
 * {@code (-1)^(H/2 + W/2) C F(C x)} with the checkerboard {@code C = (-1)^(y + x)}, two multiplications instead of
 * copies; odd sizes use slice-and-concatenate rolls.
 * Measured against an exact DFT written as matrix products in {@code TorchFFTBenchmark}.
 */
public final class TorchFFT {

	private static final Map<Long, float[]> CHECKERBOARDS = new ConcurrentHashMap<>();

	private TorchFFT() {}

	/** Image to k-space. */
	public static ComplexTensor forward(final ComplexTensor x) {
		return transform(x, true);
	}

	/** k-space to image. */
	public static ComplexTensor inverse(final ComplexTensor k) {
		return transform(k, false);
	}

	private static ComplexTensor transform(final ComplexTensor x, final boolean forward) {
		if (ai.djl.pytorch.jni.JniUtils.isGradMode()) return transformInGraph(x, forward);
		// without gradients nothing needs the transform's temporaries (about 8x its input)
		return Temporaries.freed(() -> transformInGraph(x, forward), x);
	}

	private static ComplexTensor transformInGraph(final ComplexTensor x, final boolean forward) {
		final int rank = x.re().getShape().dimension();
		final int hAxis = rank - 2, wAxis = rank - 1;
		final long h = x.re().getShape().get(hAxis), w = x.re().getShape().get(wAxis);
		final float scale = (float) (forward ? 1 / Math.sqrt((double) h * w) : Math.sqrt((double) h * w));
		final boolean even = h % 2 == 0 && w % 2 == 0;
		final NDArray checkerboard = even ? x.re().getManager().create(checkerboard((int) h, (int) w), new Shape(h,
			w)) : null;
		final NDArray re0 = even ? x.re().mul(checkerboard) : ifftShift(x.re(), hAxis, h, wAxis, w);
		final NDArray im0 = even ? x.im().mul(checkerboard) : ifftShift(x.im(), hAxis, h, wAxis, w);
		final NDArray both = re0.stack(im0, 0);
		final long[] sizes = { h, w }, axes = { hAxis + 1, wAxis + 1 };
		final NDArray spectrum = (forward ? both.fft2(sizes, axes) : both.ifft2(sizes, axes)).real();
		// spectrum: (2, ..., H, W, 2): [part of the input][..][re/im of its transform]
		final NDArray fa = spectrum.get(new NDIndex("0, ..., 0")), ga = spectrum.get(new NDIndex("0, ..., 1"));
		final NDArray fb = spectrum.get(new NDIndex("1, ..., 0")), gb = spectrum.get(new NDIndex("1, ..., 1"));
		if (even) {
			// (-1)^(H/2 + W/2) and the orthonormal scale ride on the output modulation
			final NDArray post = checkerboard.mul((h / 2 + w / 2) % 2 == 0 ? scale : -scale);
			return new ComplexTensor(fa.sub(gb).mul(post), ga.add(fb).mul(post));
		}
		final NDArray factor = GraphScalar.of(fa, scale);
		final NDArray re = fa.sub(gb).mul(factor), im = ga.add(fb).mul(factor);
		return new ComplexTensor(roll(roll(re, hAxis, h / 2), wAxis, w / 2), roll(roll(im, hAxis, h / 2), wAxis, w /
			2));
	}

	/** {@code (-1)^(y + x)}, row-major {@code h x w}; cached per size. */
	private static float[] checkerboard(final int h, final int w) {
		return CHECKERBOARDS.computeIfAbsent(((long) h << 32) | w, key -> {
			final float[] c = new float[h * w];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					c[y * w + x] = (x + y) % 2 == 0 ? 1 : -1;
			return c;
		});
	}

	private static NDArray ifftShift(final NDArray a, final int hAxis, final long h, final int wAxis, final long w) {
		return roll(roll(a, hAxis, h - h / 2), wAxis, w - w / 2);
	}

	/** {@code out[(i + shift) mod n] = in[i]} along {@code axis}. */
	static NDArray roll(final NDArray a, final int axis, final long shift) {
		final long n = a.getShape().get(axis);
		final long s = Math.floorMod(shift, n);
		if (s == 0) return a;
		final NDArray tail = a.get(new NDIndex().addAllDim(axis).addSliceDim(n - s, n));
		final NDArray head = a.get(new NDIndex().addAllDim(axis).addSliceDim(0, n - s));
		return tail.concat(head, axis);
	}
}
