package org.accelmr.cs;

/**
 * ADMM (Boyd et al. 2011, scaled form) for {@code min_x ½‖A x - y‖² + g(G x)} as BART's {@code iter2_admm}, with
 * {@code N = A^H A}, {@code b = A^H y}, a splitting {@code z = G x} and penalty ρ:
 * <pre>
 * x = argmin ½‖A x - y‖² + ρ/2 ‖G x - z + u‖²   (a few warm-started CG steps on S x = b + ρ G^H (z - u),
 *                                                 S = N + ρ G^H G)
 * z = prox_{g/ρ}(G x + u)
 * u = u + G x - z
 * </pre>
 * The inner CG keeps {@code S x} up to date ({@code S x += α S p} with every step) instead of recomputing it for
 * the warm start's first residual, so an iteration costs {@code innerIterations} applications of S, not one
 * more; S itself uses {@code G^H G} directly (one pass, no split-sized temporary). Nothing is allocated per
 * iteration.
 * <p>
 * {@link #residual()} is the windowed relative change of x, as for FISTA. Boyd's primal and dual residuals were measured
 * first: with the inexact 2-step inner CG they stayed above 1e-2 for all 200 iterations on 128² test slices while
 * PSNR had long settled, so they could not serve as a stopping rule (see docs/algorithms-cs.md).
 */
public final class Admm extends IterativeAlgorithm {

	private final VectorMap normal;
	private final float[] b;
	private final VectorMap forwardG;
	private final VectorMap adjointG;
	private final VectorMap normalG;
	private final ProximalFunction g;
	private final float rho;
	private final int innerIterations;
	private final float[] x;
	private final float[] z;
	private final float[] u;
	private final float[] gx;
	private final float[] splitWork;
	private final float[] rhs;
	private final float[] sx;
	private final float[] r;
	private final float[] p;
	private final float[] sp;
	private final float[] imageWork;
	private VectorMap exactSolve;
	private boolean sxKnown; // sx = S x, computed at the first inner CG (exact x-updates never need it)
	private VectorMap preconditioner;
	private float[] pz;

	/**
	 * @param normalG {@code G^H G}
	 * @param splitSize length in floats of {@code G x}
	 * @param x starting point, updated in place and returned as the solution
	 */
	public Admm(final VectorMap normal, final float[] b, final VectorMap forwardG, final VectorMap adjointG,
		final VectorMap normalG, final int splitSize, final ProximalFunction g, final double rho,
		final int innerIterations, final float[] x, final int maxIterations)
	{
		super(maxIterations);
		this.normal = normal;
		this.b = b;
		this.forwardG = forwardG;
		this.adjointG = adjointG;
		this.normalG = normalG;
		this.g = g;
		this.rho = (float) rho;
		this.innerIterations = innerIterations;
		this.x = x;
		this.z = new float[splitSize];
		this.u = new float[splitSize];
		this.gx = new float[splitSize];
		this.splitWork = new float[splitSize];
		this.rhs = new float[x.length];
		this.sx = new float[x.length];
		this.r = new float[x.length];
		this.p = new float[x.length];
		this.sp = new float[x.length];
		this.imageWork = new float[x.length];
		forwardG.apply(x, z);
	}

	/**
	 * Solve the x-update exactly with {@code inverse} ({@code x = S^-1 rhs}, e.g. {@link FourierDiagonalSystem})
	 * instead of the inner CG steps.
	 *
	 * @return this
	 */
	public Admm solveExactly(final VectorMap inverse) {
		this.exactSolve = inverse;
		return this;
	}

	/**
	 * Precondition the inner CG with {@code q ≈ S^-1} (PCG; q Hermitian positive definite), e.g.
	 * {@link FourierDiagonalSystem} built from {@link org.accelmr.linop.LinearOperator#circulantNormalDiagonal}.
	 * The fixed point does not change, only how far each iteration's inner steps get towards the exact x-update.
	 *
	 * @return this
	 */
	public Admm precondition(final VectorMap q) {
		this.preconditioner = q;
		this.pz = new float[x.length];
		return this;
	}

	@Override
	protected void update() {
		// x-update: S x = b + ρ G^H (z - u)
		Vectors.subtract(z, u, splitWork);
		adjointG.apply(splitWork, rhs);
		for (int i = 0; i < rhs.length; i++)
			rhs[i] = b[i] + rho * rhs[i];
		if (exactSolve != null) exactSolve.apply(rhs, x);
		else innerConjugateGradient();
		// z- and u-updates
		forwardG.apply(x, gx);
		for (int i = 0; i < gx.length; i++)
			splitWork[i] = gx[i] + u[i];
		g.prox(1 / rho, splitWork, z);
		for (int i = 0; i < u.length; i++)
			u[i] += gx[i] - z[i];
	}

	/**
	 * (P)CG from the current x, stopping after the budget or at {@code ‖r‖ ≤ 1e-4 ‖rhs‖}; with a preconditioner
	 * the directions follow {@code q r} instead of r.
	 */
	private void innerConjugateGradient() {
		if (!sxKnown) {
			system(x, sx);
			sxKnown = true;
		}
		Vectors.subtract(rhs, sx, r);
		final float[] zr = preconditioner == null ? r : pz;
		if (preconditioner != null) preconditioner.apply(r, pz);
		System.arraycopy(zr, 0, p, 0, r.length);
		double rz = Vectors.realDot(r, zr);
		double residual = Vectors.normSquared(r);
		final double stop = 1e-8 * Vectors.normSquared(rhs);
		for (int k = 0; k < innerIterations && residual > stop; k++) {
			system(p, sp);
			final double curvature = Vectors.realDot(p, sp);
			if (curvature <= 0) return; // p lies in the null space of S: nothing more to gain
			final double alpha = rz / curvature;
			Vectors.addScaled(x, alpha, p);
			Vectors.addScaled(sx, alpha, sp);
			Vectors.addScaled(r, -alpha, sp);
			residual = Vectors.normSquared(r);
			if (preconditioner != null) preconditioner.apply(r, pz);
			final double next = Vectors.realDot(r, zr);
			final float beta = (float) (next / rz);
			rz = next;
			for (int i = 0; i < p.length; i++)
				p[i] = zr[i] + beta * p[i];
		}
	}

	/** {@code out = (N + ρ G^H G) v}. */
	private void system(final float[] v, final float[] out) {
		normal.apply(v, out);
		normalG.apply(v, imageWork);
		for (int i = 0; i < out.length; i++)
			out[i] += rho * imageWork[i];
	}

	@Override
	public float[] solution() {
		return x;
	}
}
