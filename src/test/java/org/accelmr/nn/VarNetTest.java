package org.accelmr.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.accelmr.kspace.CenteredFFT;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

class VarNetTest {

	static final VarNetArchitecture TINY = new VarNetArchitecture(2, 4, 2, 2, VarNetArchitecture.RSS, 8);

	/** A column mask: every other column and the central 4, 0/1, {@code height x width}. */
	static float[] columnMask(final int width, final int height) {
		final float[] m = new float[width * height];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++)
				m[y * width + x] = x % 3 == 0 || Math.abs(x - width / 2) < 2 ? 1 : 0;
		return m;
	}

	/** {@code data} (interleaved, coils planes of H x W) with unmeasured samples zeroed. */
	static float[] masked(final float[] data, final float[] mask) {
		final float[] out = data.clone();
		for (int i = 0; i < out.length / 2; i++)
			if (mask[i % mask.length] == 0) out[2 * i] = out[2 * i + 1] = 0;
		return out;
	}

	@Test
	void parameterCountMatchesTheArchitecture() {
		for (final VarNetArchitecture a : new VarNetArchitecture[] { TINY, new VarNetArchitecture(8, 18, 4, 8,
			VarNetArchitecture.ESPIRIT, 32) })
			try (VarNetModel m = VarNetModel.create(a, 1, 1)) {
				long n = 0;
				for (final Parameter p : m.net().getParameters().values())
					n += p.getArray().size();
				assertEquals(a.parameterCount(), n, a.toString());
			}
	}

	@Test
	void singleAndMultiCoilForwardGiveOneFiniteImagePerSlice() {
		try (VarNetModel m = VarNetModel.create(TINY, 3, 1)) {
			for (final int coils : new int[] { 1, 4 }) {
				final int h = 12, w = 10, n = 2;
				final float[] mask = columnMask(w, h), masks = new float[n * w * h];
				System.arraycopy(mask, 0, masks, 0, mask.length);
				System.arraycopy(mask, 0, masks, mask.length, mask.length);
				final float[] k = masked(TorchFFTTest.gaussian(2 * n * coils * h * w, coils), mask);
				final float[] maps = TorchFFTTest.gaussian(k.length, 5);
				final float[] out = m.predict(k, masks, maps, null, n, coils, h, w);
				assertEquals(n * h * w, out.length);
				for (final float v : out)
					assertTrue(Float.isFinite(v) && v >= 0);
			}
		}
	}

	/**
	 * The data-consistency step alone (coil maps 0 switch the regulariser's k-space term off): with weight 1
	 * the measured samples become y and the others keep k; with weight 0.3 they move 30% of the way.
	 */
	@Test
	void dataConsistencyStepReproducesMeasuredSamples() {
		TorchRuntime.engine(1);
		final int h = 8, w = 9, coils = 3;
		final float[] mask = columnMask(w, h);
		final float[] k = TorchFFTTest.gaussian(2 * coils * h * w, 1), y = masked(TorchFFTTest.gaussian(k.length, 2),
			mask);
		for (final float eta : new float[] { 1, 0.3f })
			try (NDManager manager = NDManager.newBaseManager()) {
				final VarNetCascade cascade = new VarNetCascade(TINY.regulariser());
				final Shape s = new Shape(1, coils, h, w);
				cascade.initialize(manager, DataType.FLOAT32, s, s, s, s, new Shape(1, 1, h, w), s, s);
				for (final Parameter p : cascade.getParameters().values())
					if (p.getName().equals("eta")) p.getArray().muli(0).addi(eta);
				final ComplexTensor kt = ComplexTensor.fromInterleaved(manager, k, s), yt = ComplexTensor
					.fromInterleaved(manager, y, s);
				final NDArray zero = manager.zeros(s);
				final NDList out = cascade.forward(new ParameterStore(manager, false), new NDList(kt.re(), kt.im(), yt
					.re(), yt.im(), manager.create(mask, new Shape(1, 1, h, w)), zero, zero), false);
				final float[] got = new ComplexTensor(out.get(0), out.get(1)).toInterleaved();
				final float[] expected = new float[k.length];
				for (int i = 0; i < k.length; i++)
					expected[i] = mask[i / 2 % (h * w)] == 1 ? k[i] - eta * (k[i] - y[i]) : k[i];
				assertArrayEquals(expected, got, 1e-5f, "eta " + eta);
			}
	}

	/** Adds small seeded noise to every parameter, so a fresh network is no longer the identity. */
	static void perturb(final VarNetModel m, final long seed) {
		final java.util.Random r = new java.util.Random(seed);
		for (final Parameter p : m.net().getParameters().values()) {
			final NDArray a = p.getArray();
			final float[] noise = new float[(int) a.size()];
			for (int i = 0; i < noise.length; i++)
				noise[i] = (float) (0.05 * r.nextGaussian());
			a.addi(a.getManager().create(noise, a.getShape()));
		}
	}

	/**
	 * A fresh network has eta = 1 and R = 0 (zeroed output layers): each cascade keeps the measured samples and
	 * adds nothing, so the output is the zero-filled RSS, whatever the coil maps.
	 */
	@Test
	void aFreshNetworkReturnsTheZeroFilledImage() {
		final int h = 12, w = 10, coils = 3, n = h * w;
		final float[] mask = columnMask(w, h);
		final float[] k = masked(TorchFFTTest.gaussian(2 * coils * n, 4), mask);
		final float[] expected = new float[n];
		for (int c = 0; c < coils; c++) {
			final float[] plane = new float[2 * n];
			System.arraycopy(k, c * 2 * n, plane, 0, 2 * n);
			CenteredFFT.inverse(plane, w, h);
			for (int i = 0; i < n; i++)
				expected[i] += plane[2 * i] * plane[2 * i] + plane[2 * i + 1] * plane[2 * i + 1];
		}
		for (int i = 0; i < n; i++)
			expected[i] = (float) Math.sqrt(expected[i]);
		try (VarNetModel m = VarNetModel.create(TINY, 8, 1)) {
			assertArrayEquals(expected, m.predict(k, mask, TorchFFTTest.gaussian(k.length, 6), null, 1, coils, h, w), 1e-5f);
			perturb(m, 1);
			final float[] changed = m.predict(k, mask, TorchFFTTest.gaussian(k.length, 6), null, 1, coils, h, w);
			double diff = 0;
			for (int i = 0; i < n; i++)
				diff += Math.abs(changed[i] - expected[i]);
			assertTrue(diff / n > 1e-3, "a trained (perturbed) regulariser changes the image: " + diff / n);
		}
	}

	/** The output is the RSS of the coil images of its k-space: the zero-filled RSS when no cascade changes it. */
	@Test
	void outputIsTheRootSumOfSquaresOfTheCoilImages() {
		TorchRuntime.engine(1);
		final int h = 6, w = 7, coils = 2, n = h * w;
		final float[] k = TorchFFTTest.gaussian(2 * coils * n, 9);
		try (NDManager manager = NDManager.newBaseManager()) {
			final NDArray rss = VarNet.rss(TorchFFT.inverse(ComplexTensor.fromInterleaved(manager, k, new Shape(1,
				coils, h, w))));
			final float[] expected = new float[n];
			for (int c = 0; c < coils; c++) {
				final float[] plane = new float[2 * n];
				System.arraycopy(k, c * 2 * n, plane, 0, 2 * n);
				CenteredFFT.inverse(plane, w, h);
				for (int i = 0; i < n; i++)
					expected[i] += plane[2 * i] * plane[2 * i] + plane[2 * i + 1] * plane[2 * i + 1];
			}
			for (int i = 0; i < n; i++)
				expected[i] = (float) Math.sqrt(expected[i]);
			assertArrayEquals(expected, rss.toFloatArray(), 1e-5f);
		}
	}

	/**
	 * Started from an image x0, a fresh network's cascades begin at {@code k = F S x0}: the first keeps the measured
	 * samples y (eta = 1) and the others of {@code F S x0}, so the output is the RSS over coils of
	 * {@code F^-1((1 - M) F S x0 + M y)}; giving no start image to such a network, or one to a zero-filled one, is
	 * refused.
	 */
	@Test
	void aFreshNetworkStartedFromAnImageKeepsItWhereNothingWasMeasured() {
		final int h = 12, w = 10, coils = 3, n = h * w;
		final VarNetArchitecture fromTv = new VarNetArchitecture(2, 4, 2, 2, VarNetArchitecture.RSS, 8,
			VarNetArchitecture.TV);
		final float[] mask = columnMask(w, h);
		final float[] y = masked(TorchFFTTest.gaussian(2 * coils * n, 4), mask);
		final float[] maps = TorchFFTTest.gaussian(y.length, 6), x0 = TorchFFTTest.gaussian(2 * n, 7);
		final float[] expected = new float[n];
		for (int c = 0; c < coils; c++) {
			final float[] plane = new float[2 * n];
			for (int i = 0; i < n; i++) { // S_c x0
				final float sr = maps[c * 2 * n + 2 * i], si = maps[c * 2 * n + 2 * i + 1];
				plane[2 * i] = sr * x0[2 * i] - si * x0[2 * i + 1];
				plane[2 * i + 1] = sr * x0[2 * i + 1] + si * x0[2 * i];
			}
			CenteredFFT.forward(plane, w, h);
			for (int i = 0; i < n; i++)
				if (mask[i] == 1) {
					plane[2 * i] = y[c * 2 * n + 2 * i];
					plane[2 * i + 1] = y[c * 2 * n + 2 * i + 1];
				}
			CenteredFFT.inverse(plane, w, h);
			for (int i = 0; i < n; i++)
				expected[i] += plane[2 * i] * plane[2 * i] + plane[2 * i + 1] * plane[2 * i + 1];
		}
		for (int i = 0; i < n; i++)
			expected[i] = (float) Math.sqrt(expected[i]);
		try (VarNetModel m = VarNetModel.create(fromTv, 8, 1)) {
			assertArrayEquals(expected, m.predict(y, mask, maps, x0, 1, coils, h, w), 1e-4f);
			assertThrows(IllegalArgumentException.class, () -> m.predict(y, mask, maps, null, 1, coils, h, w));
		}
		try (VarNetModel m = VarNetModel.create(TINY, 8, 1)) {
			assertThrows(IllegalArgumentException.class, () -> m.predict(y, mask, maps, x0, 1, coils, h, w));
		}
	}

	@Test
	void architectureWithoutAStartIsZeroFilledAndUnknownStartsAreRefused() {
		assertEquals(VarNetArchitecture.ZERO_FILLED, new VarNetArchitecture(2, 4, 2, 2, VarNetArchitecture.RSS, 8,
			null).start());
		final org.accelmr.AccelMRException e = assertThrows(org.accelmr.AccelMRException.class,
			() -> new VarNetArchitecture(2, 4, 2, 2, VarNetArchitecture.RSS, 8, "admm"));
		assertEquals("VarNet start must be zero-filled, tv, wavelet or auto, got 'admm'", e.getMessage());
	}

	/**
	 * An empty slice (all-zero k-space, as at a volume's ends) gives finite gradients through 6 cascades: each
	 * regulariser divides by its input's standard deviation, which the floor in {@link VarNetCascade} keeps from 0.
	 */
	@Test
	void anEmptySliceGivesFiniteGradients() {
		final VarNetArchitecture six = new VarNetArchitecture(6, 4, 2, 2, VarNetArchitecture.RSS, 8);
		final int h = 16, w = 16, coils = 2;
		final float[] mask = columnMask(w, h);
		final float[] k = masked(TorchFFTTest.gaussian(2 * coils * h * w, 3), mask);
		for (int i = 0; i < k.length; i++)
			k[i] *= 0;
		final float[] maps = TorchFFTTest.gaussian(k.length, 4);
		try (VarNetModel m = VarNetModel.create(six, 2, 1)) {
			perturb(m, 5);
			try (ai.djl.training.Trainer trainer = m.djlModel().newTrainer(new ai.djl.training.DefaultTrainingConfig(
				ai.djl.training.loss.Loss.l1Loss()))) {
				final NDManager s = trainer.getManager();
				final Shape ks = new Shape(1, coils, h, w);
				final ComplexTensor y = ComplexTensor.fromInterleaved(s, k, ks), sm = ComplexTensor.fromInterleaved(s,
					maps, ks);
				try (ai.djl.training.GradientCollector g = trainer.newGradientCollector()) {
					final NDArray out = trainer.forward(new NDList(y.re(), y.im(), s.create(mask, new Shape(1, 1, h, w)),
						sm.re(), sm.im())).get(0);
					g.backward(out.sub(1).abs().mean());
				}
				for (final var p : m.net().getParameters())
					assertTrue(!p.getValue().getArray().getGradient().isNaN().any().getBoolean() && !p.getValue()
						.getArray().getGradient().isInfinite().any().getBoolean(), "gradient of " + p.getKey());
			}
		}
	}
}
