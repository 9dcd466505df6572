package org.accelmr.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.RawScan;

/**
 * A Siemens twix raw-data file ({@code .dat}), software VB (one measurement) or VD/VE (several measurements).
 * <p>
 * Layout (public: mapVBVD, twixtools, siemens_to_ismrmrd), little-endian. VD/VE: {@code uint32 0, uint32 nMeas},
 * then 64 entries of 152 bytes ({@code uint32 measId, fileId; uint64 offset, length; char patient[64],
 * protocol[64]}). VB: the one measurement starts at byte 0. A measurement starts with its header
 * ({@code uint32 length, uint32 nBuffers}, then per buffer a zero-terminated name, {@code uint32 size} and the
 * text: {@code Config}, {@code Meas}, {@code MeasYaps} (ASCCONV), ...) and continues with scans up to the one
 * flagged ACQEND. A VD scan is a 192-byte scan header (MDH) followed per channel by a 32-byte channel header and
 * the samples (complex float32); a VB scan repeats a 128-byte MDH before every channel's samples. The MDH holds
 * {@code ulFlagsAndDMALength} (bits 0-24: bytes to the next scan), the evaluation flags
 * ({@code aulEvalInfoMask}), the sample and channel counts, the loop counters (line, acquisition = average,
 * slice, partition, echo = contrast, phase, repetition, ...), the cut-off samples and the k-space centre column,
 * line and partition.
 * <p>
 * Scans flagged ACQEND, SYNCDATA, RT/HP feedback, phase correction or phase stabilisation carry no image data;
 * NOISEADJSCAN scans (in any measurement) are noise; PATREFSCAN lines are calibration unless also
 * PATREFANDIMASCAN; REFLECT lines are flipped; only cardiac phase 0 and set 0 are read. The last measurement is the
 * image data. Counts come from the scan
 * headers, never from the protocol (Pulseq sequences run inside an interpreter whose protocol describes
 * itself); the protocol gives the field of view and the readout oversampling where it agrees with them.
 */
public final class TwixFile {

	private static final int VD_ENTRIES = 64, VD_ENTRY = 152, VD_MDH = 192, VD_CHANNEL_HEADER = 32, VB_MDH = 128;
	private static final int ACQEND = 0, RTFEEDBACK = 1, HPFEEDBACK = 2, SYNCDATA = 5, REFPHASESTABSCAN = 14,
		PHASESTABSCAN = 15, PHASCOR = 21, PATREFSCAN = 22, PATREFANDIMASCAN = 23, REFLECT = 24, NOISEADJSCAN = 25;
	private static final long NO_IMAGE = bits(RTFEEDBACK, HPFEEDBACK, SYNCDATA, REFPHASESTABSCAN, PHASESTABSCAN,
		PHASCOR);

	private final Path file;
	private final FileChannel channel;
	private final long size;

	private TwixFile(final Path file, final FileChannel channel) throws IOException {
		this.file = file;
		this.channel = channel;
		this.size = channel.size();
	}

	/** The first repetition and contrast. */
	public static RawScan read(final Path file) {
		return read(file, -1, -1);
	}

