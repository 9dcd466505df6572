package org.accelmr.cs;

import org.accelmr.linop.SenseRows;

/**
 * ADMM for {@code min_x ½‖P (B x - d)‖² + (λ / K) Σ_i ‖Ψ_i x‖₁} where {@code B^H B} is diagonal (a
 * {@link SenseRows}), P keeps the acquired samples and {@code Ψ_i} is the orthogonal wavelet of
 * the image shifted by {@code (5 i, 5 i)} modulo {@code 2^levels}, i = 0..K-1 (K = {@value #BASES}). Splitting
 * {@code v = B x} and {@code z_i = Ψ_i x} makes every step exact and cheap (Ramani and Fessler, IEEE TMI 30:694,
 * 2011; Afonso et al., IEEE TIP 20:681, 2011):
 * <pre>
 * v   = (P d + ρ₁ (B x + u)) / (P + ρ₁)                 per sample
 * z_i = soft(Ψ_i x + w_i, λ / (K ρ₂))                   per coefficient, every basis
 * x   = (ρ₁ B^H (v - u) + ρ₂ Σ_i Ψ_i^H (z_i - w_i)) / (ρ₁ B^H B + K ρ₂)   per pixel
 * </pre>
 * with the scaled duals u, w_i, and over-relaxation ({@value #RELAXATION}: {@code B x} and {@code Ψ_i x} are
 * replaced by {@code α B x + (1 - α) v} and {@code α Ψ_i x + (1 - α) z_i} in the v, z and dual steps; Eckstein
 * and Bertsekas 1992). An iteration costs one B and one {@code B^H} (the coil transforms of one normal operator)
 * and K wavelet pairs: about 1.5x a FISTA iteration.
 * <p>
 * Why: FISTA on the column-mask SENSE wavelet problem climbs slowly at the small λ the automatic choice picks
 * (docs/algorithms-cs.md: 27.9 / 29.2 / 30.4 dB after 60 / 100 / 200 iterations on a 16-coil 192² volume), since
 * the poorly encoded directions move only by the prox's small shrinkage; here the x-step inverts the data term
 * exactly. Four fixed shifts stand in for FISTA's random cycle spinning, which ADMM's duals cannot follow (a
 * random shift per step left the single-coil wavelet 1-3 dB short). Updating one basis per iteration in turn (the
 * cost of FISTA's iteration) oscillated or diverged once {@code K ρ₂ > ρ₁}; all four are stable (docs/algorithms-cs.md,
 * item (6)).
 */
public final class ShiftedWaveletAdmm extends IterativeAlgorithm {

	/** Shifted wavelet bases. */
	static final int BASES = 4;
	/** The shift between consecutive bases along each axis (modulo the coarsest block). */
	static final int SHIFT_STEP = 5;
	/** ρ₁, the data split's penalty, for data scaled as {@link DataScaling} scales it. */
	static final double DATA_RHO = 0.02;
	/** ρ₂ / λ. */
	static final double FRAME_RHO_PER_LAMBDA = 1;
	/** Over-relaxation α. */
	static final double RELAXATION = 1.7;
	/**
	 * What {@link RegularisedLeastSquares} multiplies the tolerance by for this solver: x keeps moving by small
	 * steady steps after the image has settled (ADMM's duals are still adjusting), so its windowed change is about
	 * ten times FISTA's at the same distance from the end. Measured on slices of 16-coil volumes with 0.2 % and 1 %
	 * noise at λ 2e-4 to 1e-3: PSNR within 0.05 dB of 200 iterations once the change fell below 5e-4 (100-120
	 * iterations from zero), so the default tolerance 5e-5 times ten.
	 */
	static final double TOLERANCE_SCALE = 10;

	private final Through through;
	private final float[] gram;
	private final boolean[] sampled;
	private final float[] data;
	private final VectorMap analysis;
	private final VectorMap synthesis;
	private final int width;
	private final int height;
	private final int[] shifts;
	private final float threshold;
	private final float rho1;
	private final float rho2;
	private final float[] x;
	private final float[] v;
	private final float[] u;
	private final float[] dataTerm;
	private final float[][] z;
	private final float[][] w;
	private final float[] frameSum;
	private final float[] shifted;
	private final float[] coefficients;

	/** {@code out = B^H f(B x)}, f applied to B's output in pieces ({@link SenseRows#applyThrough}). */
	@FunctionalInterface
	public interface Through {

		void apply(float[] x, SenseRows.SampleUpdate f, float[] out);
	}

