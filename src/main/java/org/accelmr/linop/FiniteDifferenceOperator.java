package org.accelmr.linop;

import java.util.Arrays;

/**
 * Forward differences of a {@code height x width} image along x and y: the output holds the x-differences
 * plane, then the y-differences plane, {@code (Du)_x[y,x] = u[y,x+1] - u[y,x]},
 * {@code (Du)_y[y,x] = u[y+1,x] - u[y,x]}. The TV operator (BART {@code linop_grad_create}).
 * <p>
 * Boundary: {@link Boundary#PERIODIC} wraps around (as BART's circular shifts; ‖D‖² ≤ 8), {@link Boundary#NEUMANN}
 * sets the last difference of each row/column to zero (no jump across the image edge).
 */
public final class FiniteDifferenceOperator implements LinearOperator {

	/** How differences treat the last row and column. */
	public enum Boundary {
		PERIODIC, NEUMANN
	}

	private final int width;
	private final int height;
	private final boolean periodic;

	public FiniteDifferenceOperator(final int width, final int height, final Boundary boundary) {
		this.width = width;
		this.height = height;
		this.periodic = boundary == Boundary.PERIODIC;
	}

	@Override
	public int domainSize() {
		return width * height;
	}

	@Override
	public int codomainSize() {
		return 2 * width * height;
	}

	@Override
	public void apply(final float[] u, final float[] d) {
		LinearOperator.checkLength(u, domainSize(), "FiniteDifferenceOperator input");
		LinearOperator.checkLength(d, codomainSize(), "FiniteDifferenceOperator output");
		// branch-free loops over whole rows (the JIT vectorises them); the edges apart
		final int n2 = 2 * width * height, rowLength = 2 * width;
		for (int y = 0; y < height; y++) {
			final int row = y * rowLength, last = row + rowLength - 2;
			for (int k = row; k < last; k++)
				d[k] = u[k + 2] - u[k];
			d[last] = periodic ? u[row] - u[last] : 0;
			d[last + 1] = periodic ? u[row + 1] - u[last + 1] : 0;
			final int below = y + 1 < height ? row + rowLength : periodic ? 0 : -1;
			if (below < 0) Arrays.fill(d, n2 + row, n2 + row + rowLength, 0);
			else for (int k = 0; k < rowLength; k++)
				d[n2 + row + k] = u[below + k] - u[row + k];
		}
	}

	/**
	 * {@code u = D^H d}: each pixel gains its left and upper neighbours' differences (those that end at it) and
	 * loses its own, where they exist.
	 */
	@Override
	public void applyAdjoint(final float[] d, final float[] u) {
		LinearOperator.checkLength(d, codomainSize(), "FiniteDifferenceOperator input");
		LinearOperator.checkLength(u, domainSize(), "FiniteDifferenceOperator output");
		final int n2 = 2 * width * height, rowLength = 2 * width;
		for (int y = 0; y < height; y++) {
			final int row = y * rowLength, last = row + rowLength - 2;
			if (width == 1) {
				u[row] = 0; // periodic: its own difference ends at itself, d - d
				u[row + 1] = 0;
			}
			else {
				u[row] = (periodic ? d[last] : 0) - d[row];
				u[row + 1] = (periodic ? d[last + 1] : 0) - d[row + 1];
				for (int k = row + 2; k < last; k++)
					u[k] = d[k - 2] - d[k];
				u[last] = d[last - 2] - (periodic ? d[last] : 0);
				u[last + 1] = d[last - 1] - (periodic ? d[last + 1] : 0);
			}
			final int above = y > 0 ? row - rowLength : periodic ? n2 - rowLength : -1;
			final boolean down = y + 1 < height || periodic;
			if (above >= 0 && down) for (int k = 0; k < rowLength; k++)
				u[row + k] += d[n2 + above + k] - d[n2 + row + k];
			else if (above >= 0) for (int k = 0; k < rowLength; k++)
				u[row + k] += d[n2 + above + k];
			else if (down) for (int k = 0; k < rowLength; k++)
				u[row + k] -= d[n2 + row + k];
		}
	}

	/**
	 * {@code out = D^H D u}, the (negative) graph Laplacian in one pass without the 2n-element difference field:
	 * {@code out[p] = Σ_q (u[p] - u[q])} over the neighbours q that share a difference with p (left, right, up,
	 * down; at a Neumann edge the missing ones drop out). ADMM for TV applies it in every inner CG step.
	 */
	@Override
	public void applyNormal(final float[] u, final float[] out) {
		LinearOperator.checkLength(u, domainSize(), "FiniteDifferenceOperator input");
		LinearOperator.checkLength(out, domainSize(), "FiniteDifferenceOperator output");
		for (int y = 0; y < height; y++) {
			final int up = neighbour(y, -1, height), down = neighbour(y, 1, height);
			final int row = 2 * y * width;
			for (int x = 0; x < width; x++) {
				final int i = row + 2 * x;
				final int left = neighbour(x, -1, width), right = neighbour(x, 1, width);
				final float ur = u[i], ui = u[i + 1];
				float sr = 0, si = 0;
				if (left >= 0) {
					sr += ur - u[row + 2 * left];
					si += ui - u[row + 2 * left + 1];
				}
				if (right >= 0) {
					sr += ur - u[row + 2 * right];
					si += ui - u[row + 2 * right + 1];
				}
				if (up >= 0) {
					sr += ur - u[2 * (up * width + x)];
					si += ui - u[2 * (up * width + x) + 1];
				}
				if (down >= 0) {
					sr += ur - u[2 * (down * width + x)];
					si += ui - u[2 * (down * width + x) + 1];
				}
				out[i] = sr;
				out[i + 1] = si;
			}
		}
	}

	/** Index of the neighbour at {@code i + step} on an axis of {@code n}, wrapped if periodic, else -1 off the edge. */
	private int neighbour(final int i, final int step, final int n) {
		final int j = i + step;
		if (j >= 0 && j < n) return j;
		return periodic ? (j + n) % n : -1;
	}
}
