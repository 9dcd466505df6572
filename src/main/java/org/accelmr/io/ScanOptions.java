package org.accelmr.io;

/**
 * How a scan is read and prepared before any reconstruction: which repetition and contrast of scanner raw data,
 * noise pre-whitening, and coil compression. Key names as the launcher uses them.
 *
 * @param repetition {@code repetition}: loop counter to read, 0 the first
 * @param contrast {@code contrast}: loop counter to read, 0 the first
 * @param prewhiten {@code prewhiten}: auto, on (both with the file's noise scans) or off
 * @param virtualCoils {@code coils}: compress to this many virtual coils, 0 for none
 * @param compression {@code compression}: geometric or svd
 */
public record ScanOptions(int repetition, int contrast, String prewhiten, int virtualCoils, String compression) {

	/** The first repetition and contrast, whitening where noise scans exist, no compression. */
	public static final ScanOptions DEFAULTS = new ScanOptions(0, 0, "auto", 0, "geometric");

	public ScanOptions withPrewhiten(final String mode) {
		return new ScanOptions(repetition, contrast, mode, virtualCoils, compression);
	}

	/** True when a fastMRI file can be read slice by slice as it is. */
	boolean leavesFastMriAsItIs() {
		return virtualCoils == 0;
	}
}