	/**
	 * @param repetition which repetition, -1 for the first present
	 * @param contrast which contrast (echo), -1 for the first present
	 * @throws AccelMRException naming the file when it is not twix, truncated, or inconsistent
	 */
	public static RawScan read(final Path file, final int repetition, final int contrast) {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			return new TwixFile(file, ch).read(repetition, contrast);
		}
		catch (final NoSuchFileException e) {
			throw new AccelMRException(file + ": file not found");
		}
		catch (final IOException e) {
			throw new AccelMRException(file + ": cannot read (" + e.getMessage() + ")", e);
		}
	}

	/** A measurement: where its header starts and where the file says it ends. */
	private record Measurement(long offset, long end, String protocolName) {}

	private RawScan read(final int repetition, final int contrast) throws IOException {
		if (size < 8) throw notTwix("only " + size + " bytes");
		final ByteBuffer start = bytes(0, 8);
		final long first = Integer.toUnsignedLong(start.getInt(0)), second = Integer.toUnsignedLong(start.getInt(4));
		// as mapVBVD: a VD/VE file starts with a small number and the measurement count; a VB file with the length
		// of its measurement header (tens of kB), so a VD table whose first entry points outside the file is VB
		final boolean vd = first < 10000 && second >= 1 && second <= VD_ENTRIES && vdTableValid();
		final List<Measurement> measurements = vd ? vdMeasurements((int) second) : List.of(new Measurement(0, size,
			""));
		final CartesianLines lines = new CartesianLines(file, "scan");
		TwixProtocol protocol = null;
		for (int m = 0; m < measurements.size(); m++) {
			final Measurement meas = measurements.get(m);
			final long[] header = new long[1];
			final Map<String, String> buffers = headerBuffers(meas, header);
			final boolean last = m == measurements.size() - 1;
			if (last) protocol = new TwixProtocol(buffers);
			readScans(meas.offset + header[0], vd, last, lines);
		}
		return assemble(lines, protocol, vd, measurements, repetition, contrast);
	}

	private boolean vdTableValid() throws IOException {
		final long table = 8L + (long) VD_ENTRIES * VD_ENTRY;
		if (size < table + 8) return false;
		final long offset = bytes(16, 8).getLong(0);
		return offset >= table && offset < size;
	}

	private List<Measurement> vdMeasurements(final int count) throws IOException {
		final long table = 8L + (long) VD_ENTRIES * VD_ENTRY;
		if (size < table) throw notTwix("too short for a VD/VE measurement table");
		final ByteBuffer t = bytes(8, count * VD_ENTRY);
		final List<Measurement> out = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			final long offset = t.getLong(i * VD_ENTRY + 8), length = t.getLong(i * VD_ENTRY + 16);
			if (offset < table || offset >= size) throw notTwix("measurement " + (i + 1) + " of " + count +
				" starts at byte " + offset + ", outside the file's " + size + " bytes");
			final String protocolName = cString(t, i * VD_ENTRY + 88, 64);
			// a length of 0 (seen in real files) or past the end: the measurement runs to its ACQEND scan
			out.add(new Measurement(offset, length > 0 && offset + length <= size ? offset + length : size,
				protocolName));
		}
		return out;
	}

	/** The measurement header's text buffers; {@code length[0]} receives the header's length. */
	private Map<String, String> headerBuffers(final Measurement meas, final long[] length) throws IOException {
		if (meas.offset + 8 > size) throw truncated("the measurement header at byte " + meas.offset);
		final ByteBuffer h0 = bytes(meas.offset, 8);
		final long headerLength = Integer.toUnsignedLong(h0.getInt(0)), buffers = Integer.toUnsignedLong(h0.getInt(4));
		if (headerLength < 8 || buffers > 64 || meas.offset == 0 && (headerLength > size || buffers == 0))
			throw notTwix("no measurement header at byte " + meas.offset);
		if (meas.offset + headerLength > size) throw truncated("the measurement header at byte " + meas.offset +
			" needs " + headerLength + " bytes");
		final ByteBuffer h = bytes(meas.offset, (int) headerLength);
		final Map<String, String> out = new LinkedHashMap<>();
		int at = 8;
		for (int b = 0; b < buffers; b++) {
			int end = at;
			while (end < headerLength && end - at <= 64 && h.get(end) != 0) {
				final int c = h.get(end) & 0xff;
				if (c < 32 || c > 126) throw notTwix("no measurement header at byte " + meas.offset);
				end++;
			}
			if (end >= headerLength - 4 || end - at > 64) throw notTwix("no measurement header at byte " + meas.offset);
			final String name = new String(bytesOf(h, at, end - at), StandardCharsets.US_ASCII);
			final long n = Integer.toUnsignedLong(h.getInt(end + 1));
			if (end + 5 + n > headerLength) throw notTwix("buffer '" + name + "' runs past the measurement header");
			out.put(name, new String(bytesOf(h, end + 5, (int) n), StandardCharsets.ISO_8859_1));
			at = (int) (end + 5 + n);
		}
		length[0] = headerLength;
		return out;
	}

	/** Reads scans from {@code pos} up to ACQEND, adding noise of every measurement and lines of the last. */
	private void readScans(long pos, final boolean vd, final boolean imageData, final CartesianLines lines)
		throws IOException
	{
		final int mdh = vd ? VD_MDH : VB_MDH;
		for (int scan = 0;; scan++) {
			if (pos + mdh > size) throw truncated("it ends at byte " + size + " inside or before scan " + scan +
				" (no end-of-acquisition scan)");
			final ByteBuffer h = bytes(pos, mdh);
			final int dma = h.getInt(0) & 0x1FFFFFF;
			final long eval = h.getLong(vd ? 40 : 20);
			if (has(eval, ACQEND)) return;
			final int samples = Short.toUnsignedInt(h.getShort(vd ? 48 : 28)), coils = Short.toUnsignedInt(h.getShort(
				vd ? 50 : 30));
			if (has(eval, SYNCDATA)) {
				if (dma < mdh) throw notTwix("scan " + scan + " at byte " + pos + " has a DMA length of " + dma);
				pos += dma;
				continue;
			}
			final long length = vd ? VD_MDH + (long) coils * (VD_CHANNEL_HEADER + 8L * samples) : (long) coils * (VB_MDH +
				8L * samples);
			if (samples == 0 || coils == 0) throw notTwix("scan " + scan + " at byte " + pos + " has " + samples +
				" samples of " + coils + " channels");
			if (pos + length > size) throw truncated("scan " + scan + " at byte " + pos + " needs " + length +
				" bytes, " + (size - pos) + " remain");
			final boolean noise = has(eval, NOISEADJSCAN);
			if ((noise || imageData) && (eval & NO_IMAGE) == 0) {
				final float[] data = samples(pos, vd, coils, samples, length);
				if (noise) lines.addNoise(scan, coils, samples, data);
				else {
					final CartesianLines.Line l = line(h, vd, scan, eval, coils, samples, data);
					if (l != null) lines.add(l);
				}
			}
			pos += length;
		}
	}

	/** The samples of every channel of the scan at {@code pos}, read in one piece, coil-major interleaved. */
	private float[] samples(final long pos, final boolean vd, final int coils, final int samples, final long length)
		throws IOException
	{
		final float[] out = new float[2 * coils * samples];
		final int header = vd ? VD_CHANNEL_HEADER : VB_MDH;
		final int first = vd ? VD_MDH : 0;
		final ByteBuffer scan = bytes(pos, (int) length);
		for (int c = 0; c < coils; c++)
			scan.position(first + c * (header + 8 * samples) + header).slice().order(ByteOrder.LITTLE_ENDIAN)
				.asFloatBuffer().get(out, 2 * c * samples, 2 * samples);
		return out;
	}

	private CartesianLines.Line line(final ByteBuffer h, final boolean vd, final int scan, final long eval,
		final int coils, final int samples, final float[] data)
	{
		final int counters = vd ? 52 : 32;
		final int line = counter(h, counters, 0), average = counter(h, counters, 1), slice = counter(h, counters, 2),
			partition = counter(h, counters, 3), echo = counter(h, counters, 4), phase = counter(h, counters, 5),
			rep = counter(h, counters, 6), set = counter(h, counters, 7);
		if (phase != 0 || set != 0) return null; // cardiac phases and sets are not averaged together: the first
		final int cutPre = Short.toUnsignedInt(h.getShort(vd ? 80 : 60)), cutPost = Short.toUnsignedInt(h.getShort(
			vd ? 82 : 62));
		final int centre = Short.toUnsignedInt(h.getShort(vd ? 84 : 64));
		// cut-off samples are invalid: zero, keeping the positions
		for (int c = 0; c < coils; c++) {
			for (int s = 0; s < Math.min(cutPre, samples); s++)
				data[2 * (c * samples + s)] = data[2 * (c * samples + s) + 1] = 0;
			for (int s = Math.max(0, samples - cutPost); s < samples; s++)
				data[2 * (c * samples + s)] = data[2 * (c * samples + s) + 1] = 0;
		}
		final boolean ref = has(eval, PATREFSCAN), refAndImage = has(eval, PATREFANDIMASCAN);
		final CartesianLines.Role role = refAndImage ? CartesianLines.Role.IMAGE_AND_CALIBRATION : ref
			? CartesianLines.Role.CALIBRATION : CartesianLines.Role.IMAGE;
		centreLine = Math.max(centreLine, Short.toUnsignedInt(h.getShort(vd ? 96 : 76)));
		centrePartition = Math.max(centrePartition, Short.toUnsignedInt(h.getShort(vd ? 98 : 78)));
		return new CartesianLines.Line(scan, slice, partition, line, average, rep, echo, has(eval, REFLECT), role,
			coils, samples, Math.min(centre, samples), data);
	}

	private int centreLine, centrePartition;

	private RawScan assemble(final CartesianLines lines, final TwixProtocol protocol, final boolean vd,
		final List<Measurement> measurements, final int repetition, final int contrast)
	{
		final int protocolLines = (int) protocol.number("sKSpace.lPhaseEncodingLines", 0);
		final boolean threeD = protocol.number("sKSpace.ucDimension", 2) == 4;
		final int protocolPartitions = threeD ? (int) protocol.number("sKSpace.lPartitions", 0) : 0;
		final CartesianLines.Geometry geometry = new CartesianLines.Geometry(0, protocolLines, centreLine > 0
			? centreLine : -1, protocolPartitions, centrePartition > 0 ? centrePartition : -1);
		final Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("format", "Siemens twix " + (vd ? "VD/VE" : "VB"));
		attributes.put("measurements", measurements.size());
		if (!measurements.get(measurements.size() - 1).protocolName.isEmpty())
			attributes.put("protocol", measurements.get(measurements.size() - 1).protocolName);
		final int base = (int) protocol.number("sKSpace.lBaseResolution", 0);
		attributes.put("protocol_matrix", base + " x " + protocolLines);
		final double fovRead = protocol.number("sSliceArray.asSlice[0].dReadoutFOV", 0), fovPhase = protocol.number(
			"sSliceArray.asSlice[0].dPhaseFOV", 0);
		attributes.put("fov_mm", String.format(Locale.ROOT, "%g x %g", fovRead, fovPhase));
		attributes.put("noise_scans", lines.noiseScans());
		final double thickness = protocol.number("sSliceArray.asSlice[0].dThickness", 0);
		if (thickness > 0) attributes.put(VolumeFiles.SLICE_THICKNESS, thickness / Math.max(1, protocolPartitions));
		attributes.put("repetitions", lines.repetitions());
		attributes.put("contrasts", lines.contrasts());
		attributes.put("averages", lines.averages());
		final RawScan raw = lines.build(geometry, repetition, contrast, AcquisitionInfo.of(file.getFileName()
			.toString()));
		final int rows = raw.kspace().data().height(), columns = raw.kspace().data().width();
		// readout oversampling is cropped only where the protocol's resolution times its factor is what was sampled
		// Siemens product sequences sample the readout twice over; where the protocol does not say, 2 x the base
		// resolution is taken to be that
		final double stated = protocol.xprotocol("flReadoutOSFactor", Double.NaN);
		final double os = Double.isNaN(stated) ? (base > 0 && rows == 2 * base ? 2 : 1) : stated;
		final int reconRows = os > 1 && base > 0 && Math.abs(base * os - rows) < 0.5 ? base : rows;
		final AcquisitionInfo info = new AcquisitionInfo(file.getFileName().toString(), columns, reconRows,
			attributes, null, fovPhase > 0 ? fovPhase / columns : 0, fovRead > 0 ? fovRead / reconRows : 0);
		return new RawScan(new org.accelmr.kspace.KSpace(raw.kspace().data(), raw.kspace().mask(), info), raw.noise(),
			raw.calibration() == null ? null : new org.accelmr.kspace.KSpace(raw.calibration().data(), raw
				.calibration().mask(), info));
	}

	// -- Bytes --

	private ByteBuffer bytes(final long pos, final int length) throws IOException {
		final ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
		while (b.hasRemaining())
			if (channel.read(b, pos + b.position()) < 0) throw truncated("it ends at byte " + size);
		return b.flip();
	}

	private static byte[] bytesOf(final ByteBuffer b, final int at, final int length) {
		final byte[] out = new byte[length];
		b.get(at, out);
		return out;
	}

	private static String cString(final ByteBuffer b, final int at, final int max) {
		int n = 0;
		while (n < max && b.get(at + n) != 0)
			n++;
		return new String(bytesOf(b, at, n), StandardCharsets.ISO_8859_1).trim();
	}

	private static int counter(final ByteBuffer h, final int at, final int which) {
		return Short.toUnsignedInt(h.getShort(at + 2 * which));
	}

	private static boolean has(final long eval, final int bit) {
		return (eval >>> bit & 1) != 0;
	}

	private static long bits(final int... bits) {
		long m = 0;
		for (final int b : bits)
			m |= 1L << b;
		return m;
	}

	private AccelMRException notTwix(final String why) {
		return new AccelMRException(file + ": not a Siemens twix file (" + why + ")");
	}

	private AccelMRException truncated(final String why) {
		return new AccelMRException(file + ": truncated twix file: " + why);
	}
}
