package org.accelmr.nn;

import org.accelmr.cs.CoilMapSource;
import org.accelmr.cs.CoilMaps;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.progress.Progress;

/**
 * Runs a {@link VarNetModel} on measured k-space, slice by slice: coil maps from the measured samples (as the
 * model was trained, or as the caller says), the k-space divided by the maximum of its zero-filled RSS image
 * ({@link VarNetSidecar#NORMALISATION}), the network, and the RSS image multiplied back. One slice at a time goes
 * through the network, because one multi-coil slice already fills the batch (a 15-coil 640x368 slice is 28 MB of
 * k-space per copy); output is on the k-space grid, uncropped.
 */
public final class VarNetInference {

	private VarNetInference() {}

	/** The coil maps the model was trained with ({@link VarNetArchitecture#coilMaps()}). */
	public static CoilMapSource trainedMaps(final VarNetModel model) {
		return CoilMapSource.parse(model.net().architecture().coilMaps());
	}

	/**
	 * @param kspace slices to reconstruct (not modified)
	 * @param maps where each slice's coil maps come from; single-coil data always uses ones
	 * @param firstSlice index of {@code kspace}'s first slice in its file (for map files)
	 * @return one RSS image per slice, {@code height x width} of the k-space
	 */
	public static FloatVolume reconstruct(final VarNetModel model, final KSpace kspace, final CoilMapSource maps,
		final int firstSlice, final Progress progress)
	{
		final ComplexStack data = kspace.data();
		final int w = data.width(), h = data.height(), coils = data.coils(), slices = data.slices();
		model.checkFits(coils, w, h);
		final float[] mask = kspace.maskOrFull().toFloats();
		final float[][] out = new float[slices][];
		for (int s = 0; s < slices; s++) {
			progress.checkCancelled();
			final KSpace slice = kspace.slice(s);
			final CoilMaps m = coils == 1 ? CoilMaps.ones(w, h) : maps.mapsFor(slice, firstSlice + s);
			out[s] = reconstructSlice(model, slice.data(), kspace.maskOrFull(), mask, m.maps());
			progress.progress(s + 1, slices);
		}
		return new FloatVolume(w, h, out);
	}

	/** One slice: normalise, run, restore. {@code maps} interleaved, coil-major as {@link CoilMaps#maps()}. */
	static float[] reconstructSlice(final VarNetModel model, final ComplexStack slice,
		final org.accelmr.mask.SamplingMask samplingMask, final float[] mask, final float[] maps)
	{
		final int w = slice.width(), h = slice.height(), coils = slice.coils(), plane = 2 * w * h;
		final float scale = scale(slice);
		final ComplexStack normalised = slice.copy();
		final float[] k = new float[coils * plane];
		for (int c = 0; c < coils; c++) {
			final float[] p = normalised.plane(0, c);
			for (int i = 0; i < plane; i++)
				p[i] /= scale;
			System.arraycopy(p, 0, k, c * plane, plane);
		}
		final float[] start = VarNetStart.image(model.net().architecture(), normalised, samplingMask, new CoilMaps(
			maps, w, h, coils));
		final float[] out = model.predict(k, mask, maps, start, 1, coils, h, w);
		for (int i = 0; i < out.length; i++)
			out[i] *= scale;
		return out;
	}

	/** The maximum of the zero-filled RSS image of one slice (1 for an all-zero slice). */
	public static float scale(final ComplexStack slice) {
		final ComplexStack images = slice.copy();
		CenteredFFT.inverse(images, 1);
		final double max = CoilCombination.rss(images).max();
		return max > 0 && Double.isFinite(max) ? (float) max : 1;
	}
}
