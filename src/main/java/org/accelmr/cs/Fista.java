package org.accelmr.cs;

/**
 * FISTA (Beck and Teboulle 2009) for {@code min_x ½ x^H N x - Re<b, x> + g(x)}, which for {@code N = A^H A},
 * {@code b = A^H y} is {@code ½‖A x - y‖² + g(x)} up to a constant. With {@code z} the extrapolated point:
 * <pre>
 * x_k     = prox_{τ g}(z - τ (N z - b))
 * t_{k+1} = (1 + sqrt(1 + 4 t_k²)) / 2
 * z       = x_k + (t_k - 1) / t_{k+1} (x_k - x_{k-1})
 * </pre>
 * The step τ must be at most {@code 1 / ‖N‖}; BART uses 0.95 for normalised SENSE operators. Gradient-based adaptive restart (O'Donoghue and
 * Candès 2015) was tried and left out: on the 8-coil 128² phantom at its best λ it never fired (the momentum
 * never pointed against the step), so the PSNR trace was identical.
 */
public final class Fista extends IterativeAlgorithm {

	private final VectorMap normal;
	private final float[] b;
	private final ProximalFunction g;
	private final double step;
	private final float[] x;
	private final float[] previous;
	private final float[] z;
	private final float[] work;
	private double t = 1;

	/** @param x starting point, updated in place and returned as the solution */
	public Fista(final VectorMap normal, final float[] b, final ProximalFunction g, final double step,
		final float[] x, final int maxIterations)
	{
		super(maxIterations);
		this.normal = normal;
		this.b = b;
		this.g = g;
		this.step = step;
		this.x = x;
		this.previous = x.clone();
		this.z = x.clone();
		this.work = new float[x.length];
	}

	@Override
	protected void update() {
		normal.apply(z, work);
		final float s = (float) step;
		for (int i = 0; i < work.length; i++)
			work[i] = z[i] - s * (work[i] - b[i]);
		System.arraycopy(x, 0, previous, 0, x.length);
		g.prox(step, work, x);
		final double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
		final float momentum = (float) ((t - 1) / tNext);
		t = tNext;
		for (int i = 0; i < z.length; i++)
			z[i] = x[i] + momentum * (x[i] - previous[i]);
	}

	@Override
	public float[] solution() {
		return x;
	}
}
