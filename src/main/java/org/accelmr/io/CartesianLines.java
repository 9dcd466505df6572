package org.accelmr.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.KSpace;
import org.accelmr.kspace.NoiseSamples;
import org.accelmr.kspace.RawScan;
import org.accelmr.mask.SamplingMask;

/**
 * Cartesian readout lines of a scanner raw-data file (ISMRMRD acquisitions, Siemens twix scans) assembled into
 * AccelMR's k-space: slices x coils x readout (rows) x phase encoding (columns). The one place that decides
 * where a line goes:
 * <ul>
 * <li>the readout is placed so that its centre sample lands on row {@code rows / 2} (asymmetric echoes leave
 * the rest of the column zero); reversed lines are flipped first;</li>
 * <li>phase-encoding line {@code l} goes to column {@code l - centre + columns / 2}, so partial Fourier leaves
 * the missing columns zero;</li>
 * <li>averages are averaged; one repetition and one contrast are taken (the first unless asked);</li>
 * <li>partitions (3-D) are placed the same way along kz and transformed to slices by the centred orthonormal
 * inverse FFT, so slices x partitions become the output's slices;</li>
 * <li>columns no line reached make up the mask; a fully sampled scan has none.</li>
 * </ul>
 * Calibration-only lines are assembled separately in the same geometry; noise samples are kept per coil.
 */
final class CartesianLines {

	/** What a line is for. */
	enum Role {
		IMAGE, CALIBRATION, IMAGE_AND_CALIBRATION;

		boolean image() {
			return this != CALIBRATION;
		}

		boolean calibration() {
			return this != IMAGE;
		}
	}

	/**
	 * One readout of every coil.
	 *
	 * @param number the acquisition's or scan's number in the file, for messages
	 * @param centreSample the sample at the k-space centre (readout)
	 * @param data coil-major, {@code 2 * samples} interleaved floats per coil
	 */
	record Line(int number, int slice, int partition, int line, int average, int repetition, int contrast,
		boolean reversed, Role role, int coils, int samples, int centreSample, float[] data)
	{}

	/**
	 * Where the lines go, as far as the file's header says; 0 or -1 where it does not (then the lines decide).
	 *
	 * @param rows readout samples of the encoded space
	 * @param columns phase-encoding lines of the encoded space
	 * @param centreLine line at the k-space centre
	 * @param partitions encoded partitions
	 * @param centrePartition partition at the k-space centre
	 */
	record Geometry(int rows, int columns, int centreLine, int partitions, int centrePartition) {}

	private final Path file;
	private final String unit;
	private final List<Line> lines = new ArrayList<>();
	private final List<float[]> noise = new ArrayList<>();
	private int noiseCoils = -1, noiseScans;
	private final TreeSet<Integer> repetitions = new TreeSet<>(), contrasts = new TreeSet<>(),
		averages = new TreeSet<>();

	/** @param unit what the file calls one readout, for messages ("acquisition", "scan") */
	CartesianLines(final Path file, final String unit) {
		this.file = file;
		this.unit = unit;
	}

	void add(final Line line) {
		if (line.data.length != 2 * line.coils * line.samples) throw new AccelMRException(file + ": " + unit + " " +
			line.number + " holds " + line.data.length / 2 + " complex values, expected " + line.coils + " channels x " +
			line.samples + " samples");
		lines.add(line);
		repetitions.add(line.repetition);
		contrasts.add(line.contrast);
		averages.add(line.average);
	}

	/** A noise-only readout, coil-major interleaved like {@link Line#data}. */
	void addNoise(final int number, final int coils, final int samples, final float[] data) {
		if (noiseCoils >= 0 && coils != noiseCoils) throw new AccelMRException(file + ": noise " + unit + " " +
			number + " has " + coils + " channels, earlier noise " + noiseCoils);
		if (data.length != 2 * coils * samples) throw new AccelMRException(file + ": noise " + unit + " " + number +
			" holds " + data.length / 2 + " complex values, expected " + coils + " channels x " + samples + " samples");
		noiseCoils = coils;
		noiseScans++;
		noise.add(data);
	}

	int noiseScans() {
		return noiseScans;
	}

	int repetitions() {
		return repetitions.size();
	}

