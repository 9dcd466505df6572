package org.accelmr.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.kspace.RawScan;
import org.accelmr.kspace.ScanPreparation;
import org.accelmr.mask.SamplingMask;
import org.accelmr.progress.Progress;

/** Opens a k-space file as a {@link KSpaceSource}: the one place that decides how each format is read. */
public final class KSpaceSources {

	private KSpaceSources() {}

	/** {@link #open(Path, ScanOptions, Consumer)} with the default options. */
	public static KSpaceSource open(final Path file) {
		return open(file, ScanOptions.DEFAULTS, line -> {});
	}

	/**
	 * A fastMRI {@code .h5} is read slice by slice as the pipeline asks for chunks; every other format (scanner raw
	 * data, .cfl, .npy, and a fastMRI file whose coils are to be compressed) is read whole and prepared
	 * ({@link ScanPreparation}: noise pre-whitening, coil compression). Raw data's calibration-only lines travel
	 * along for coil-sensitivity estimation ({@link KSpaceSource#calibration()}).
	 *
	 * @param log one line per preparation step taken
	 * @throws AccelMRException naming the file when it is missing, a folder, or unreadable
	 */
	public static KSpaceSource open(final Path file, final ScanOptions options, final Consumer<String> log) {
		if (Files.isDirectory(file)) throw new AccelMRException(file + " is a folder, expected a k-space file");
		if (!Files.isRegularFile(file)) throw new AccelMRException(file + ": no such file");
		final boolean fastMri = KSpaceFiles.isFastMri(file);
		if (fastMri && options.leavesFastMriAsItIs()) return FastMriFile.open(file);
		final RawScan raw = ScanPreparation.prepare(KSpaceFiles.readRaw(file, options.repetition(), options
			.contrast()), options.prewhiten(), options.virtualCoils(), options.compression(), log);
		final KSpace calibration = raw.calibration() == null ? null : raw.withCalibrationLines();
		final KSpaceSource read = KSpaceSource.of(raw.kspace(), calibration);
		return fastMri ? withReferenceOf(read, file) : read;
	}

	/** {@code source} with the reference reconstruction of the fastMRI file it was read from. */
	private static KSpaceSource withReferenceOf(final KSpaceSource source, final Path file) {
		return new KSpaceSource() {

			@Override
			public int slices() {
				return source.slices();
			}

			@Override
			public int coils() {
				return source.coils();
			}

			@Override
			public int width() {
				return source.width();
			}

			@Override
			public int height() {
				return source.height();
			}

			@Override
			public SamplingMask mask() {
				return source.mask();
			}

			@Override
			public AcquisitionInfo info() {
				return source.info();
			}

			@Override
			public KSpace read(final int first, final int count, final Progress progress) {
				return source.read(first, count, progress);
			}

			@Override
			public Optional<FloatVolume> reference(final int first, final int count) {
				try (FastMriFile f = FastMriFile.open(file)) {
					return f.readReference(first, count);
				}
			}
		};
	}
}
