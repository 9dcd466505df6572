package org.accelmr.io;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.RawScan;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;

/**
 * An ISMRMRD/MRD v1 file ({@code .h5}, {@code .mrd}): the XML header {@code /dataset/xml} and the acquisitions
 * {@code /dataset/data}, a compound of {@code head} (the acquisition header with its {@code idx} counters),
 * {@code traj} and {@code data} (channels x samples, complex interleaved float32).
 * <p>
 * Cartesian data only. Acquisition flags (ISMRMRD numbering, bit = flag - 1): noise measurements (19) become the
 * noise samples; parallel-calibration lines (20) the calibration k-space unless also flagged as imaging (21);
 * reversed lines (22) are flipped; navigator, phase-correction, feedback, dummy, surface-coil-correction and
 * phase-stabilisation acquisitions (23, 24, 26-31) are skipped, as are acquisitions of another encoding space
 * and of any but the first cardiac phase and set.
 * {@code discard_pre}/{@code discard_post} samples are dropped. The k-space keeps the encoded readout (with its
 * oversampling); the reconstruction size is the recon space's matrix, so reconstructions are cropped to it, as
 * fastMRI's are. Where the lines go is {@link CartesianLines}'s business.
 */
public final class IsmrmrdFile {

	private static final int NOISE = 19, CALIBRATION = 20, CALIBRATION_AND_IMAGING = 21, REVERSE = 22;
	private static final int[] SKIPPED = { 23, 24, 26, 27, 28, 29, 30, 31 };

	private IsmrmrdFile() {}

	/** The first repetition and contrast. */
	public static RawScan read(final Path file) {
		return read(file, -1, -1);
	}

	/**
	 * @param repetition which repetition, -1 for the first present
	 * @param contrast which contrast, -1 for the first present
	 * @throws AccelMRException naming the file for a missing XML header, a non-Cartesian trajectory, an
	 *         acquisition whose samples disagree with its header or the XML header, noise with another coil count
	 */
	public static RawScan read(final Path file, final int repetition, final int contrast) {
		if (!Hdf5Files.isHdf5(file) && java.nio.file.Files.isRegularFile(file)) throw new AccelMRException(file +
			": not an HDF5 file (ISMRMRD/MRD v1 is HDF5; MRD v2 streams are not supported)");
		try (HdfFile hdf = Hdf5Files.open(file)) {
			final Group group = Hdf5Files.ismrmrdGroup(hdf);
			if (group == null) throw new AccelMRException(file + ": no ISMRMRD data (expected /dataset/data and " +
				"/dataset/xml, found " + hdf.getChildren().keySet() + ")");
			final String where = group.getPath();
			if (!(group.getChild("xml") instanceof Dataset xmlSet)) throw new AccelMRException(file +
				": no ISMRMRD XML header (" + where + "xml); it tells the matrix and field of view");
			final String xml = text(Hdf5Files.read(file, xmlSet::getData));
			final IsmrmrdHeader header = IsmrmrdHeader.parse(xml);
			if (!header.encoded().known()) throw new AccelMRException(file + ": the XML header (" + where +
				"xml) has no encodedSpace matrix");
			if (!header.isCartesian()) throw new AccelMRException(file + ": trajectory '" + header.trajectory() +
				"' is not Cartesian; AccelMR reconstructs Cartesian data only");
			final Dataset data = (Dataset) group.getChild("data");
			final Map<?, ?> all = (Map<?, ?>) Hdf5Files.read(file, data::getData);
			final CartesianLines lines = new CartesianLines(file, "acquisition");
			final int skipped = addAcquisitions(file, all, lines);
			final IsmrmrdHeader.Space enc = header.encoded(), recon = header.recon().known() ? header.recon() : enc;
			final CartesianLines.Geometry geometry = new CartesianLines.Geometry(enc.x(), enc.y(), header
				.centreStep1(), enc.z(), header.centreStep2());
			final Map<String, Object> attributes = new LinkedHashMap<>();
			attributes.put("format", "ISMRMRD");
			attributes.put("encoded_matrix", enc.x() + " x " + enc.y() + " x " + enc.z());
			attributes.put("recon_matrix", recon.x() + " x " + recon.y() + " x " + recon.z());
			attributes.put("fov_mm", String.format(Locale.ROOT, "%g x %g x %g", recon.fovX(), recon.fovY(), recon
				.fovZ()));
			attributes.put("noise_scans", lines.noiseScans());
			attributes.put("repetitions", lines.repetitions());
			attributes.put("contrasts", lines.contrasts());
			attributes.put("averages", lines.averages());
			attributes.put("skipped_acquisitions", skipped);
			// 2-D: the encoded field of view along z is the slice thickness; 3-D: the slab over its partitions
			if (enc.fovZ() > 0) attributes.put(VolumeFiles.SLICE_THICKNESS, enc.fovZ() / Math.max(1, enc.z()));
			// rows are the readout (x), columns the phase encoding (y)
			final AcquisitionInfo info = new AcquisitionInfo(file.getFileName().toString(), Math.min(recon.y(), enc
				.y()), Math.min(recon.x(), enc.x()), attributes, xml, enc.pixelPhase(), enc.pixelReadout());
			return lines.build(geometry, repetition, contrast, info);
		}
	}