	int contrasts() {
		return contrasts.size();
	}

	int averages() {
		return averages.size();
	}

	/**
	 * Assembles the chosen repetition and contrast (-1 or 0: the first present).
	 *
	 * @param header what the file's header says about the geometry
	 * @param info source, reconstruction size, attributes and pixel size of the result
	 */
	RawScan build(final Geometry header, final int repetition, final int contrast, final AcquisitionInfo info) {
		if (lines.isEmpty()) throw new AccelMRException(file + ": no imaging " + unit + "s (only noise or " +
			"calibration data)");
		final int rep = pick(repetition, repetitions, "repetition"), con = pick(contrast, contrasts, "contrast");
		final List<Line> chosen = lines.stream().filter(l -> l.repetition == rep && l.contrast == con).toList();
		final Line first = chosen.stream().filter(l -> l.role.image()).findFirst().orElseThrow(
			() -> new AccelMRException(file + ": no imaging " + unit + "s, only calibration lines"));
		final int coils = first.coils;
		for (final Line l : chosen) {
			if (l.coils != coils) throw new AccelMRException(file + ": " + unit + " " + l.number + " has " + l.coils +
				" channels, " + unit + " " + first.number + " has " + coils);
			if (l.role.image() && l.samples != first.samples) throw new AccelMRException(file + ": " + unit + " " +
				l.number + " has " + l.samples + " samples, " + unit + " " + first.number + " has " + first.samples);
		}
		if (noiseCoils >= 0 && noiseCoils != coils) throw new AccelMRException(file + ": noise scans have " +
			noiseCoils + " channels but the image data " + coils + "; cannot whiten with them");
		// readout: the header's length when every line fits in it, else what the lines need
		int half = 0;
		for (final Line l : chosen)
			half = Math.max(half, Math.max(l.centreSample, l.samples - l.centreSample));
		final int rows = header.rows > 0 ? header.rows : 2 * half;
		for (final Line l : chosen) {
			final int offset = rows / 2 - l.centreSample;
			if (offset < 0 || offset + l.samples > rows) throw new AccelMRException(file + ": " + unit + " " +
				l.number + " has " + l.samples + " samples (centre " + l.centreSample + "), which do not fit the " +
				rows + " readout samples of the header");
		}
		final Axis columns = axis(chosen.stream().mapToInt(Line::line).max().getAsInt(), header.columns,
			header.centreLine, "line");
		final Axis parts = axis(chosen.stream().mapToInt(Line::partition).max().getAsInt(), header.partitions,
			header.centrePartition, "partition");
		final TreeSet<Integer> sliceNumbers = new TreeSet<>();
		chosen.forEach(l -> sliceNumbers.add(l.slice));
		final int slices = sliceNumbers.size() * parts.size;
		final boolean anyCalibrationOnly = chosen.stream().anyMatch(l -> l.role == Role.CALIBRATION);
		final Assembly image = new Assembly(rows, columns.size, coils, slices);
		final Assembly calibration = anyCalibrationOnly ? new Assembly(rows, columns.size, coils, slices) : null;
		for (final Line l : chosen) {
			final int s = sliceNumbers.headSet(l.slice).size() * parts.size + parts.index(l.partition);
			final int x = columns.index(l.line), offset = rows / 2 - l.centreSample;
			if (l.role.image()) image.add(l, s, x, offset);
			if (calibration != null && l.role.calibration()) calibration.add(l, s, x, offset);
		}
		final KSpace k = image.finish(parts.size, info);
		final KSpace c = calibration == null ? null : calibration.finish(parts.size, info);
		return new RawScan(k, noiseSamples(), c);
	}

	private int pick(final int wanted, final TreeSet<Integer> present, final String what) {
		// -1, or 0 where counters do not start at 0: the first present
		if (wanted < 0 || wanted == 0 && !present.contains(0)) return present.first();
		if (!present.contains(wanted)) throw new AccelMRException(file + ": no " + what + " " + wanted +
			" (the file has " + present + ")");
		return wanted;
	}

	/** Positions along one encoding axis: index {@code i} goes to {@code i - centre + size / 2}. */
	private record Axis(int size, int shift) {

