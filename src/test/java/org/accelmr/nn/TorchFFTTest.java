package org.accelmr.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.accelmr.kspace.CenteredFFT;
import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

class TorchFFTTest {

	static float[] gaussian(final int n, final long seed) {
		final Random r = new Random(seed);
		final float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = (float) r.nextGaussian();
		return v;
	}

	/**
	 * Both paths: in the graph (gradient mode, for training) and without gradients, where the transform frees its
	 * temporaries and keeps only its result, which must outlive them.
	 */
	@Test
	void equalsCenteredFFTOnEvenAndOddSizesBothWays() {
		TorchRuntime.engine(1);
		final boolean before = ai.djl.pytorch.jni.JniUtils.isGradMode();
		try {
			for (final boolean gradients : new boolean[] { true, false }) {
				ai.djl.pytorch.jni.JniUtils.setGradMode(gradients);
				equalsCenteredFFT();
			}
		}
		finally {
			ai.djl.pytorch.jni.JniUtils.setGradMode(before);
		}
	}

	private static void equalsCenteredFFT() {
		for (final int[] hw : new int[][] { { 8, 8 }, { 6, 5 }, { 7, 12 }, { 1, 9 } })
			try (NDManager m = NDManager.newBaseManager()) {
				final int h = hw[0], w = hw[1], planes = 2 * 3;
				final float[] data = gaussian(2 * planes * h * w, h * 31 + w);
				final ComplexTensor x = ComplexTensor.fromInterleaved(m, data, new Shape(2, 3, h, w));
				for (final boolean forward : new boolean[] { true, false }) {
					final float[] got = (forward ? TorchFFT.forward(x) : TorchFFT.inverse(x)).toInterleaved();
					final float[] expected = data.clone();
					for (int p = 0; p < planes; p++) {
						final float[] plane = new float[2 * h * w];
						System.arraycopy(expected, p * plane.length, plane, 0, plane.length);
						if (forward) CenteredFFT.forward(plane, w, h);
						else CenteredFFT.inverse(plane, w, h);
						System.arraycopy(plane, 0, expected, p * plane.length, plane.length);
					}
					assertArrayEquals(expected, got, 1e-5f, h + "x" + w + (forward ? " forward" : " inverse"));
				}
			}
	}

	@Test
	void roundTripIsIdentity() {
		TorchRuntime.engine(1);
		try (NDManager m = NDManager.newBaseManager()) {
			final float[] data = gaussian(2 * 10 * 7, 3);
			final ComplexTensor x = ComplexTensor.fromInterleaved(m, data, new Shape(1, 1, 10, 7));
			assertArrayEquals(data, TorchFFT.inverse(TorchFFT.forward(x)).toInterleaved(), 1e-5f);
		}
	}

	/**
	 * Gradient of {@code L = sum(a * Re F(x) + b * Im F(x)) + sum(|F^-1(x)|^2 c)} with respect to x's parts, from
	 * autograd and from central differences (double-checked on every element of a small array).
	 */
	@Test
	void gradientsMatchFiniteDifferences() {
		gradientsMatchFiniteDifferences(5, 6); // odd: rolls
		gradientsMatchFiniteDifferences(6, 4); // even: checkerboard modulation
	}

	private static void gradientsMatchFiniteDifferences(final int h, final int w) {
		final Engine engine = TorchRuntime.engine(1);
		final int n = h * w;
		final float[] re = gaussian(n, 11), im = gaussian(n, 12), a = gaussian(n, 13), b = gaussian(n, 14), c =
			gaussian(n, 15);
		try (NDManager m = NDManager.newBaseManager()) {
			final Shape s = new Shape(1, 1, h, w);
			final NDArray xr = m.create(re, s), xi = m.create(im, s);
			xr.setRequiresGradient(true);
			xi.setRequiresGradient(true);
			try (GradientCollector g = engine.newGradientCollector()) {
				g.backward(loss(new ComplexTensor(xr, xi), m.create(a, s), m.create(b, s), m.create(c, s)));
			}
			final float[] gr = xr.getGradient().toFloatArray(), gi = xi.getGradient().toFloatArray();
			final float eps = 1e-2f;
			for (int part = 0; part < 2; part++)
				for (int i = 0; i < n; i++) {
					final float[] up = (part == 0 ? re : im).clone(), down = up.clone();
					up[i] += eps;
					down[i] -= eps;
					final double lu = value(m, part == 0 ? up : re, part == 0 ? im : up, a, b, c, s);
					final double ld = value(m, part == 0 ? down : re, part == 0 ? im : down, a, b, c, s);
					final double numeric = (lu - ld) / (2 * eps);
					assertEquals(numeric, (part == 0 ? gr : gi)[i], 2e-3 * (1 + Math.abs(numeric)), h + "x" + w +
						" part " + part + " element " + i);
				}
		}
	}

	private static NDArray loss(final ComplexTensor x, final NDArray a, final NDArray b, final NDArray c) {
		final ComplexTensor k = TorchFFT.forward(x);
		final ComplexTensor y = TorchFFT.inverse(x);
		return k.re().mul(a).add(k.im().mul(b)).sum().add(y.re().square().add(y.im().square()).mul(c).sum());
	}

	private static double value(final NDManager m, final float[] re, final float[] im, final float[] a,
		final float[] b, final float[] c, final Shape s)
	{
		try (NDManager scratch = m.newSubManager()) {
			return loss(new ComplexTensor(scratch.create(re, s), scratch.create(im, s)), scratch.create(a, s), scratch
				.create(b, s), scratch.create(c, s)).getFloat();
		}
	}
}
