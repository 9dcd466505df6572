package org.accelmr.cs;

import org.jtransforms.fft.FloatFFT_1D;
import org.jtransforms.fft.FloatFFT_2D;

/**
 * The exact solution of {@code (N + ρ G^H G) x = r} when both N and {@code G^H G} are shift-invariant (periodic)
 * on the image, so one 2-D DFT diagonalises the system: {@code x = F0^-1 [F0 r / (d + ρ e)]}, with d the
 * diagonal of N ({@link org.accelmr.linop.LinearOperator#normalFourierDiagonal}) and e the eigenvalues of
 * {@code G^H G}, read off its response to a unit impulse. This is the Fourier-domain x-update of split-Bregman TV
 * for single-coil Cartesian MRI (Goldstein and Osher 2009; Yang, Zhang and Yin 2010): ADMM then takes an exact
 * step where the CG inner loop took an approximate one, and settles in far fewer iterations. Frequencies where
 * both vanish (unsampled and in G's null space, i.e. DC when it is not sampled) are left at zero.
 * <p>
 * Column masks with TV's differences (d constant along y, {@code G^H G} the periodic 5-point Laplacian
 * {@code L_x + L_y}) take a cheaper exact route: after the DFT along x, each column frequency kx leaves the
 * cyclic tridiagonal system {@code (d(kx) + ρ e_x(kx)) v + ρ L_y v = r} along y, solved by the Thomas algorithm
 * with a Sherman-Morrison correction for the corners, swept row by row over all kx at once. That replaces the
 * strided column transforms, which took most of the time of the 2-D pair (results equal to it to float rounding).
 */
final class FourierDiagonalSystem implements VectorMap {

