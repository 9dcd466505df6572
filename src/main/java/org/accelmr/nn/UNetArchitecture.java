package org.accelmr.nn;

import org.accelmr.AccelMRException;

/**
 * The shape of a {@link UNet}: one input and one output channel (magnitude images).
 *
 * @param chans channels after the first level (fastMRI's {@code chans}); level i has {@code chans * 2^i}
 * @param pools number of 2x2 average-pooling steps (fastMRI's {@code num_pool_layers})
 * @param maxGroups group normalisation uses the largest divisor of each level's channels up to this
 * @param residual when true the network learns a correction: output = input + U-Net(input) (not in fastMRI's
 *          layout; it starts training from the zero-filled image, which matters on a CPU budget)
 */
public record UNetArchitecture(int chans, int pools, int maxGroups, boolean residual) {

	public UNetArchitecture {
		if (chans < 1) throw new AccelMRException("chans must be at least 1, got " + chans);
		if (pools < 1 || pools > 6) throw new AccelMRException("pools must be between 1 and 6, got " + pools);
		if (maxGroups < 1) throw new AccelMRException("norm_groups must be at least 1, got " + maxGroups);
	}

	/** Height and width must be multiples of this for the network itself; inputs are padded up to it. */
	public int sizeMultiple() {
		return 1 << pools;
	}

	/** The smallest height or width the padded network accepts: the deepest level must keep one pixel. */
	public int minimumSize() {
		return 1 << pools;
	}

	/** Parameter count, from the layout (3x3 and 2x2 kernels without bias, GroupNorm gamma/beta, 1x1 with bias). */
	public long parameterCount() {
		long n = 0;
		int in = 1, ch = chans;
		for (int i = 0; i < pools; i++) {
			n += convBlock(in, ch);
			in = ch;
			ch *= 2;
		}
		n += convBlock(in, ch); // bottom, ch = chans * 2^pools
		for (int i = 0; i < pools; i++) {
			final int out = ch / 2;
			n += 4L * ch * out + 2L * out; // transposed conv + norm
			n += convBlock(ch, out); // after concatenating the skip: out + out = ch inputs
			ch = out;
		}
		return n + ch + 1; // 1x1 output with bias
	}

	private static long convBlock(final int in, final int out) {
		return 9L * in * out + 9L * out * out + 4L * out;
	}
}
