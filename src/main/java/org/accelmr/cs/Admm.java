package org.accelmr.cs;

/**
 * ADMM (Boyd et al. 2011, scaled form) for {@code min_x ½‖A x - y‖² + g(G x)} as BART's {@code iter2_admm}, with
 * {@code N = A^H A}, {@code b = A^H y}, a splitting {@code z = G x} and penalty ρ:
 * <pre>
 * x = argmin ½‖A x - y‖² + ρ/2 ‖G x - z + u‖²   (a few warm-started CG steps on (N + ρ G^H G) x = b + ρ G^H (z - u))
 * z = prox_{g/ρ}(G x + u)
 * u = u + G x - z
 * </pre>
 */
public final class Admm extends IterativeAlgorithm {

	private final VectorMap normal;
	private final float[] b;
	private final VectorMap forwardG;
	private final VectorMap adjointG;
	private final ProximalFunction g;
	private final double rho;
	private final int innerIterations;
	private final float[] x;
	private final float[] z;
	private final float[] u;
	private final float[] gx;
	private final float[] rhs;
	private final float[] imageWork;
	private final float[] splitWork;

	/**
	 * @param splitSize length in floats of {@code G x}
	 * @param x starting point, updated in place and returned as the solution
	 */
	public Admm(final VectorMap normal, final float[] b, final VectorMap forwardG, final VectorMap adjointG,
		final int splitSize, final ProximalFunction g, final double rho, final int innerIterations,
		final float[] x, final int maxIterations)
	{
		super(maxIterations);
		this.normal = normal;
		this.b = b;
		this.forwardG = forwardG;
		this.adjointG = adjointG;
		this.g = g;
		this.rho = rho;
		this.innerIterations = innerIterations;
		this.x = x;
		this.z = new float[splitSize];
		this.u = new float[splitSize];
		this.gx = new float[splitSize];
		this.rhs = new float[x.length];
		this.imageWork = new float[x.length];
		this.splitWork = new float[splitSize];
		forwardG.apply(x, z);
	}

	@Override
	protected void update() {
		// x-update: b + ρ G^H (z - u)
		Vectors.subtract(z, u, splitWork);
		adjointG.apply(splitWork, rhs);
		final float r = (float) rho;
		for (int i = 0; i < rhs.length; i++)
			rhs[i] = b[i] + r * rhs[i];
		final VectorMap system = (v, out) -> {
			normal.apply(v, out);
			forwardG.apply(v, splitWork);
			adjointG.apply(splitWork, imageWork);
			for (int i = 0; i < out.length; i++)
				out[i] += r * imageWork[i];
		};
		final ConjugateGradient cg = new ConjugateGradient(system, rhs, x, innerIterations, 1e-4);
		while (!cg.isDone())
			cg.step();
		// z- and u-updates
		forwardG.apply(x, gx);
		for (int i = 0; i < gx.length; i++)
			splitWork[i] = gx[i] + u[i];
		g.prox(1 / rho, splitWork, z);
		for (int i = 0; i < u.length; i++)
			u[i] += gx[i] - z[i];
	}

	@Override
	public float[] solution() {
		return x;
	}
}