	/**
	 * @param split B, image ({@code 2 width height} floats) to split samples (to start)
	 * @param through {@code B^H f(B x)}
	 * @param gram {@code B^H B} per pixel
	 * @param sampled P per split sample
	 * @param data d, zero where not sampled
	 * @param analysis Ψ, the unshifted wavelet, image to {@code coefficientFloats}
	 * @param synthesis {@code Ψ^H}
	 * @param maxShift the coarsest block's side, {@code 2^levels}
	 * @param x starting point, updated in place and returned as the solution
	 */
	public ShiftedWaveletAdmm(final VectorMap split, final Through through, final float[] gram,
		final boolean[] sampled, final float[] data, final VectorMap analysis, final VectorMap synthesis,
		final int coefficientFloats, final int width, final int height, final int maxShift, final double lambda,
		final float[] x, final int maxIterations)
	{
		super(maxIterations);
		this.through = through;
		this.gram = gram;
		this.sampled = sampled;
		this.data = data;
		this.analysis = analysis;
		this.synthesis = synthesis;
		this.width = width;
		this.height = height;
		this.shifts = new int[BASES];
		for (int i = 0; i < BASES; i++)
			shifts[i] = SHIFT_STEP * i % maxShift;
		this.rho1 = (float) DATA_RHO;
		this.rho2 = (float) Math.max(FRAME_RHO_PER_LAMBDA * lambda, RegularisedLeastSquares.MIN_RHO);
		this.threshold = (float) (lambda / (BASES * rho2));
		this.x = x;
		this.v = new float[data.length];
		this.u = new float[data.length];
		this.dataTerm = new float[x.length];
		this.shifted = new float[x.length];
		this.coefficients = new float[coefficientFloats];
		this.z = new float[BASES][coefficientFloats];
		this.w = new float[BASES][coefficientFloats];
		this.frameSum = new float[x.length];
		// start at the fixed point of x: v = B x, z_i = Ψ_i x, duals zero
		split.apply(x, v);
		for (int i = 0; i < BASES; i++) {
			roll(x, shifted, shifts[i], shifts[i]);
			analysis.apply(shifted, z[i]);
		}
	}

	@Override
	protected void update() {
		final float a = (float) RELAXATION, b = 1 - a;
		through.apply(x, this::updateSamples, dataTerm);

		java.util.Arrays.fill(frameSum, 0);
		for (int basis = 0; basis < BASES; basis++) {
			final int s = shifts[basis];
			final float[] zi = z[basis], wi = w[basis];
			roll(x, shifted, s, s);
			analysis.apply(shifted, coefficients);
			for (int i = 0; i < coefficients.length; i += 2) {
				final float tr = a * coefficients[i] + b * zi[i] + wi[i];
				final float ti = a * coefficients[i + 1] + b * zi[i + 1] + wi[i + 1];
				final float mag = (float) Math.sqrt(tr * tr + ti * ti);
				final float f = mag > threshold ? 1 - threshold / mag : 0;
				zi[i] = f * tr;
				zi[i + 1] = f * ti;
				wi[i] = tr - zi[i];
				wi[i + 1] = ti - zi[i + 1];
				coefficients[i] = zi[i] - wi[i];
				coefficients[i + 1] = zi[i + 1] - wi[i + 1];
			}
			synthesis.apply(coefficients, shifted);
			addRolledBack(shifted, frameSum, s);
		}

		for (int p = 0; p < gram.length; p++) {
			final float denominator = rho1 * gram[p] + BASES * rho2;
			x[2 * p] = (rho1 * dataTerm[2 * p] + rho2 * frameSum[2 * p]) / denominator;
			x[2 * p + 1] = (rho1 * dataTerm[2 * p + 1] + rho2 * frameSum[2 * p + 1]) / denominator;
		}
	}

	/** The v and u steps on one piece of B x, which leaves {@code v - u} in {@code line} for {@code B^H}. */
	private void updateSamples(final float[] line, final int index) {
		final float a = (float) RELAXATION, b = 1 - a;
		for (int j = 0, e = index; j < line.length; j += 2, e++) {
			final int i = 2 * e;
			final float qr = a * line[j] + b * v[i], qi = a * line[j + 1] + b * v[i + 1];
			final float vr, vi;
			if (sampled[e]) {
				vr = (data[i] + rho1 * (qr + u[i])) / (1 + rho1);
				vi = (data[i + 1] + rho1 * (qi + u[i + 1])) / (1 + rho1);
			} else {
				vr = qr + u[i];
				vi = qi + u[i + 1];
			}
			u[i] += qr - vr;
			u[i + 1] += qi - vi;
			v[i] = vr;
			v[i + 1] = vi;
			line[j] = vr - u[i];
			line[j + 1] = vi - u[i + 1];
		}
	}

	@Override
	public float[] solution() {
		return x;
	}

	/** {@code sum[y][x] += in[(y+s) % h][(x+s) % w]}: undoes {@link #roll} by (s, s) while adding. */
	private void addRolledBack(final float[] in, final float[] sum, final int s) {
		final int dx = s % width, dy = s % height;
		for (int y = 0; y < height; y++) {
			final int src = 2 * ((y + dy) % height) * width, dst = 2 * y * width;
			for (int xx = 0; xx < width; xx++) {
				final int from = src + 2 * ((xx + dx) % width);
				sum[dst + 2 * xx] += in[from];
				sum[dst + 2 * xx + 1] += in[from + 1];
			}
		}
	}

	/** {@code out[(y+dy) % h][(x+dx) % w] = in[y][x]}. */
	private void roll(final float[] in, final float[] out, final int dx0, final int dy0) {
		final int dx = dx0 % width, dy = dy0 % height, first = width - dx;
		for (int y = 0; y < height; y++) {
			final int src = 2 * y * width, dst = 2 * ((y + dy) % height) * width;
			System.arraycopy(in, src, out, dst + 2 * dx, 2 * first);
			System.arraycopy(in, src + 2 * first, out, dst, 2 * dx);
		}
	}
}
