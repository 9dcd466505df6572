package org.accelmr.nn;

import java.nio.file.Path;

import org.accelmr.AccelMRException;
import org.accelmr.nn.ModelSidecar.MaskFamily;
import org.accelmr.nn.ModelSidecar.TrainingSummary;
import org.accelmr.nn.ModelSidecar.ValidationMetrics;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The JSON file beside a {@link VarNetModel}'s parameters, the variational network's counterpart of
 * {@link ModelSidecar} (same snake_case keys, same training and validation records), with format
 * {@value #FORMAT} so that a U-Net model given to {@code method=varnet}, or a VarNet model given to
 * {@code method=unet}, is refused with one line.
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion {@link #FORMAT_VERSION} when written; readers accept up to their own version
 * @param architecture the network layout the parameters fit
 * @param normalisation always {@link #NORMALISATION}
 * @param mask the undersampling it was trained for
 * @param training a summary of the data and run
 * @param validation metrics on held-out slices, or null before the first validation
 * @param backgroundFloor the floor of the {@link BackgroundLevel} step on the network's output, a fraction of each
 *          slice's maximum chosen with the validation scores; null (a sidecar written before this field existed)
 *          means none
 * @param paramsSha256 hex SHA-256 of the parameter file
 */
public record VarNetSidecar(String format, int formatVersion, VarNetArchitecture architecture,
	String normalisation, MaskFamily mask, TrainingSummary training, ValidationMetrics validation,
	Double backgroundFloor, String paramsSha256)
{

	public static final String FORMAT = "accelmr-varnet";
	public static final int FORMAT_VERSION = 1;
	public static final String NORMALISATION =
		"k-space divided by the maximum of its zero-filled RSS image; output multiplied back";

	public VarNetSidecar withParamsSha256(final String sha) {
		return new VarNetSidecar(format, formatVersion, architecture, normalisation, mask, training, validation,
			backgroundFloor, sha);
	}

	/** The floor to apply, 0 when none is recorded. */
	public double floor() {
		return backgroundFloor == null ? 0 : backgroundFloor;
	}

	/** @throws AccelMRException when the validation scores are not finite: such a model is never written */
	public String toJson() {
		return SidecarJson.write(this, validation);
	}

	/**
	 * Reads and checks a sidecar: present, JSON, this format (a U-Net sidecar is named as such), a version this
	 * code reads, this normalisation and a valid architecture.
	 *
	 * @throws AccelMRException with one line naming the file and the problem
	 */
	public static VarNetSidecar read(final Path file) {
		final String text = SidecarJson.text(file);
		final String format = formatOf(text);
		if (ModelSidecar.FORMAT.equals(format)) throw new AccelMRException("model " + file +
			" is a U-Net (format " + ModelSidecar.FORMAT + "); method=varnet needs a VarNet model (format " + FORMAT +
			")");
		if (!FORMAT.equals(format)) throw new AccelMRException("model sidecar " + file +
			" is not an AccelMR VarNet description (expected format \"" + FORMAT + "\")");
		final VarNetSidecar s = SidecarJson.parse(text, VarNetSidecar.class, file, "VarNet");
		if (s.formatVersion < 1 || s.formatVersion > FORMAT_VERSION) throw new AccelMRException("model sidecar " +
			file + " has format_version " + s.formatVersion + "; this AccelMR reads 1 to " + FORMAT_VERSION);
		if (s.architecture == null) throw new AccelMRException("model sidecar " + file + " has no architecture");
		if (!NORMALISATION.equals(s.normalisation)) throw new AccelMRException("model sidecar " + file +
			" asks for normalisation \"" + s.normalisation + "\"; this AccelMR applies \"" + NORMALISATION + "\"");
		if (s.backgroundFloor != null && !(s.backgroundFloor >= 0 && s.backgroundFloor < 1))
			throw new AccelMRException("model sidecar " + file + " has background_floor " + s.backgroundFloor +
				"; expected a fraction from 0 to 1");
		if (s.paramsSha256 == null) throw new AccelMRException("model sidecar " + file + " has no params_sha256");
		SidecarJson.checkFinite(s.validation, file);
		return s;
	}

	/** The {@code format} field of a JSON object, or null when the text is not one or has none. */
	static String formatOf(final String text) {
		try {
			final JsonElement e = JsonParser.parseString(text);
			if (!e.isJsonObject()) return null;
			final JsonObject o = e.getAsJsonObject();
			return o.has("format") && o.get("format").isJsonPrimitive() ? o.get("format").getAsString() : null;
		}
		catch (final RuntimeException e) {
			return null;
		}
	}
}