		int index(final int i) {
			return i + shift;
		}
	}

	private Axis axis(final int max, final int headerSize, final int headerCentre, final String what) {
		if (headerSize > 0) {
			final int centre = headerCentre >= 0 ? headerCentre : headerSize / 2;
			final int shift = headerSize / 2 - centre;
			if (shift >= 0 && max + shift < headerSize) return new Axis(headerSize, shift);
		}
		if (max == 0) return new Axis(1, 0);
		// no usable header: the lines span 0..max around the centre (their middle when unknown)
		final int centre = headerCentre > 0 ? headerCentre : (max + 1) / 2;
		final int half = Math.max(centre, max + 1 - centre);
		return new Axis(2 * half, half - centre);
	}

	private NoiseSamples noiseSamples() {
		if (noise.isEmpty()) return null;
		long total = 0;
		for (final float[] d : noise)
			total += d.length / 2 / noiseCoils;
		if (total > Integer.MAX_VALUE / 2) throw new AccelMRException(file + ": too many noise samples");
		final float[][] perCoil = new float[noiseCoils][2 * (int) total];
		int at = 0;
		for (final float[] d : noise) {
			final int n = d.length / 2 / noiseCoils;
			for (int c = 0; c < noiseCoils; c++)
				System.arraycopy(d, 2 * c * n, perCoil[c], 2 * at, 2 * n);
			at += n;
		}
		return new NoiseSamples(noiseCoils, perCoil);
	}

	/** Sums of lines and how many went to each (slice, column), for averaging. */
	private static final class Assembly {

		private final ComplexStack data;
		private final int[][] counts; // [slice][column]

		Assembly(final int rows, final int columns, final int coils, final int slices) {
			data = new ComplexStack(columns, rows, coils, slices);
			counts = new int[slices][columns];
		}

		void add(final Line l, final int slice, final int column, final int offset) {
			final int w = data.width();
			for (int c = 0; c < l.coils; c++) {
				final float[] plane = data.plane(slice, c);
				final int base = 2 * c * l.samples;
				for (int s = 0; s < l.samples; s++) {
					final int from = base + 2 * (l.reversed ? l.samples - 1 - s : s);
					final int at = 2 * ((offset + s) * w + column);
					plane[at] += l.data[from];
					plane[at + 1] += l.data[from + 1];
				}
			}
			counts[slice][column]++;
		}

		KSpace finish(final int partitions, final AcquisitionInfo info) {
			final int w = data.width(), h = data.height();
			final boolean[] acquired = new boolean[w];
			for (int s = 0; s < data.slices(); s++)
				for (int x = 0; x < w; x++) {
					final int n = counts[s][x];
					if (n == 0) continue;
					acquired[x] = true;
					if (n == 1) continue;
					final float scale = 1f / n;
					for (int c = 0; c < data.coils(); c++) {
						final float[] p = data.plane(s, c);
						for (int y = 0; y < h; y++) {
							p[2 * (y * w + x)] *= scale;
							p[2 * (y * w + x) + 1] *= scale;
						}
					}
				}
			if (partitions > 1) partitionsToSlices(partitions);
			boolean all = true;
			for (final boolean a : acquired)
				all &= a;
			return new KSpace(data, all ? null : SamplingMask.ofColumns(acquired, h), info);
		}

		/** The centred orthonormal inverse DFT along kz of every (slab, coil, row, column). */
		private void partitionsToSlices(final int nz) {
			final int w = data.width(), h = data.height();
			final float[] v = new float[2 * nz];
			for (int slab = 0; slab < data.slices() / nz; slab++)
				for (int c = 0; c < data.coils(); c++)
					for (int j = 0; j < w * h; j++) {
						for (int z = 0; z < nz; z++) {
							final float[] p = data.plane(slab * nz + z, c);
							v[2 * z] = p[2 * j];
							v[2 * z + 1] = p[2 * j + 1];
						}
						CenteredFFT.inverse(v, nz, 1);
						for (int z = 0; z < nz; z++) {
							final float[] p = data.plane(slab * nz + z, c);
							p[2 * j] = v[2 * z];
							p[2 * j + 1] = v[2 * z + 1];
						}
					}
		}
	}
}
