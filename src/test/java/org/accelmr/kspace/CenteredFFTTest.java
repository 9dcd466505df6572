package org.accelmr.kspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.accelmr.TestResources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The centred orthonormal FFT against numpy values from make_reference_values.py. */
class CenteredFFTTest {

	/** Relative tolerance against numpy (float32 FFT vs numpy's double). */
	private static final double TOLERANCE = 1e-5;

	@ParameterizedTest
	@CsvSource({ "3, 3", "4, 6", "10, 8", "7, 5" })
	void inverseAndForwardEqualNumpy(final int h, final int w) {
		final float[] in = TestResources.complex("/kspace/fft_in_" + h + "x" + w + ".npy").plane(0);
		final float[] inverse = in.clone();
		CenteredFFT.inverse(inverse, w, h);
		assertClose(TestResources.complex("/kspace/ifft_out_" + h + "x" + w + ".npy").plane(0), inverse);
		final float[] forward = in.clone();
		CenteredFFT.forward(forward, w, h);
		assertClose(TestResources.complex("/kspace/fft_out_" + h + "x" + w + ".npy").plane(0), forward);
	}

	@Test
	void stackOfSlicesAndCoilsEqualsNumpyOnTwoThreads() {
		final ComplexStack k = TestResources.complex("/kspace/stack_kspace.npy");
		assertEquals(2, k.slices());
		assertEquals(2, k.coils());
		CenteredFFT.inverse(k, 2);
		final ComplexStack expected = TestResources.complex("/kspace/stack_images.npy");
		for (int i = 0; i < k.planeCount(); i++)
			assertClose(expected.plane(i), k.plane(i));
	}

	@Test
	void rssEqualsNumpy() {
		final ComplexStack images = TestResources.complex("/kspace/stack_images.npy");
		final FloatVolume rss = CoilCombination.rss(images);
		final FloatVolume expected = TestResources.volume("/kspace/stack_rss.npy");
		for (int s = 0; s < 2; s++)
			assertClose(expected.slice(s), rss.slice(s));
	}

	@Test
	void rssOfKSpaceEqualsNumpyAndKeepsTheKSpace() {
		final ComplexStack k = TestResources.complex("/kspace/stack_kspace.npy");
		final ComplexStack before = k.copy();
		final FloatVolume rss = CoilCombination.rssOfKSpace(k, 2);
		final FloatVolume expected = TestResources.volume("/kspace/stack_rss.npy");
		for (int s = 0; s < 2; s++)
			assertClose(expected.slice(s), rss.slice(s));
		for (int i = 0; i < k.planeCount(); i++)
			assertArrayEquals(before.plane(i), k.plane(i));
	}

	@ParameterizedTest
	@CsvSource({ "64, 48", "33, 17", "1, 5", "6, 1" })
	void outOfPlaceInverseEqualsTheInPlaceOneToTheBitAndKeepsItsInput(final int w, final int h) {
		final float[] k = random(new Random(w * 7 + h), 2 * w * h), before = k.clone();
		final float[] inPlace = k.clone();
		CenteredFFT.inverse(inPlace, w, h);
		final float[] image = new float[k.length];
		CenteredFFT.inverse(k, image, w, h);
		assertArrayEquals(inPlace, image);
		assertArrayEquals(before, k);
	}

	@Test
	void rssOnTwoThreadsEqualsOneThreadToTheBit() {
		// 131 x 129 pixels span two RSS blocks (the second partial): the seam must change nothing
		final int w = 131, h = 129;
		final ComplexStack images = new ComplexStack(w, h, 3, 2);
		final Random random = new Random(11);
		for (int i = 0; i < images.planeCount(); i++)
			System.arraycopy(random(random, 2 * w * h), 0, images.plane(i), 0, 2 * w * h);
		final FloatVolume one = CoilCombination.rss(images, 1), two = CoilCombination.rss(images, 2);
		for (int s = 0; s < 2; s++) {
			assertArrayEquals(one.slice(s), two.slice(s));
			final int i = w * h - 1;
			double sum = 0;
			for (int c = 0; c < 3; c++)
				sum += Math.pow(images.plane(s, c)[2 * i], 2) + Math.pow(images.plane(s, c)[2 * i + 1], 2);
			assertEquals(Math.sqrt(sum), one.slice(s)[i], 1e-5 * Math.sqrt(sum));
		}
	}

