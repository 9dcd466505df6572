package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.KSpace;
import org.accelmr.kspace.RawScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The twix reader on tiny synthetic files written here from the documented layout (VB: 128-byte MDH before every
 * channel; VD/VE: a measurement table, 192-byte scan header and 32-byte channel headers). Sample values follow
 * {@link #value} so a misplaced sample shows as a wrong number.
 */
class TwixFileTest {

	private static final int ACQEND = 0, SYNCDATA = 5, PHASCOR = 21, PATREFSCAN = 22, PATREFANDIMASCAN = 23,
		REFLECT = 24, NOISEADJSCAN = 25;
	/** 8 readout samples (4 x oversampling 2), centre sample 4; 6 lines, centre 3; 2 coils; 2 slices. */
	private static final int SAMPLES = 8, LINES = 6, COILS = 2, SLICES = 2;

	@TempDir
	Path tmp;

	/** Real part of sample s of coil c at line l, slice z, average a; the imaginary part is minus it. */
	static float value(final int z, final int c, final int l, final int s, final int a) {
		return 1000 * z + 100 * c + 10 * l + s + 0.5f + 0.25f * a;
	}

	/** One scan: its flags, counters and samples (coil-major, interleaved). */
	record Scan(long eval, int line, int average, int slice, int samples, int coils, float[] data) {

		static Scan line(final int slice, final int line, final int average, final long eval) {
			final float[] d = new float[2 * COILS * SAMPLES];
			for (int c = 0; c < COILS; c++)
				for (int s = 0; s < SAMPLES; s++) {
					// a reflected line is stored time-reversed: the reader flips it back
					final int k = (eval >> REFLECT & 1) != 0 ? SAMPLES - 1 - s : s;
					d[2 * (c * SAMPLES + s)] = value(slice, c, line, k, average);
					d[2 * (c * SAMPLES + s) + 1] = -value(slice, c, line, k, average);
				}
			return new Scan(eval, line, average, slice, SAMPLES, COILS, d);
		}

		static Scan noise(final int coils, final int samples, final float base) {
			final float[] d = new float[2 * coils * samples];
			for (int i = 0; i < d.length; i++)
				d[i] = base + i;
			return new Scan(1L << NOISEADJSCAN, 0, 0, 0, samples, coils, d);
		}

		static Scan flagged(final int bit) {
			return new Scan(1L << bit, 0, 0, 0, SAMPLES, COILS, new float[2 * COILS * SAMPLES]);
		}
	}

	/** The image scans: lines 0..5 except 1 for two slices; line 3 twice (averages), line 4 reflected; extras. */
	private static List<Scan> imageScans() {
		final List<Scan> scans = new ArrayList<>();
		scans.add(Scan.flagged(SYNCDATA));
		scans.add(Scan.flagged(PHASCOR));
		for (int z = 0; z < SLICES; z++)
			for (int l = 0; l < LINES; l++) {
				if (l == 1) continue;
				final long eval = l == 4 ? 1L << REFLECT : l == 2 ? 1L << PATREFANDIMASCAN | 1L << PATREFSCAN : 0;
				scans.add(Scan.line(z, l, 0, eval));
				if (l == 3) scans.add(Scan.line(z, l, 1, 0));
			}
		// line 1 only as a calibration line: not image data
		for (int z = 0; z < SLICES; z++)
			scans.add(Scan.line(z, 1, 0, 1L << PATREFSCAN));
		return scans;
	}

	private static String protocol() {
		return "### ASCCONV BEGIN ###\nsKSpace.lBaseResolution\t = \t4\nsKSpace.lPhaseEncodingLines\t = \t6\n" +
			"sKSpace.ucDimension\t = \t0x2\nsSliceArray.asSlice[0].dReadoutFOV\t = \t200\n" +
			"sSliceArray.asSlice[0].dPhaseFOV\t = \t240\n### ASCCONV END ###\n";
	}

	private static String meas() {
		return "<ParamDouble.\"flReadoutOSFactor\">  { <Precision> 6  2.000000  }\n";
	}

	// -- Writing the layout --

	private static byte[] measurementHeader(final String yaps, final String meas, final int align) {
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		final String[][] buffers = { { "Config", "<XProtocol> {}" }, { "Meas", meas }, { "MeasYaps", yaps } };
		final ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (final String[] buf : buffers) {
			body.writeBytes(buf[0].getBytes(StandardCharsets.US_ASCII));
			body.write(0);
			final byte[] text = buf[1].getBytes(StandardCharsets.ISO_8859_1);
			body.writeBytes(le(4).putInt(text.length).array());
			body.writeBytes(text);
		}
		int length = 8 + body.size();
		length += (align - length % align) % align;
		b.writeBytes(le(8).putInt(length).putInt(buffers.length).array());
		b.writeBytes(body.toByteArray());
		b.writeBytes(new byte[length - 8 - body.size()]);
		return b.toByteArray();
	}

	private static void counters(final ByteBuffer h, final int at, final Scan s) {
		h.putShort(at, (short) s.line).putShort(at + 2, (short) s.average).putShort(at + 4, (short) s.slice);
	}

	private static byte[] vdScan(final Scan s) {
		final int length = 192 + s.coils * (32 + 8 * s.samples);
		final ByteBuffer b = le(length);
		b.putInt(0, length).putLong(40, s.eval).putShort(48, (short) s.samples).putShort(50, (short) s.coils);
		counters(b, 52, s);
		b.putShort(84, (short) (s.samples / 2)).putShort(96, (short) (LINES / 2));
		for (int c = 0; c < s.coils; c++) {
			final int at = 192 + c * (32 + 8 * s.samples);
			b.putShort(at + 24, (short) c);
			for (int i = 0; i < 2 * s.samples; i++)
				b.putFloat(at + 32 + 4 * i, s.data[2 * c * s.samples + i]);
		}
		return b.array();
	}

	private static byte[] vbScan(final Scan s) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int c = 0; c < s.coils; c++) {
			final ByteBuffer b = le(128 + 8 * s.samples);
			b.putInt(0, s.coils * (128 + 8 * s.samples)).putLong(20, s.eval).putShort(28, (short) s.samples).putShort(30,
				(short) s.coils);
			counters(b, 32, s);
			b.putShort(64, (short) (s.samples / 2)).putShort(76, (short) (LINES / 2)).putShort(124, (short) c);
			for (int i = 0; i < 2 * s.samples; i++)
				b.putFloat(128 + 4 * i, s.data[2 * c * s.samples + i]);
			out.writeBytes(b.array());
		}
		return out.toByteArray();
	}

	private static byte[] acqend(final boolean vd) {
		final ByteBuffer b = le(vd ? 192 : 128);
		b.putLong(vd ? 40 : 20, 1L << ACQEND);
		return b.array();
	}

	/** A VD/VE file of several measurements, each a list of scans; the protocol goes with every measurement. */
	static byte[] vd(final List<List<Scan>> measurements) {
		final ByteArrayOutputStream file = new ByteArrayOutputStream();
		final List<byte[]> bodies = new ArrayList<>();
		for (final List<Scan> scans : measurements) {
			final ByteArrayOutputStream m = new ByteArrayOutputStream();
			m.writeBytes(measurementHeader(protocol(), meas(), 32));
			scans.forEach(s -> m.writeBytes(vdScan(s)));
			m.writeBytes(acqend(true));
			bodies.add(m.toByteArray());
		}
		final ByteBuffer table = le(10240);
		table.putInt(0, 0).putInt(4, measurements.size());
		long offset = 10240;
		for (int i = 0; i < bodies.size(); i++) {
			table.putInt(8 + i * 152, 100 + i).putLong(8 + i * 152 + 8, offset).putLong(8 + i * 152 + 16, bodies.get(i)
				.length);
			table.put(8 + i * 152 + 88, "synthetic".getBytes(StandardCharsets.US_ASCII));
			offset += bodies.get(i).length;
		}
		file.writeBytes(table.array());
		bodies.forEach(file::writeBytes);
		return file.toByteArray();
	}

	static byte[] vb(final List<Scan> scans) {
		return vb(scans, meas());
	}

	static byte[] vb(final List<Scan> scans, final String meas) {
		final ByteArrayOutputStream file = new ByteArrayOutputStream();
		file.writeBytes(measurementHeader(protocol(), meas, 32));
		scans.forEach(s -> file.writeBytes(vbScan(s)));
		file.writeBytes(acqend(false));
		return file.toByteArray();
	}

	private static ByteBuffer le(final int n) {
		return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
	}

	private Path write(final String name, final byte[] bytes) throws Exception {
		return Files.write(tmp.resolve(name), bytes);
	}

	// -- Tests --

	@Test
	void vdMultiMeasurementFileGivesImageLinesNoiseAndCalibration() throws Exception {
		final List<Scan> noise = List.of(Scan.noise(COILS, 16, 0), Scan.noise(COILS, 16, 1000));
		final Path file = write("vd.dat", vd(List.of(noise, imageScans())));
		assertScan(KSpaceFiles.readRaw(file), "Siemens twix VD/VE");
		final RawScan raw = KSpaceFiles.readRaw(file);
		// both noise scans, coil by coil: 32 samples of coil 0 then 1 (coil-major per scan)
		assertEquals(32, raw.noise().count());
		assertEquals(2 * 16, raw.noise().samples()[1][0], 0f);
		assertEquals(1000 + 2 * 16, raw.noise().samples()[1][32], 0f);
	}

	@Test
	void vbSingleMeasurementFileReadsTheSame() throws Exception {
		final Path file = write("vb.dat", vb(imageScans()));
		final RawScan raw = KSpaceFiles.readRaw(file);
		assertScan(raw, "Siemens twix VB");
		assertNull(raw.noise());
	}

	private static void assertScan(final RawScan raw, final String format) {
		final KSpace k = raw.kspace();
		assertEquals(format, k.info().attributes().get("format"));
		assertEquals(SLICES, k.data().slices());
		assertEquals(COILS, k.data().coils());
		assertEquals(SAMPLES, k.data().height(), "readout rows from the scan headers, oversampling kept");
		assertEquals(LINES, k.data().width(), "phase-encoding columns");
		// line 1 was acquired only as calibration: not in the image, so the image has its own mask
		assertArrayEquals(new boolean[] { true, false, true, true, true, true }, k.mask().columns());
		for (int z = 0; z < SLICES; z++)
			for (int c = 0; c < COILS; c++) {
				final float[] p = k.data().plane(z, c);
				for (int l = 0; l < LINES; l++)
					for (int s = 0; s < SAMPLES; s++) {
						// line 3 is the mean of averages 0 and 1; line 4 was reflected and is flipped back
						final float expected = l == 1 ? 0 : l == 3 ? value(z, c, l, s, 0) + 0.125f : value(z, c, l, s, 0);
						assertEquals(expected, p[2 * (s * LINES + l)], 1e-4f, "slice " + z + " coil " + c + " line " + l +
							" sample " + s);
						assertEquals(-expected, p[2 * (s * LINES + l) + 1], 1e-4f);
					}
			}
		// calibration: lines 1 (PATREFSCAN) and 2 (PATREFSCAN and PATREFANDIMASCAN)
		assertArrayEquals(new boolean[] { false, true, true, false, false, false }, raw.calibration().mask()
			.columns());
		assertEquals(value(1, 1, 1, 5, 0), raw.calibration().data().plane(1, 1)[2 * (5 * LINES + 1)], 0f);
		// oversampling 2 and base resolution 4: reconstructions are cropped to 4 readout rows; FOV 200 x 240 mm
		assertEquals(4, k.info().reconstructionHeight());
		assertEquals(LINES, k.info().reconstructionWidth());
		assertEquals(50.0, k.info().pixelHeight(), 1e-9);
		assertEquals(40.0, k.info().pixelWidth(), 1e-9);
	}

	@Test
	void readoutOversamplingIsCroppedOnlyWhereTheProtocolAgrees() throws Exception {
		// no factor in the protocol: 8 samples = 2 x base resolution 4, Siemens' usual oversampling
		assertEquals(4, KSpaceFiles.read(write("noos.dat", vb(imageScans(), ""))).info().reconstructionHeight());
		// a factor of 1 stated: nothing to crop
		assertEquals(8, KSpaceFiles.read(write("os1.dat", vb(imageScans(),
			"<ParamDouble.\"flReadoutOSFactor\">{ 1 }"))).info().reconstructionHeight());
	}

	@Test
	void scanHeadersWinOverTheProtocol() throws Exception {
		// a Pulseq-like file: the protocol says 4 x 6, the scans hold 8 samples and 8 lines without a centre line
		final List<Scan> scans = new ArrayList<>();
		for (int l = 0; l < 8; l++)
			scans.add(Scan.line(0, l, 0, 0));
		final byte[] bytes = vd(List.of(scans));
		// clear the k-space centre line of every scan header (Pulseq leaves it 0)
		final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		final int first = 10240 + b.getInt(10240);
		for (int i = 0; i < 8; i++)
			b.putShort(first + i * (192 + COILS * (32 + 8 * SAMPLES)) + 96, (short) 0);
		final KSpace k = KSpaceFiles.read(write("pulseq.dat", bytes));
		assertEquals(8, k.data().width());
		assertNull(k.mask());
		assertEquals(value(0, 1, 7, 2, 0), k.data().plane(0, 1)[2 * (2 * 8 + 7)], 0f);
	}

	@Test
	void badFilesAreRefusedInOneLine() throws Exception {
		final byte[] good = vd(List.of(List.of(Scan.noise(COILS, 16, 0)), imageScans()));
		final Path truncated = write("cut.dat", Arrays.copyOf(good, good.length - 300));
		assertBad(truncated, "truncated twix file: scan ");
		final Path noEnd = write("noend.dat", Arrays.copyOf(good, good.length - 192));
		assertBad(noEnd, "truncated twix file: it ends at byte");
		final Path text = write("notes.dat", "patient notes, not raw data\n".repeat(20).getBytes(
			StandardCharsets.US_ASCII));
		assertBad(text, "not a Siemens twix file");
		final Path tiny = write("tiny.dat", new byte[] { 1, 2, 3 });
		assertBad(tiny, "not a Siemens twix file (only 3 bytes)");
		final Path noise = write("noise3.dat", vd(List.of(List.of(Scan.noise(3, 16, 0)), imageScans())));
		assertBad(noise, "noise scans have 3 channels but the image data 2");
	}

	private static void assertBad(final Path file, final String expected) {
		final String message = assertThrows(AccelMRException.class, () -> KSpaceFiles.read(file)).getMessage();
		assertTrue(message.startsWith(file + ": ") && message.contains(expected), message);
		assertEquals(1, message.lines().count(), message);
	}
}
