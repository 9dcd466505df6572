package org.accelmr.nn;

import org.accelmr.cs.CoilMapSource;
import org.accelmr.cs.CoilMaps;
import org.accelmr.cs.VolumeLambda;
import org.accelmr.kspace.CoilCombination;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;
import org.accelmr.progress.Jobs;
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
	 * One slice as the network takes it: measured k-space divided by {@code scale}, its mask, coil maps and the
	 * start image ({@link VarNetStart}, null for a zero-filled start) with the λ and iterations of its solve (NaN
	 * and 0 without one), and its {@link BackgroundLevel#measure background} on the divided scale.
	 */
	public record SliceInput(ComplexStack kspace, SamplingMask mask, CoilMaps maps, float[] start, float scale,
		double startLambda, int startIterations, BackgroundLevel.Background background)
	{

		/** A slice whose start's making and background are not recorded. */
		public SliceInput(final ComplexStack kspace, final SamplingMask mask, final CoilMaps maps, final float[] start,
			final float scale)
		{
			this(kspace, mask, maps, start, scale, Double.NaN, 0, BackgroundLevel.Background.UNKNOWN);
		}

		/** The k-space as one interleaved array, coil after coil. */
		public float[] interleaved() {
			final int plane = 2 * kspace.width() * kspace.height();
			final float[] k = new float[kspace.coils() * plane];
			for (int c = 0; c < kspace.coils(); c++)
				System.arraycopy(kspace.plane(0, c), 0, k, c * plane, plane);
			return k;
		}
	}

	/** What runs around each slice's network call, e.g. adapting the model to the scan ({@code adapt=N}). */
	public interface SliceHook {

		/** Before slice {@code index} (absolute) goes through the network. */
		void before(VarNetModel model, SliceInput input, int index, Progress progress);

		/** After it, whatever happened. */
		void after(VarNetModel model);
	}

	/**
	 * @param kspace slices to reconstruct (not modified)
	 * @param maps where each slice's coil maps come from; single-coil data always uses ones
	 * @param firstSlice index of {@code kspace}'s first slice in its file (for map files)
	 * @param threads slices whose coil maps and start images are computed at once (the network then runs one
	 *          slice at a time)
	 * @param hook run around every slice, or null
	 * @return one RSS image per slice, {@code height x width} of the k-space
	 */
	public static FloatVolume reconstruct(final VarNetModel model, final KSpace kspace, final CoilMapSource maps,
		final int firstSlice, final int threads, final SliceHook hook, final Progress progress)
	{
		return reconstruct(model, kspace, maps, firstSlice, threads, hook, null, progress);
	}

	/** @param volume the volume's automatic λ for the compressed-sensing start, or null to choose it per slice */
	public static FloatVolume reconstruct(final VarNetModel model, final KSpace kspace, final CoilMapSource maps,
		final int firstSlice, final int threads, final SliceHook hook, final VolumeLambda volume,
		final Progress progress)
	{
		final ComplexStack data = kspace.data();
		final int w = data.width(), h = data.height(), coils = data.coils(), slices = data.slices();
		model.checkFits(coils, w, h);
		final SliceInput[] inputs = new SliceInput[slices];
		final java.util.List<Runnable> jobs = new java.util.ArrayList<>();
		for (int s = 0; s < slices; s++) {
			final int slice = s;
			jobs.add(() -> {
				progress.checkCancelled();
				final KSpace one = kspace.slice(slice);
				final CoilMaps m = mapsFor(maps, one, firstSlice + slice);
				inputs[slice] = input(model, one.data(), kspace.maskOrFull(), m, volume, firstSlice + slice);
			});
		}
		final int workers = Math.min(threads, slices);
		final java.util.concurrent.ExecutorService pool = workers > 1 ? java.util.concurrent.Executors
			.newFixedThreadPool(workers, Jobs.daemonThreads("varnet-start")) : null;
		try {
			Jobs.runAll(jobs, pool);
		}
		finally {
			if (pool != null) pool.shutdownNow();
		}
		final float[][] out = new float[slices][];
		for (int s = 0; s < slices; s++) {
			progress.checkCancelled();
			if (hook != null) hook.before(model, inputs[s], firstSlice + s, progress);
			try {
				out[s] = run(model, inputs[s]);
			}
			finally {
				if (hook != null) hook.after(model);
			}
			inputs[s] = null;
			progress.progress(s + 1, slices);
		}
		return new FloatVolume(w, h, out);
	}

	/** {@link #reconstruct} with the start images on one thread and no hook. */
	public static FloatVolume reconstruct(final VarNetModel model, final KSpace kspace, final CoilMapSource maps,
		final int firstSlice, final Progress progress)
	{
		return reconstruct(model, kspace, maps, firstSlice, 1, null, progress);
	}

	/** One slice's coil maps as the network uses them: from {@code maps}, or ones for single-coil data. */
	public static CoilMaps mapsFor(final CoilMapSource maps, final KSpace slice, final int index) {
		final ComplexStack data = slice.data();
		return data.coils() == 1 ? CoilMaps.ones(data.width(), data.height()) : maps.mapsFor(slice, index);
	}

	/** Normalises one slice and computes its start image. */
	public static SliceInput input(final VarNetModel model, final ComplexStack slice, final SamplingMask mask,
		final CoilMaps maps)
	{
		return input(model, slice, mask, maps, null, 0);
	}

	/** As {@link #input(VarNetModel, ComplexStack, SamplingMask, CoilMaps)}, the start at the volume's λ. */
	public static SliceInput input(final VarNetModel model, final ComplexStack slice, final SamplingMask mask,
		final CoilMaps maps, final VolumeLambda volume, final int index)
	{
		final FloatVolume rss = CoilCombination.rssOfKSpace(slice, 1);
		final float scale = scale(rss);
		final float[] zeroFilled = rss.slice(0);
		for (int i = 0; i < zeroFilled.length; i++)
			zeroFilled[i] /= scale;
		final ComplexStack normalised = slice.copy();
		for (int c = 0; c < normalised.coils(); c++) {
			final float[] p = normalised.plane(0, c);
			for (int i = 0; i < p.length; i++)
				p[i] /= scale;
		}
		final VarNetStart.Start start = VarNetStart.solve(model.net().architecture(), normalised, mask, maps, volume,
			index);
		return new SliceInput(normalised, mask, maps, start.image(), scale, start.lambda(), start.iterations(),
			BackgroundLevel.measure(zeroFilled, mask.toFloats(), slice.width(), slice.height()));
	}

	/**
	 * The network on one prepared slice, its background brought to the measured level ({@link BackgroundLevel}, with
	 * the model's floor), on the scale of the measured k-space.
	 */
	public static float[] run(final VarNetModel model, final SliceInput in) {
		final ComplexStack k = in.kspace();
		final float[] out = BackgroundLevel.apply(model.predict(in.interleaved(), in.mask().toFloats(), in.maps()
			.maps(), in.start(), 1, k.coils(), k.height(), k.width()), k.width(), model.backgroundFloor(), in
				.background());
		for (int i = 0; i < out.length; i++)
			out[i] *= in.scale();
		return out;
	}

	/** The maximum of the zero-filled RSS image of one slice (1 for an all-zero slice). */
	public static float scale(final ComplexStack slice) {
		return scale(CoilCombination.rssOfKSpace(slice, 1));
	}

	/** {@link #scale(ComplexStack)} from the slice's zero-filled RSS image, where the caller already has it. */
	public static float scale(final FloatVolume zeroFilledRss) {
		return scaleOf(zeroFilledRss.max());
	}

	/** A zero-filled RSS image's maximum as the scale, 1 for an all-zero image. */
	private static float scaleOf(final double max) {
		return max > 0 && Double.isFinite(max) ? (float) max : 1;
	}
}
