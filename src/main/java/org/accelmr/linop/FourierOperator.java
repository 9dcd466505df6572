package org.accelmr.linop;

import org.accelmr.kspace.CenteredFFT;
import org.jtransforms.fft.FloatFFT_2D;

/**
 * The centred orthonormal 2-D DFT ({@link CenteredFFT}'s convention, {@code bart fft -u 3}) applied to each of
 * {@code planes} consecutive {@code height x width} planes of a vector (coil images to coil k-space). Unitary, so
 * the adjoint is the inverse and the normal operator is the identity.
 * <p>
 * Speed: for even sizes the shifts are folded into sign flips instead of copies. With {@code n' = n - N/2} and
 * {@code k' = k - N/2}, {@code exp(-2πi n'k'/N) = (-1)^(n+k+N/2) exp(-2πi nk/N)}, so the centred transform is the
 * plain transform of {@code (-1)^(y+x) x} times {@code (-1)^(ky+kx+H/2+W/2)}. Odd sizes use {@link CenteredFFT}.
 */
public final class FourierOperator implements LinearOperator {

	private final int width;
	private final int height;
	private final int planes;
	private final boolean even;
	private final float[] buffer;
	private final FloatFFT_2D fft;
	private final float scale;
	private final boolean flipOutput; // (-1)^(H/2 + W/2)

	public FourierOperator(final int width, final int height, final int planes) {
		this.width = width;
		this.height = height;
		this.planes = planes;
		this.even = width % 2 == 0 && height % 2 == 0;
		this.buffer = new float[2 * width * height];
		this.fft = even ? new FloatFFT_2D(height, width) : null;
		this.scale = (float) (1 / Math.sqrt((double) width * height));
		this.flipOutput = even && ((height / 2 + width / 2) & 1) == 1;
	}

	@Override
	public int domainSize() {
		return planes * width * height;
	}

	@Override
	public int codomainSize() {
		return domainSize();
	}

	@Override
	public void apply(final float[] x, final float[] y) {
		transformAll(x, y, true);
	}

	@Override
	public void applyAdjoint(final float[] y, final float[] x) {
		transformAll(y, x, false);
	}

	@Override
	public void applyNormal(final float[] x, final float[] out) {
		System.arraycopy(x, 0, out, 0, x.length);
	}

	private void transformAll(final float[] in, final float[] out, final boolean forward) {
		LinearOperator.checkLength(in, domainSize(), "FourierOperator input");
		LinearOperator.checkLength(out, domainSize(), "FourierOperator output");
		final int n = buffer.length;
		for (int p = 0; p < planes; p++)
			transformPlane(in, out, p * n, forward);
	}

	/** One plane at float offset {@code off} of {@code in} into the same place of {@code out}. */
	public void transformPlane(final float[] in, final float[] out, final int off, final boolean forward) {
		final int n = buffer.length;
		if (!even) {
			System.arraycopy(in, off, buffer, 0, n);
			if (forward) CenteredFFT.forward(buffer, width, height);
			else CenteredFFT.inverse(buffer, width, height);
			System.arraycopy(buffer, 0, out, off, n);
			return;
		}
		modulate(in, off, buffer, 0, 1f);
		if (forward) fft.complexForward(buffer);
		else fft.complexInverse(buffer, false);
		modulate(buffer, 0, out, off, flipOutput ? -scale : scale);
	}

	/** {@code dst = factor * (-1)^(y+x) * src}, plane-wise. */
	private void modulate(final float[] src, final int srcOff, final float[] dst, final int dstOff,
		final float factor)
	{
		final int row = 2 * width;
		for (int y = 0; y < height; y++) {
			final int s = srcOff + y * row, d = dstOff + y * row;
			final float even0 = (y & 1) == 0 ? factor : -factor; // sign at x = 0
			for (int i = 0; i < row; i += 4) {
				dst[d + i] = even0 * src[s + i];
				dst[d + i + 1] = even0 * src[s + i + 1];
				dst[d + i + 2] = -even0 * src[s + i + 2];
				dst[d + i + 3] = -even0 * src[s + i + 3];
			}
		}
	}
}
