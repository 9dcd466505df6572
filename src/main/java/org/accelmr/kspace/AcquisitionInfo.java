package org.accelmr.kspace;

import java.util.Map;

/**
 * What travels with k-space besides the samples: where it came from, the size of the file's reference
 * reconstruction (reconstructions are centre-cropped to it, as fastMRI knee is to 320x320), the file's
 * attributes ({@code max}, {@code norm}, {@code acquisition}, {@code acceleration}, {@code num_low_frequency},
 * ...) and the ISMRMRD XML header.
 *
 * @param source file name or description of the origin, never null
 * @param reconstructionWidth width of the reference reconstruction, or 0 when unknown
 * @param reconstructionHeight height of the reference reconstruction, or 0 when unknown
 * @param attributes file attributes by name (Number or String values), never null
 * @param ismrmrdHeader the ISMRMRD XML header, or null
 * @param pixelWidth in-plane pixel size along x in mm, or 0 when unknown
 * @param pixelHeight in-plane pixel size along y in mm, or 0 when unknown
 */
public record AcquisitionInfo(String source, int reconstructionWidth, int reconstructionHeight,
	Map<String, Object> attributes, String ismrmrdHeader, double pixelWidth, double pixelHeight)
{

	public AcquisitionInfo {
		attributes = Map.copyOf(attributes);
	}

	/** Info with only a source name. */
	public static AcquisitionInfo of(final String source) {
		return new AcquisitionInfo(source, 0, 0, Map.of(), null, 0, 0);
	}

	/** A numeric attribute, or {@code fallback} when absent or not a number. */
	public double number(final String name, final double fallback) {
		return attributes.get(name) instanceof Number n ? n.doubleValue() : fallback;
	}
}
