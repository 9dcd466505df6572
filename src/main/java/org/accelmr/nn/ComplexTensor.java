package org.accelmr.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * A complex tensor inside a DJL graph, held as its real and imaginary parts (two real arrays of one shape).
 * DJL 0.36 makes complex arrays only through {@code view_as_complex_copy}, which PyTorch's autograd refuses on
 * inputs that need gradients, so the variational network keeps every complex quantity as such a pair and does
 * its arithmetic in real operations; only the FFT goes through PyTorch's complex type ({@link TorchFFT}).
 *
 * @param re real part
 * @param im imaginary part, same shape
 */
public record ComplexTensor(NDArray re, NDArray im) {

	/** Interleaved re/im values (as {@link org.accelmr.kspace.ComplexStack} planes) as a pair of {@code shape}. */
	public static ComplexTensor fromInterleaved(final NDManager manager, final float[] interleaved,
		final ai.djl.ndarray.types.Shape shape)
	{
		final int n = interleaved.length / 2;
		final float[] re = new float[n], im = new float[n];
		for (int i = 0; i < n; i++) {
			re[i] = interleaved[2 * i];
			im[i] = interleaved[2 * i + 1];
		}
		return new ComplexTensor(manager.create(re, shape), manager.create(im, shape));
	}

	/** The values interleaved re/im, row-major. */
	public float[] toInterleaved() {
		final float[] r = re.toFloatArray(), i = im.toFloatArray();
		final float[] out = new float[2 * r.length];
		for (int j = 0; j < r.length; j++) {
			out[2 * j] = r[j];
			out[2 * j + 1] = i[j];
		}
		return out;
	}

	public ComplexTensor add(final ComplexTensor o) {
		return new ComplexTensor(re.add(o.re), im.add(o.im));
	}

	public ComplexTensor sub(final ComplexTensor o) {
		return new ComplexTensor(re.sub(o.re), im.sub(o.im));
	}

	/** Times a real array (broadcast), e.g. a mask or a weight. */
	public ComplexTensor mul(final NDArray real) {
		return new ComplexTensor(re.mul(real), im.mul(real));
	}

	/** The complex product (broadcast). */
	public ComplexTensor mul(final ComplexTensor o) {
		return new ComplexTensor(re.mul(o.re).sub(im.mul(o.im)), re.mul(o.im).add(im.mul(o.re)));
	}

	/** {@code conj(this) * o} (broadcast): the adjoint of multiplying by this. */
	public ComplexTensor conjMul(final ComplexTensor o) {
		return new ComplexTensor(re.mul(o.re).add(im.mul(o.im)), re.mul(o.im).sub(im.mul(o.re)));
	}

	/** Sum over {@code axis}, kept as a size-1 axis. */
	public ComplexTensor sum(final int axis) {
		return new ComplexTensor(re.sum(new int[] { axis }, true), im.sum(new int[] { axis }, true));
	}

	/** {@code |z|^2} summed over {@code axis} (kept), as a real array. */
	public NDArray squaredMagnitudeSum(final int axis) {
		return re.square().add(im.square()).sum(new int[] { axis }, true);
	}

	/** Both parts as one list (for DJL blocks). */
	public NDList toList() {
		return new NDList(re, im);
	}
}
