package org.accelmr.linop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

/**
 * The dot test every operator must pass (BART {@code lintest.c}, SigPy {@code check_linop_*}): linearity over
 * complex scalars, {@code <Ax, y> = <x, A^H y>} and {@code applyNormal = A^H A}, on seeded random vectors.
 */
public final class OperatorChecks {

	private OperatorChecks() {}

	/** Runs all three checks with relative tolerance {@code tol}. */
	public static void checkAll(final LinearOperator a, final double tol) {
		checkLinear(a, tol);
		checkAdjoint(a, tol);
		checkNormal(a, tol);
	}

	public static float[] random(final int complexSize, final long seed) {
		final Random r = new Random(seed);
		final float[] v = new float[2 * complexSize];
		for (int i = 0; i < v.length; i++)
			v[i] = (float) r.nextGaussian();
		return v;
	}

	/** Complex inner product {@code <a, b> = Σ conj(a) b} as {re, im}. */
	public static double[] dot(final float[] a, final float[] b) {
		double re = 0, im = 0;
		for (int i = 0; i < a.length; i += 2) {
			re += (double) a[i] * b[i] + (double) a[i + 1] * b[i + 1];
			im += (double) a[i] * b[i + 1] - (double) a[i + 1] * b[i];
		}
		return new double[] { re, im };
	}

	public static double norm(final float[] a) {
		return Math.sqrt(dot(a, a)[0]);
	}

	public static void checkAdjoint(final LinearOperator a, final double tol) {
		final float[] x = random(a.domainSize(), 1), y = random(a.codomainSize(), 2);
		final float[] ax = a.apply(x), ahy = a.applyAdjoint(y);
		final double[] lhs = dot(ax, y), rhs = dot(x, ahy);
		final double scale = norm(ax) * norm(y) + norm(x) * norm(ahy);
		assertTrue(scale > 0, "operator maps everything to zero");
		assertEquals(lhs[0], rhs[0], tol * scale, "Re <Ax,y> vs <x,A^H y>");
		assertEquals(lhs[1], rhs[1], tol * scale, "Im <Ax,y> vs <x,A^H y>");
	}

	public static void checkLinear(final LinearOperator a, final double tol) {
		final float[] x = random(a.domainSize(), 3), z = random(a.domainSize(), 4);
		final float ar = 0.7f, ai = -1.3f; // complex alpha
		final float[] combo = new float[x.length];
		for (int i = 0; i < x.length; i += 2) {
			combo[i] = ar * x[i] - ai * x[i + 1] + z[i];
			combo[i + 1] = ar * x[i + 1] + ai * x[i] + z[i + 1];
		}
		final float[] lhs = a.apply(combo), ax = a.apply(x), az = a.apply(z);
		final float[] rhs = new float[lhs.length];
		for (int i = 0; i < lhs.length; i += 2) {
			rhs[i] = ar * ax[i] - ai * ax[i + 1] + az[i];
			rhs[i + 1] = ar * ax[i + 1] + ai * ax[i] + az[i + 1];
		}
		assertTrue(distance(lhs, rhs) <= tol * (norm(rhs) + 1e-30), "A(αx+z) != αAx+Az");
	}

	public static void checkNormal(final LinearOperator a, final double tol) {
		final float[] x = random(a.domainSize(), 5);
		final float[] expected = a.applyAdjoint(a.apply(x));
		final float[] got = new float[x.length];
		a.applyNormal(x, got);
		assertTrue(distance(got, expected) <= tol * (norm(expected) + 1e-30), "applyNormal != A^H A");
	}

	public static double distance(final float[] a, final float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			final double d = a[i] - b[i];
			s += d * d;
		}
		return Math.sqrt(s);
	}
}
