package org.accelmr.batch;

/**
 * One row of a batch report and of {@code metrics.csv}. Metrics are NaN when the file has no reference (challenge
 * files) or could not be scored; {@code slices} is 0 and {@code acceleration} NaN when unknown.
 *
 * @param file input file name, without folder
 * @param status what happened
 * @param slices number of slices
 * @param acceleration achieved acceleration of the mask reconstructed from (1 when fully sampled)
 * @param nmse fastMRI NMSE against the file's reference
 * @param psnr fastMRI PSNR in dB, data range the reference's maximum
 * @param ssim fastMRI SSIM, mean over slices
 * @param seconds wall time of this file (reading, reconstructing, scoring, writing)
 * @param message one line: the error of a failed file, a note otherwise (may be empty)
 */
public record FileResult(String file, FileStatus status, int slices, double acceleration, double nmse,
	double psnr, double ssim, double seconds, String message) implements java.io.Serializable
{

	public FileResult {
		message = message == null ? "" : message.lines().findFirst().orElse("");
	}

	static FileResult failed(final String file, final int slices, final double seconds, final String message) {
		return new FileResult(file, FileStatus.FAILED, slices, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
			seconds, message);
	}

	public boolean hasMetrics() {
		return !Double.isNaN(nmse);
	}
}
