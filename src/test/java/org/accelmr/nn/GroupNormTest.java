package org.accelmr.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

class GroupNormTest {

	private static final int N = 2, C = 6, H = 3, W = 5, G = 3;

	/** Direct double-precision evaluation of the formula in GroupNorm's Javadoc. */
	private static double[] direct(final float[] x, final float[] gamma, final float[] beta) {
		final int per = C / G * H * W;
		final double[] y = new double[x.length];
		for (int n = 0; n < N; n++)
			for (int g = 0; g < G; g++) {
				final int start = (n * C + g * (C / G)) * H * W;
				double mean = 0, var = 0;
				for (int i = 0; i < per; i++)
					mean += x[start + i];
				mean /= per;
				for (int i = 0; i < per; i++)
					var += (x[start + i] - mean) * (x[start + i] - mean);
				var /= per;
				for (int i = 0; i < per; i++) {
					final int c = g * (C / G) + i / (H * W);
					y[start + i] = gamma[c] * (x[start + i] - mean) / Math.sqrt(var + 1e-5) + beta[c];
				}
			}
		return y;
	}

	private static float[] random(final int n, final long seed, final double offset) {
		final Random r = new Random(seed);
		final float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = (float) (offset + 2 * r.nextGaussian());
		return v;
	}

	private static GroupNorm block(final NDManager m, final float[] gamma, final float[] beta) {
		final GroupNorm norm = new GroupNorm(C, G, 1e-5f);
		norm.initialize(m, DataType.FLOAT32, new Shape(N, C, H, W));
		norm.getParameters().get("gamma").getArray().set(FloatBuffer.wrap(gamma));
		norm.getParameters().get("beta").getArray().set(FloatBuffer.wrap(beta));
		return norm;
	}

	@Test
	void forwardMatchesDirectComputation() {
		TorchRuntime.engine(1);
		final float[] x = random(N * C * H * W, 1, 3), gamma = random(C, 2, 1), beta = random(C, 3, 0);
		try (NDManager m = NDManager.newBaseManager()) {
			final GroupNorm norm = block(m, gamma, beta);
			final float[] y = norm.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(N, C, H,
				W))), false).singletonOrThrow().toFloatArray();
			final double[] expected = direct(x, gamma, beta);
			for (int i = 0; i < y.length; i++)
				assertEquals(expected[i], y[i], 1e-4, "element " + i);
		}
	}

	@Test
	void instanceNormWhenGroupsEqualChannels() {
		assertEquals(16, GroupNorm.groupsFor(16, 16));
		assertEquals(8, GroupNorm.groupsFor(16, 8));
		assertEquals(4, GroupNorm.groupsFor(12, 5));
		assertEquals(1, GroupNorm.groupsFor(7, 5));
	}

	@Test
	void gradientMatchesFiniteDifferences() {
		TorchRuntime.engine(1);
		final float[] x = random(N * C * H * W, 4, 1), gamma = random(C, 5, 1), beta = random(C, 6, 0);
		final float[] weights = random(x.length, 7, 0);
		try (NDManager m = NDManager.newBaseManager()) {
			final GroupNorm norm = block(m, gamma, beta);
			final NDArray input = m.create(x, new Shape(N, C, H, W));
			input.setRequiresGradient(true);
			final NDArray w = m.create(weights, new Shape(N, C, H, W));
			try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
				final NDArray loss = norm.forward(new ParameterStore(m, false), new NDList(input), true)
					.singletonOrThrow().mul(w).sum();
				gc.backward(loss);
			}
			final float[] grad = input.getGradient().toFloatArray();
			final float[] gammaGrad = norm.getParameters().get("gamma").getArray().getGradient().toFloatArray();
			// central differences of L(x) = sum(w * y(x)) in double precision on the direct formula
			final double h = 1e-4;
			for (final int i : new int[] { 0, 7, 31, 44, 89, 150, 179 }) {
				final float[] plus = x.clone(), minus = x.clone();
				plus[i] += h;
				minus[i] -= h;
				final double fd = (dot(weights, direct(plus, gamma, beta)) - dot(weights, direct(minus, gamma,
					beta))) / (2 * h);
				assertEquals(fd, grad[i], 2e-3 * Math.max(1, Math.abs(fd)), "d loss / d x[" + i + "]");
			}
			final double[] expectedGammaGrad = new double[C];
			final double[] yOnes = direct(x, ones(), new float[C]);
			for (int i = 0; i < x.length; i++)
				expectedGammaGrad[i / (H * W) % C] += weights[i] * yOnes[i];
			final float[] expectedF = new float[C];
			for (int c = 0; c < C; c++)
				expectedF[c] = (float) expectedGammaGrad[c];
			assertArrayEquals(expectedF, gammaGrad, 1e-3f);
		}
	}

	private static float[] ones() {
		final float[] o = new float[C];
		java.util.Arrays.fill(o, 1f);
		return o;
	}

	private static double dot(final float[] a, final double[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++)
			s += a[i] * b[i];
		return s;
	}
}
