package org.accelmr.io;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.SamplingMask;
import org.accelmr.progress.Progress;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.FloatingPoint;

/**
 * A fastMRI HDF5 file: {@code kspace} complex64 (an h5py compound {r, i}) of shape {@code (slices, H, W)}
 * (single-coil) or {@code (slices, coils, H, W)} (multi-coil), where W, the last axis, is the phase-encode
 * direction the 1-D masks act on; optional {@code reconstruction_rss}/{@code reconstruction_esc} float32
 * {@code (slices, h, w)} references, an optional {@code mask} (challenge files: bool {@code (W)} or
 * {@code (H, W)}; the k-space is already undersampled), the {@code ismrmrd_header} XML and root attributes.
 * <p>
 * Reading is slice by slice through hyperslabs, so asking for one slice reads one slice from disk. Every
 * failure is an {@link AccelMRException} naming the file.
 */
public final class FastMriFile implements KSpaceSource {

	private static final byte[] HDF5_SIGNATURE = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };
	private static final String[] REFERENCES = { "reconstruction_rss", "reconstruction_esc" };

	private final Path path;
	private final HdfFile hdf;
	private final Dataset kspace;
	private final int slices, coils, height, width;
	private final Dataset reference;
	private final SamplingMask mask;
	private final AcquisitionInfo info;

	private FastMriFile(final Path path, final HdfFile hdf) {
		this.path = path;
		this.hdf = hdf;
		checkComplete();
		this.kspace = kspaceDataset();
		final int[] dims = kspace.getDimensions();
		slices = dims[0];
		coils = dims.length == 4 ? dims[1] : 1;
		height = dims[dims.length - 2];
		width = dims[dims.length - 1];
		reference = referenceDataset();
		mask = readMask();
		info = readInfo();
	}

	/**
	 * Opens the file and checks its layout (the k-space type and rank, the mask size) without reading samples.
	 *
	 * @throws AccelMRException naming the file when it is missing, not HDF5, damaged, or not fastMRI layout
	 */
	public static FastMriFile open(final Path file) {
		if (!Files.isRegularFile(file)) throw new AccelMRException(file + ": file not found");
		final HdfFile hdf;
		try {
			hdf = new HdfFile(file);
		}
		catch (final RuntimeException e) {
			throw failure(file, e);
		}
		try {
			return new FastMriFile(file, hdf);
		}
		catch (final RuntimeException e) {
			hdf.close();
			throw failure(file, e);
		}
	}

	// -- Layout --

	@Override
	public int slices() {
		return slices;
	}

	/** 1 for single-coil {@code (slices, H, W)} files. */
	@Override
	public int coils() {
		return coils;
	}

	/** Columns: the last axis (phase encode in fastMRI files). */
	@Override
	public int width() {
		return width;
	}

	/** Rows: the second-to-last axis (readout in fastMRI files). */
	@Override
	public int height() {
		return height;
	}

	/** The file's sampling mask (challenge files), or null when the k-space is fully sampled. */
	@Override
	public SamplingMask mask() {
		return mask;
	}

	@Override
	public AcquisitionInfo info() {
		return info;
	}

	// -- Samples --

	/** Every slice. */
	public KSpace readAll() {
		return readSlices(0, slices, Progress.NONE);
	}

	/** Slices {@code first .. first + count - 1}, read one hyperslab per slice. */
	public KSpace readSlices(final int first, final int count) {
		return readSlices(first, count, Progress.NONE);
	}

	/**
	 * Slices {@code first .. first + count - 1}, reporting progress per slice and polling for cancellation.
	 *
	 * @throws AccelMRException when the range is outside the file or a sample is NaN or infinite
	 */
	public KSpace readSlices(final int first, final int count, final Progress progress) {
		checkRange(first, count);
		final int n = width * height;
		final float[][] planes = new float[count * coils][];
		for (int s = 0; s < count; s++) {
			progress.checkCancelled();
			final long[] offset = new long[kspace.getDimensions().length];
			offset[0] = first + s;
			final int[] shape = kspace.getDimensions().clone();
			shape[0] = 1;
			final Map<?, ?> slab = (Map<?, ?>) read(() -> kspace.getData(offset, shape));
			final float[] re = NestedArrays.floats(slab.get("r")), im = NestedArrays.floats(slab.get("i"));
			for (int c = 0; c < coils; c++) {
				final float[] p = new float[2 * n];
				for (int j = 0; j < n; j++) {
					p[2 * j] = re[c * n + j];
					p[2 * j + 1] = im[c * n + j];
				}
				planes[s * coils + c] = p;
			}
			final float[][] slicePlanes = Arrays.copyOfRange(planes, s * coils, (s + 1) * coils);
			final String bad = ComplexStack.wrap(slicePlanes, width, height, coils, 1).firstNonFinite();
			if (bad != null) throw new AccelMRException(path + ": k-space holds NaN or Inf at " + bad
				.replaceFirst("^slice 0", "slice " + (first + s)));
			progress.progress(s + 1, count);
		}
		return new KSpace(ComplexStack.wrap(planes, width, height, coils, count), mask, info);
	}

	@Override
	public KSpace read(final int first, final int count, final Progress progress) {
		return readSlices(first, count, progress);
	}

	@Override
	public Optional<FloatVolume> reference(final int first, final int count) {
		return readReference(first, count);
	}

	/** The whole reference reconstruction, {@code reconstruction_rss} preferred, else {@code _esc}. */
	public Optional<FloatVolume> readReference() {
		return reference == null ? Optional.empty() : readReference(0, reference.getDimensions()[0]);
	}

	/** Slices {@code first .. first + count - 1} of the reference, by hyperslab. */
	public Optional<FloatVolume> readReference(final int first, final int count) {
		if (reference == null) return Optional.empty();
		final int[] dims = reference.getDimensions();
		if (first < 0 || count < 1 || first + count > dims[0]) throw new AccelMRException(path + ": reference " +
			"slices " + first + ".." + (first + count - 1) + " are outside 0.." + (dims[0] - 1));
		final int[] shape = { count, dims[1], dims[2] };
		final float[] flat = NestedArrays.floats(read(() -> reference.getData(new long[] { first, 0, 0 }, shape)));
		final int n = dims[1] * dims[2];
		final float[][] out = new float[count][];
		for (int s = 0; s < count; s++)
			out[s] = Arrays.copyOfRange(flat, s * n, (s + 1) * n);
		return Optional.of(new FloatVolume(dims[2], dims[1], out));
	}

	@Override
	public void close() {
		hdf.close();
	}

	// -- Layout checks --

	/**
	 * The superblock records where the file ends; a shorter file was cut off (an interrupted download or copy),
	 * as the HDF5 library itself reports. Checked up front because the cut may hit data read only later.
	 */
	private void checkComplete() {
		final long expected = hdf.getUserBlockSize() + hdf.getHdfBackingStorage().getSuperblock()
			.getEndOfFileAddress();
		final long actual;
		try {
			actual = Files.size(path);
		}
		catch (final IOException e) {
			throw new AccelMRException(path + ": cannot read (" + e.getMessage() + ")", e);
		}
		if (actual < expected) throw new AccelMRException(path + ": truncated HDF5 file, " + actual + " of " +
			expected + " bytes");
	}

	private Dataset kspaceDataset() {
		final Node node = hdf.getChild("kspace");
		if (!(node instanceof Dataset ds)) throw new AccelMRException(path + ": no 'kspace' dataset (found " + hdf
			.getChildren().keySet() + ")");
		final int[] dims = ds.getDimensions();
		if (!(ds.getDataType() instanceof CompoundDataType ct) || ct.getMembers().size() != 2 || !ct.getMembers()
			.stream().allMatch(m -> (m.getName().equals("r") || m.getName().equals("i")) && m
				.getDataType() instanceof FloatingPoint)) throw new AccelMRException(path + ": 'kspace' has type " +
					ds.getJavaType().getSimpleName() + ", expected complex64 (an h5py compound {r, i})");
		if (dims.length != 3 && dims.length != 4) throw new AccelMRException(path + ": 'kspace' has shape " + Arrays
			.toString(dims) + ", expected (slices,H,W) or (slices,coils,H,W)");
		for (final int d : dims)
			if (d < 1) throw new AccelMRException(path + ": 'kspace' is empty " + Arrays.toString(dims));
		return ds;
	}

	private Dataset referenceDataset() {
		for (final String name : REFERENCES)
			if (hdf.getChild(name) instanceof Dataset ds) {
				if (ds.getDimensions().length != 3 || !(ds.getDataType() instanceof FloatingPoint))
					throw new AccelMRException(path + ": '" + name + "' has shape " + Arrays.toString(ds
						.getDimensions()) + " of " + ds.getJavaType().getSimpleName() + ", expected float (slices,H,W)");
				return ds;
			}
		return null;
	}

	private SamplingMask readMask() {
		if (!(hdf.getChild("mask") instanceof Dataset ds)) return null;
		final int[] dims = ds.getDimensions();
		final boolean column = dims.length == 1 && dims[0] == width;
		if (!column && !(dims.length == 2 && dims[0] == height && dims[1] == width)) throw new AccelMRException(path +
			": 'mask' has shape " + Arrays.toString(dims) + ", expected (" + width + ") or (" + height + "," + width +
			") to match 'kspace' " + Arrays.toString(kspace.getDimensions()));
		final boolean[] flags;
		try {
			flags = NestedArrays.booleans(read(ds::getData));
		}
		catch (final IllegalArgumentException e) {
			throw new AccelMRException(path + ": 'mask' is not bool or 0/1 numbers (" + e.getMessage() + ")");
		}
		return column ? SamplingMask.ofColumns(flags, height) : SamplingMask.of2D(flags, width, height);
	}

	private AcquisitionInfo readInfo() {
		final Map<String, Object> attributes = new LinkedHashMap<>();
		for (final Map.Entry<String, Attribute> e : hdf.getAttributes().entrySet()) {
			Object v = read(e.getValue()::getData);
			if (v != null && v.getClass().isArray() && Array.getLength(v) == 1)
				v = Array.get(v, 0);
			if (v instanceof Number || v instanceof String) attributes.put(e.getKey(), v);
		}
		String header = null;
		if (hdf.getChild("ismrmrd_header") instanceof Dataset ds) {
			final Object h = read(ds::getData);
			header = h instanceof String s ? s : h instanceof String[] a && a.length == 1 ? a[0] : null;
		}
		final ReconSpace recon = ReconSpace.parse(header);
		int rw = recon.width(), rh = recon.height();
		if (reference != null) {
			final int[] d = reference.getDimensions();
			rw = d[2];
			rh = d[1];
		}
		return new AcquisitionInfo(path.getFileName().toString(), rw, rh, attributes, header, recon.pixelWidth(),
			recon.pixelHeight());
	}

	private void checkRange(final int first, final int count) {
		if (first < 0 || count < 1 || first + count > slices) throw new AccelMRException(path + ": slices " + first +
			".." + (first + count - 1) + " are outside the file's 0.." + (slices - 1));
	}

	// -- Failures --

	private Object read(final Supplier<Object> access) {
		try {
			return access.get();
		}
		catch (final RuntimeException e) {
			throw failure(path, e);
		}
	}

	/** One line naming the file; jhdf's exceptions and stack traces never reach the user. */
	private static AccelMRException failure(final Path file, final RuntimeException e) {
		if (e instanceof AccelMRException a) return a;
		final String what = startsWithSignature(file) ? "damaged or truncated HDF5 file" : "not an HDF5 file";
		return new AccelMRException(file + ": " + what + " (" + e.getClass().getSimpleName() + (e.getMessage() ==
			null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")", e);
	}

	private static boolean startsWithSignature(final Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return Arrays.equals(in.readNBytes(HDF5_SIGNATURE.length), HDF5_SIGNATURE);
		}
		catch (final IOException e) {
			return false;
		}
	}
}