	@ParameterizedTest
	@CsvSource({ "64, 48", "33, 17", "1, 5", "6, 1", "1, 1" })
	void roundTripRecoversInput(final int w, final int h) {
		final float[] x = random(new Random(w * 31 + h), 2 * w * h);
		final float[] y = x.clone();
		CenteredFFT.forward(y, w, h);
		CenteredFFT.inverse(y, w, h);
		assertTrue(relativeError(x, y) < 1e-6, "round trip error " + relativeError(x, y));
	}

	@ParameterizedTest
	@CsvSource({ "16, 12", "15, 9" })
	void inverseIsTheAdjointOfForwardAndNormIsKept(final int w, final int h) {
		final Random r = new Random(7);
		final float[] x = random(r, 2 * w * h), y = random(r, 2 * w * h);
		final float[] fx = x.clone(), fhy = y.clone();
		CenteredFFT.forward(fx, w, h);
		CenteredFFT.inverse(fhy, w, h);
		final double[] left = dot(fx, y), right = dot(x, fhy);
		final double scale = Math.sqrt(norm2(x) * norm2(y));
		assertEquals(left[0], right[0], 1e-5 * scale);
		assertEquals(left[1], right[1], 1e-5 * scale);
		assertEquals(norm2(x), norm2(fx), 1e-5 * norm2(x));
	}

	/** Power-of-two sizes matter: JTransforms plans then keep scratch buffers that two threads must not share. */
	@ParameterizedTest
	@CsvSource({ "20, 14", "64, 64", "128, 32" })
	void parallelEqualsSequential(final int w, final int h) {
		final Random r = new Random(3);
		final ComplexStack a = new ComplexStack(w, h, 8, 2);
		for (int i = 0; i < a.planeCount(); i++)
			System.arraycopy(random(r, 2 * w * h), 0, a.plane(i), 0, 2 * w * h);
		final ComplexStack b = a.copy();
		CenteredFFT.forward(a, 1);
		CenteredFFT.forward(b, 2);
		for (int i = 0; i < a.planeCount(); i++)
			assertArrayEquals(a.plane(i), b.plane(i), "plane " + i);
	}

	@Test
	void deltaAtCentreTransformsToAFlatField() {
		// the centred convention puts the DC sample at (H/2, W/2): an image impulse there has constant k-space
		final int w = 7, h = 4;
		final float[] p = new float[2 * w * h];
		p[2 * ((h / 2) * w + w / 2)] = 1;
		CenteredFFT.forward(p, w, h);
		for (int i = 0; i < w * h; i++) {
			assertEquals(1 / Math.sqrt(w * h), p[2 * i], 1e-6);
			assertEquals(0, p[2 * i + 1], 1e-6);
		}
	}

	static void assertClose(final float[] expected, final float[] actual) {
		assertEquals(expected.length, actual.length);
		assertTrue(relativeError(expected, actual) < TOLERANCE, "relative error " + relativeError(expected,
			actual));
	}

	/** {@code ||a - b|| / ||a||}. */
	static double relativeError(final float[] a, final float[] b) {
		double d = 0, n = 0;
		for (int i = 0; i < a.length; i++) {
			d += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
			n += (double) a[i] * a[i];
		}
		return Math.sqrt(d / n);
	}

	private static float[] random(final Random r, final int n) {
		final float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = (float) r.nextGaussian();
		return v;
	}

	/** Complex {@code <a, b> = sum conj(a) b} as {re, im}. */
	private static double[] dot(final float[] a, final float[] b) {
		double re = 0, im = 0;
		for (int i = 0; i < a.length; i += 2) {
			re += (double) a[i] * b[i] + (double) a[i + 1] * b[i + 1];
			im += (double) a[i] * b[i + 1] - (double) a[i + 1] * b[i];
		}
		return new double[] { re, im };
	}

	private static double norm2(final float[] a) {
		double s = 0;
		for (final float v : a)
			s += (double) v * v;
		return s;
	}
}
