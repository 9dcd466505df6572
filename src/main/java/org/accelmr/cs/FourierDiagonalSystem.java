package org.accelmr.cs;

import org.jtransforms.fft.FloatFFT_2D;

/**
 * The exact solution of {@code (N + ρ G^H G) x = r} when both N and {@code G^H G} are shift-invariant (periodic)
 * on the image, so one 2-D DFT diagonalises the system: {@code x = F0^-1 [F0 r / (d + ρ e)]}, with d the
 * diagonal of N ({@link org.accelmr.linop.LinearOperator#normalFourierDiagonal}) and e the eigenvalues of
 * {@code G^H G}, read off its response to a unit impulse. This is the Fourier-domain x-update of split-Bregman TV
 * for single-coil Cartesian MRI (Goldstein and Osher 2009; Yang, Zhang and Yin 2010): ADMM then takes an exact
 * step where the CG inner loop took an approximate one, and settles in far fewer iterations. Frequencies where
 * both vanish (unsampled and in G's null space, i.e. DC when it is not sampled) are left at zero.
 */
final class FourierDiagonalSystem implements VectorMap {

	private final FloatFFT_2D fft;
	private final float[] inverseDiagonal;

	/**
	 * @param diagonal d, {@code height x width} in plain DFT order
	 * @param normalG {@code G^H G}, which must be a periodic convolution
	 */
	FourierDiagonalSystem(final float[] diagonal, final int width, final int height, final double rho,
		final VectorMap normalG)
	{
		final int n = width * height;
		if (diagonal.length != n) throw new IllegalArgumentException("diagonal has " + diagonal.length +
			" values, expected " + n);
		fft = new FloatFFT_2D(height, width);
		final float[] impulse = new float[2 * n], response = new float[2 * n];
		impulse[0] = 1;
		normalG.apply(impulse, response);
		fft.complexForward(response);
		inverseDiagonal = new float[n];
		for (int k = 0; k < n; k++) {
			final double value = diagonal[k] + rho * response[2 * k];
			inverseDiagonal[k] = value > 1e-9 ? (float) (1 / value) : 0;
		}
	}

	@Override
	public void apply(final float[] r, final float[] x) {
		System.arraycopy(r, 0, x, 0, r.length);
		fft.complexForward(x);
		for (int k = 0; k < inverseDiagonal.length; k++) {
			x[2 * k] *= inverseDiagonal[k];
			x[2 * k + 1] *= inverseDiagonal[k];
		}
		fft.complexInverse(x, true);
	}
}