	private final int width;
	private final int height;
	// general route
	private final FloatFFT_2D fft;
	private final float[] inverseDiagonal;
	// column route: Thomas factors per (y, kx), the corner correction per kx
	private final FloatFFT_1D rowFft;
	private final float offDiagonal; // -ρ
	private final float[] upper; // c'_y
	private final float[] inversePivot; // 1 / m_y
	private final float[] correction; // z_y: the tridiagonal solve of the corner vector
	private final float[] cornerFactor; // β / γ
	private final float[] inverseDenominator; // 1 / (1 + z_0 + β z_{H-1} / γ)
	private final float[] factor; // per kx, the correction's complex weight (scratch)

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
		this.width = width;
		this.height = height;
		final float[] impulse = new float[2 * n], response = new float[2 * n];
		impulse[0] = 1;
		normalG.apply(impulse, response);
		final double[] columnDiagonal = columnRoute(diagonal, response, width, height, rho);
		if (columnDiagonal == null) {
			fft = new FloatFFT_2D(height, width);
			fft.complexForward(response);
			inverseDiagonal = new float[n];
			for (int k = 0; k < n; k++) {
				final double value = diagonal[k] + rho * response[2 * k];
				inverseDiagonal[k] = value > 1e-9 ? (float) (1 / value) : 0;
			}
			rowFft = null;
			offDiagonal = 0;
			upper = inversePivot = correction = cornerFactor = inverseDenominator = factor = null;
			return;
		}
		fft = null;
		inverseDiagonal = null;
		rowFft = new FloatFFT_1D(width);
		offDiagonal = (float) -rho;
		upper = new float[n];
		inversePivot = new float[n];
		correction = new float[n];
		cornerFactor = new float[width];
		inverseDenominator = new float[width];
		factor = new float[2 * width];
		final double e = -rho;
		final double[] pivot = new double[height], up = new double[height], z = new double[height];
		for (int kx = 0; kx < width; kx++) {
			final double b = columnDiagonal[kx] + 2 * rho, gamma = -b;
			// Sherman-Morrison (Numerical Recipes' cyclic): A = A' + u v^T, u = (γ, 0, ..., 0, e), v = (1, 0, ..., 0, e/γ)
			for (int y = 0; y < height; y++) {
				final double diag = y == 0 ? b - gamma : y == height - 1 ? b - e * e / gamma : b;
				pivot[y] = y == 0 ? diag : diag - e * up[y - 1];
				up[y] = e / pivot[y];
				upper[y * width + kx] = (float) up[y];
				inversePivot[y * width + kx] = (float) (1 / pivot[y]);
			}
			for (int y = 0; y < height; y++) { // z = A'^-1 u
				final double u = y == 0 ? gamma : y == height - 1 ? e : 0;
				z[y] = (y == 0 ? u : u - e * z[y - 1]) / pivot[y];
			}
			for (int y = height - 2; y >= 0; y--)
				z[y] -= up[y] * z[y + 1];
			for (int y = 0; y < height; y++)
				correction[y * width + kx] = (float) z[y];
			cornerFactor[kx] = (float) (e / gamma);
			inverseDenominator[kx] = (float) (1 / (1 + z[0] + e / gamma * z[height - 1]));
		}
	}

	/**
	 * d(kx) + ρ e_x(kx) per column frequency when the column route applies (d constant along y, the response the
	 * periodic 5-point Laplacian, at least 3 rows, no column singular), else null.
	 */
	private static double[] columnRoute(final float[] diagonal, final float[] response, final int width,
		final int height, final double rho)
	{
		if (height < 3 || width < 3) return null;
		for (int y = 1; y < height; y++)
			for (int x = 0; x < width; x++)
				if (diagonal[y * width + x] != diagonal[x]) return null;
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				final int i = 2 * (y * width + x);
				final boolean centre = x == 0 && y == 0, neighbour = (y == 0 && (x == 1 || x == width - 1)) || (x == 0 &&
					(y == 1 || y == height - 1));
				final double expected = centre ? 4 : neighbour ? -1 : 0;
				if (Math.abs(response[i] - expected) > 1e-6 || Math.abs(response[i + 1]) > 1e-6) return null;
			}
		final double[] alpha = new double[width];
		for (int kx = 0; kx < width; kx++) {
			alpha[kx] = diagonal[kx] + rho * (2 - 2 * Math.cos(2 * Math.PI * kx / width));
			if (!(alpha[kx] > 1e-9)) return null; // ρ L_y alone is singular: the general route's pseudo-inverse
		}
		return alpha;
	}

	/** True when the column route (row DFTs and tridiagonal solves along y) is used. */
	boolean solvesByColumns() {
		return fft == null;
	}

	@Override
	public void apply(final float[] r, final float[] x) {
		System.arraycopy(r, 0, x, 0, r.length);
		if (fft != null) {
			fft.complexForward(x);
			for (int k = 0; k < inverseDiagonal.length; k++) {
				x[2 * k] *= inverseDiagonal[k];
				x[2 * k + 1] *= inverseDiagonal[k];
			}
			fft.complexInverse(x, true);
			return;
		}
		final int w = width, h = height;
		for (int y = 0; y < h; y++)
			rowFft.complexForward(x, 2 * y * w);
		final float e = offDiagonal;
		for (int kx = 0; kx < w; kx++) {
			x[2 * kx] *= inversePivot[kx];
			x[2 * kx + 1] *= inversePivot[kx];
		}
		for (int y = 1; y < h; y++) { // forward sweep, all kx of a row at once
			final int row = y * w, previous = 2 * (y - 1) * w;
			for (int kx = 0; kx < w; kx++) {
				final int i = 2 * (row + kx);
				final float p = inversePivot[row + kx];
				x[i] = (x[i] - e * x[previous + 2 * kx]) * p;
				x[i + 1] = (x[i + 1] - e * x[previous + 2 * kx + 1]) * p;
			}
		}
		for (int y = h - 2; y >= 0; y--) { // back substitution
			final int row = y * w, next = 2 * (y + 1) * w;
			for (int kx = 0; kx < w; kx++) {
				final int i = 2 * (row + kx);
				final float c = upper[row + kx];
				x[i] -= c * x[next + 2 * kx];
				x[i + 1] -= c * x[next + 2 * kx + 1];
			}
		}
		final int last = 2 * (h - 1) * w;
		final float[] f = factor;
		for (int kx = 0; kx < w; kx++) { // Sherman-Morrison: x -= z (x_0 + β x_{H-1} / γ) / (1 + z_0 + β z_{H-1} / γ)
			f[2 * kx] = (x[2 * kx] + cornerFactor[kx] * x[last + 2 * kx]) * inverseDenominator[kx];
			f[2 * kx + 1] = (x[2 * kx + 1] + cornerFactor[kx] * x[last + 2 * kx + 1]) * inverseDenominator[kx];
		}
		final float scale = 1f / w; // the inverse DFT's 1/W, here instead of in a pass of its own
		for (int y = 0; y < h; y++) {
			final int row = y * w;
			for (int kx = 0; kx < w; kx++) {
				final int i = 2 * (row + kx);
				final float z = correction[row + kx];
				x[i] = (x[i] - f[2 * kx] * z) * scale;
				x[i + 1] = (x[i + 1] - f[2 * kx + 1] * z) * scale;
			}
			rowFft.complexInverse(x, 2 * row, false);
		}
	}
}
