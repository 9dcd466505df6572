package org.accelmr.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import java.util.Random;

import org.accelmr.AccelMRException;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

class UNetTest {

	private static float[] random(final int n, final long seed) {
		final Random r = new Random(seed);
		final float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = (float) r.nextGaussian();
		return v;
	}

	@Test
	void keepsOddAndEvenShapesAndDeclaresThem() {
		TorchRuntime.engine(1);
		final UNetArchitecture arch = new UNetArchitecture(4, 2, 2, false);
		try (NDManager m = NDManager.newBaseManager()) {
			final UNet net = new UNet(arch);
			net.initialize(m, DataType.FLOAT32, new Shape(2, 1, 8, 8));
			for (final int[] hw : new int[][] { { 19, 23 }, { 16, 16 }, { 5, 4 }, { 32, 13 } }) {
				final Shape in = new Shape(2, 1, hw[0], hw[1]);
				final NDArray y = net.forward(new ParameterStore(m, false), new NDList(m.create(random(2 * hw[0] *
					hw[1], 1), in)), false).singletonOrThrow();
				assertEquals(in, y.getShape());
				assertEquals(in, net.getOutputShapes(new Shape[] { in })[0]);
			}
		}
	}

	@Test
	void parameterCountMatchesTheLayout() {
		TorchRuntime.engine(1);
		for (final UNetArchitecture arch : new UNetArchitecture[] { new UNetArchitecture(4, 2, 2, false),
			new UNetArchitecture(16, 4, 8, true) })
			try (NDManager m = NDManager.newBaseManager()) {
				final UNet net = new UNet(arch);
				net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 16, 16));
				long n = 0;
				for (final Parameter p : net.getParameters().values())
					n += p.getArray().size();
				assertEquals(arch.parameterCount(), n, arch.toString());
			}
		// fastMRI's U-Net with chans 16, 4 pools (instance norm without affine) has 1,939,105 weights (summed by
		// hand per layer); GroupNorm
		// adds gamma and beta per channel of each norm layer
		assertEquals(1_939_105, new UNetArchitecture(16, 4, 8, false).parameterCount() - normParameters(16, 4));
	}

	private static long normParameters(final int chans, final int pools) {
		long n = 0;
		int ch = chans;
		for (int i = 0; i < pools; i++, ch *= 2)
			n += 2 * 2 * ch;
		n += 2 * 2 * ch;
		for (int i = 0; i < pools; i++) {
			ch /= 2;
			n += 2 * ch + 2 * 2 * ch;
		}
		return n;
	}

	@Test
	void reflectPadMirrorsWithoutRepeatingTheEdge() {
		TorchRuntime.engine(1);
		try (NDManager m = NDManager.newBaseManager()) {
			final NDArray x = m.create(new float[] { 1, 2, 3, 4, 5 }, new Shape(1, 1, 1, 5));
			assertArrayEquals(new float[] { 1, 2, 3, 4, 5, 4, 3, 2 }, UNet.reflectPad(x, 3, 3).toFloatArray());
			assertThrows(IllegalArgumentException.class, () -> UNet.reflectPad(x, 3, 5));
		}
	}

	/** The 1x1-conv + depth-to-space form equals ConvTranspose2d(kernel 2, stride 2) written out directly. */
	@Test
	void transposeConvBlockEqualsDirectTransposedConvolution() {
		TorchRuntime.engine(1);
		final int n = 2, cin = 3, cout = 2, h = 3, w = 4;
		final float[] x = random(n * cin * h * w, 3), weight = random(4 * cout * cin, 4);
		try (NDManager m = NDManager.newBaseManager()) {
			final TransposeConvBlock block = new TransposeConvBlock(cout, cout);
			block.initialize(m, DataType.FLOAT32, new Shape(n, cin, h, w));
			block.getParameters().get("01up_weight").getArray().set(FloatBuffer.wrap(weight));
			final float[] y = block.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(n, cin, h,
				w))), false).singletonOrThrow().toFloatArray();
			// y_pre[n, c, 2i + dy, 2j + dx] = sum_k W[(4c + 2dy + dx), k] x[n, k, i, j]; then instance norm, LeakyReLU
			final int H = 2 * h, W = 2 * w;
			final double[] pre = new double[n * cout * H * W];
			for (int b = 0; b < n; b++)
				for (int c = 0; c < cout; c++)
					for (int i = 0; i < H; i++)
						for (int j = 0; j < W; j++) {
							final int o = 4 * c + 2 * (i % 2) + j % 2;
							double s = 0;
							for (int k = 0; k < cin; k++)
								s += weight[o * cin + k] * x[((b * cin + k) * h + i / 2) * w + j / 2];
							pre[((b * cout + c) * H + i) * W + j] = s;
						}
			for (int g = 0; g < n * cout; g++) {
				double mean = 0, var = 0;
				for (int i = 0; i < H * W; i++)
					mean += pre[g * H * W + i] / (H * W);
				for (int i = 0; i < H * W; i++)
					var += Math.pow(pre[g * H * W + i] - mean, 2) / (H * W);
				for (int i = 0; i < H * W; i++) {
					final double v = (pre[g * H * W + i] - mean) / Math.sqrt(var + 1e-5);
					assertEquals(v > 0 ? v : 0.2 * v, y[g * H * W + i], 1e-4, "element " + (g * H * W + i));
				}
			}
		}
	}

	@Test
	void architectureRejectsImpossibleLayouts() {
		assertThrows(AccelMRException.class, () -> new UNetArchitecture(0, 2, 2, false));
		assertThrows(AccelMRException.class, () -> new UNetArchitecture(4, 0, 2, false));
		assertThrows(AccelMRException.class, () -> new UNetArchitecture(4, 7, 2, false));
		assertEquals(16, new UNetArchitecture(4, 4, 2, false).minimumSize());
	}
}