	/** Adds every acquisition to {@code lines}; returns how many were skipped. */
	private static int addAcquisitions(final Path file, final Map<?, ?> all, final CartesianLines lines) {
		final Map<?, ?> head = (Map<?, ?>) all.get("head");
		final Object[] data = (Object[]) all.get("data");
		if (head == null || data == null) throw new AccelMRException(file + ": acquisitions lack 'head' or 'data'");
		final Map<?, ?> idx = (Map<?, ?>) head.get("idx");
		final long[] flags = longs(file, head, "flags");
		final long[] samples = longs(file, head, "number_of_samples"), channels = longs(file, head, "active_channels"),
			pre = longs(file, head, "discard_pre"), post = longs(file, head, "discard_post"), centre = longs(file,
				head, "center_sample"), space = longs(file, head, "encoding_space_ref");
		final long[] step1 = longs(file, idx, "kspace_encode_step_1"), step2 = longs(file, idx, "kspace_encode_step_2"),
			average = longs(file, idx, "average"), slice = longs(file, idx, "slice"), contrast = longs(file, idx,
				"contrast"), repetition = longs(file, idx, "repetition"), phase = longs(file, idx, "phase"), set = longs(
					file, idx, "set");
		// cardiac phases and sets are not averaged together: the first of each is read
		final long firstPhase = min(phase, flags), firstSet = min(set, flags);
		int skipped = 0;
		for (int a = 0; a < data.length; a++) {
			final long f = flags[a];
			final float[] d = data[a] instanceof float[] fa ? fa : NestedArrays.floats(data[a]);
			final int ns = (int) samples[a], nc = (int) channels[a];
			if (d.length != 2 * ns * nc) throw new AccelMRException(file + ": acquisition " + a + " holds " + d.length /
				2 + " complex samples, but its header says " + nc + " channels x " + ns + " samples");
			if (flag(f, NOISE)) {
				lines.addNoise(a, nc, ns, d);
				continue;
			}
			boolean skip = space[a] != 0 || phase[a] != firstPhase || set[a] != firstSet;
			for (final int s : SKIPPED)
				skip |= flag(f, s);
			if (skip) {
				skipped++;
				continue;
			}
			final int cut = (int) (pre[a] + post[a]);
			if (cut >= ns) throw new AccelMRException(file + ": acquisition " + a + " discards " + cut + " of its " +
				ns + " samples");
			final float[] kept = cut == 0 ? d : discard(d, nc, ns, (int) pre[a], (int) post[a]);
			final CartesianLines.Role role = flag(f, CALIBRATION_AND_IMAGING) ? CartesianLines.Role.IMAGE_AND_CALIBRATION
				: flag(f, CALIBRATION) ? CartesianLines.Role.CALIBRATION : CartesianLines.Role.IMAGE;
			lines.add(new CartesianLines.Line(a, (int) slice[a], (int) step2[a], (int) step1[a], (int) average[a],
				(int) repetition[a], (int) contrast[a], flag(f, REVERSE), role, nc, ns - cut, (int) centre[a] -
					(int) pre[a], kept));
		}
		return skipped;
	}

	/** The smallest counter value of the acquisitions that are not noise. */
	private static long min(final long[] counter, final long[] flags) {
		long m = Long.MAX_VALUE;
		for (int a = 0; a < counter.length; a++)
			if (!flag(flags[a], NOISE)) m = Math.min(m, counter[a]);
		return m;
	}

	private static boolean flag(final long flags, final int ismrmrdFlag) {
		return (flags >>> (ismrmrdFlag - 1) & 1) != 0;
	}

	private static float[] discard(final float[] d, final int coils, final int ns, final int pre, final int post) {
		final int kept = ns - pre - post;
		final float[] out = new float[2 * coils * kept];
		for (int c = 0; c < coils; c++)
			System.arraycopy(d, 2 * (c * ns + pre), out, 2 * c * kept, 2 * kept);
		return out;
	}

	/** A numeric member of the compound (jhdf gives int[], long[] or BigInteger[] by type) as longs. */
	private static long[] longs(final Path file, final Map<?, ?> compound, final String name) {
		final Object column = compound == null ? null : compound.get(name);
		if (column == null) throw new AccelMRException(file + ": the acquisition headers lack '" + name + "'");
		if (column instanceof long[] l) return l;
		final long[] out = new long[Array.getLength(column)];
		for (int i = 0; i < out.length; i++) {
			final Object v = Array.get(column, i);
			out[i] = v instanceof BigInteger b ? b.longValue() : ((Number) v).longValue();
		}
		return out;
	}

	private static String text(final Object xml) {
		if (xml instanceof String s) return s;
		if (xml instanceof String[] a && a.length > 0) return a[0];
		return null;
	}
}
