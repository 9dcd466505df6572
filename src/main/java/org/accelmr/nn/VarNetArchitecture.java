package org.accelmr.nn;

import java.util.Locale;

import org.accelmr.AccelMRException;

/**
 * The shape of a {@link VarNet}: {@code cascades} unrolled steps, each with a 2-channel (re/im) {@link UNet}
 * regulariser of {@code chans} channels and {@code pools} levels, group normalisation of up to {@code maxGroups}
 * groups; the coil maps it was trained with; and the largest coil count it accepts.
 *
 * @param cascades unrolled steps T
 * @param chans channels of each regulariser's first level
 * @param pools pooling levels of each regulariser
 * @param maxGroups GroupNorm groups at most
 * @param coilMaps how the coil maps it was trained with are estimated from the measured samples, a value of the
 *          {@code coil_maps} key: {@code espirit} ({@link org.accelmr.cs.EspiritCalibration} defaults) or {@code rss}
 *          (the Hann-windowed calibration region divided by its RSS, {@link org.accelmr.cs.CoilMaps#rss}, as
 *          fastMRI's sensitivity estimate before its learned refinement)
 * @param maxCoils data with more coils is refused
 * @param start where the cascades start: {@code zero-filled} (k = y, as E2E-VarNet) or the image of a compressed
 *          sensing method at its defaults, {@code tv}, {@code wavelet} or {@code auto} (tv for one coil, wavelet
 *          for more; {@link VarNetStart}); null in a sidecar
 *          written before this field existed means zero-filled
 */
public record VarNetArchitecture(int cascades, int chans, int pools, int maxGroups, String coilMaps, int maxCoils,
	String start)
{

	public static final String ESPIRIT = "espirit";
	public static final String RSS = "rss";
	public static final String ZERO_FILLED = "zero-filled";
	public static final String TV = "tv";
	public static final String WAVELET = "wavelet";
	/** tv for single-coil data, wavelet for multi-coil data ({@link VarNetStart#penaltyFor}). */
	public static final String AUTO = "auto";

	/** A network starting from the zero-filled k-space. */
	public VarNetArchitecture(final int cascades, final int chans, final int pools, final int maxGroups,
		final String coilMaps, final int maxCoils)
	{
		this(cascades, chans, pools, maxGroups, coilMaps, maxCoils, ZERO_FILLED);
	}

	public VarNetArchitecture {
		if (start == null) start = ZERO_FILLED;
		if (!isStart(start)) throw new AccelMRException("VarNet start must be " + STARTS + ", got '" + start + "'");
		if (cascades < 1 || cascades > 32) throw new AccelMRException("cascades must be between 1 and 32, got " +
			cascades);
		unet(chans, pools, maxGroups); // checks chans, pools, norm_groups
		if (coilMaps == null || !coilMaps.equals(ESPIRIT) && !coilMaps.equals(RSS))
			throw new AccelMRException("VarNet coil maps must be " + ESPIRIT + " or " + RSS + ", got '" +
				coilMaps + "'");
		if (maxCoils < 1 || maxCoils > 64) throw new AccelMRException("max_coils must be between 1 and 64, got " +
			maxCoils);
	}

	private static UNetArchitecture unet(final int chans, final int pools, final int maxGroups) {
		return new UNetArchitecture(chans, pools, maxGroups, false);
	}

	/** Each cascade's regulariser (2 channels in and out, not residual: the cascade subtracts its output). */
	public UNetArchitecture regulariser() {
		return unet(chans, pools, maxGroups);
	}

	/** The values of {@code start}, for messages. */
	public static final String STARTS = ZERO_FILLED + ", " + TV + ", " + WAVELET + " or " + AUTO;

	/** Whether {@code s} is a value of {@code start}. */
	public static boolean isStart(final String s) {
		return ZERO_FILLED.equals(s) || TV.equals(s) || WAVELET.equals(s) || AUTO.equals(s);
	}

	/** Whether the cascades start from a compressed-sensing image instead of the measured samples. */
	public boolean startsFromImage() {
		return !ZERO_FILLED.equals(start);
	}

	/** The smallest image side the network accepts. */
	public int minimumSize() {
		return regulariser().minimumSize();
	}

	/**
	 * Parameters: per cascade a 2-channel U-Net (the 1-channel count plus the second input channel of the first
	 * 3x3 convolution and the second output of the 1x1 convolution with its bias) and the data-consistency
	 * weight.
	 */
	public long parameterCount() {
		return cascades * (regulariser().parameterCount() + 9L * chans + chans + 1 + 1);
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%d cascades, chans %d, pools %d, coil maps %s, up to %d coils, start %s",
			cascades, chans, pools, coilMaps, maxCoils, start);
	}
}
