package org.accelmr.cs;

/**
 * Conjugate gradients (Hestenes and Stiefel 1952) for {@code N x = b} with N Hermitian positive (semi-)definite,
 * e.g. the SENSE normal equations {@code (A^H A + λ I) x = A^H y} of L2-regularised (Tikhonov) least squares.
 * Stops after {@code maxIterations} or when {@code ‖r‖ ≤ tolerance ‖b‖}.
 */
public final class ConjugateGradient extends IterativeAlgorithm {

	private final VectorMap normal;
	private final float[] x;
	private final float[] r;
	private final float[] p;
	private final float[] np;
	private final double stopResidualSquared;
	private final double rhsSquared;
	private double residualSquared;

	/**
	 * @param x starting point, updated in place and returned as the solution
	 */
	public ConjugateGradient(final VectorMap normal, final float[] b, final float[] x, final int maxIterations,
		final double tolerance)
	{
		super(maxIterations);
		this.normal = normal;
		this.x = x;
		this.r = new float[b.length];
		this.p = new float[b.length];
		this.np = new float[b.length];
		normal.apply(x, np);
		Vectors.subtract(b, np, r);
		System.arraycopy(r, 0, p, 0, r.length);
		residualSquared = Vectors.normSquared(r);
		rhsSquared = Vectors.normSquared(b);
		stopResidualSquared = tolerance * tolerance * rhsSquared;
	}

	@Override
	protected void update() {
		normal.apply(p, np);
		final double curvature = Vectors.realDot(p, np);
		if (curvature <= 0) {
			residualSquared = 0; // p is in the null space: nothing more to gain
			return;
		}
		final double alpha = residualSquared / curvature;
		Vectors.addScaled(x, alpha, p);
		Vectors.addScaled(r, -alpha, np);
		final double next = Vectors.normSquared(r);
		final float beta = (float) (next / residualSquared);
		residualSquared = next;
		for (int i = 0; i < p.length; i++)
			p[i] = r[i] + beta * p[i];
	}

	@Override
	protected boolean converged() {
		return residualSquared <= stopResidualSquared || super.converged();
	}

	@Override
	public double residual() {
		return rhsSquared > 0 ? Math.sqrt(residualSquared / rhsSquared) : 0;
	}

	@Override
	public float[] solution() {
		return x;
	}

	/** {@code ‖b - N x‖²} of the current iterate. */
	public double residualSquared() {
		return residualSquared;
	}
}
