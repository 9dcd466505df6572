package org.accelmr.io;

import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * What AccelMR uses of an ISMRMRD XML header ({@code ismrmrdHeader}, the header of ISMRMRD/MRD files and the
 * {@code ismrmrd_header} of fastMRI files): of the first {@code encoding}, the encoded and the recon space
 * (matrix and field of view; x is the readout, y the phase encoding, z the partitions), the centres of the
 * encoding limits, the trajectory; and the receiver channels. In AccelMR's (fastMRI's) orientation x runs along
 * the rows and y along the columns, so the pixel width (columns) is {@code fov.y / matrix.y}.
 *
 * @param encoded encoded space (what was sampled, readout oversampling included)
 * @param recon recon space (what images are cropped to)
 * @param centreStep1 {@code encodingLimits/kspace_encoding_step_1/center}, or -1 when absent
 * @param centreStep2 {@code encodingLimits/kspace_encoding_step_2/center}, or -1 when absent
 * @param trajectory e.g. {@code cartesian}, {@code radial}, {@code spiral}; "" when absent
 * @param receiverChannels {@code acquisitionSystemInformation/receiverChannels}, or 0 when absent
 */
record IsmrmrdHeader(Space encoded, Space recon, int centreStep1, int centreStep2, String trajectory,
	int receiverChannels)
{

	/**
	 * A matrix and field of view; zeros where absent.
	 *
	 * @param x matrix along the readout
	 * @param y matrix along the phase encoding
	 * @param z matrix along the partitions (1 for 2-D)
	 */
	record Space(int x, int y, int z, double fovX, double fovY, double fovZ) {

		static final Space UNKNOWN = new Space(0, 0, 0, 0, 0, 0);

		boolean known() {
			return x > 0 && y > 0;
		}

		/** mm per pixel along the readout (AccelMR's rows), or 0 when unknown. */
		double pixelReadout() {
			return x > 0 ? fovX / x : 0;
		}

		/** mm per pixel along the phase encoding (AccelMR's columns), or 0 when unknown. */
		double pixelPhase() {
			return y > 0 ? fovY / y : 0;
		}
	}

	static final IsmrmrdHeader UNKNOWN = new IsmrmrdHeader(Space.UNKNOWN, Space.UNKNOWN, -1, -1, "", 0);

	boolean isCartesian() {
		return trajectory.isEmpty() || trajectory.equalsIgnoreCase("cartesian");
	}

	/**
	 * Parses the header; external entities are refused (the header comes from a file the user opened). A header
	 * that is not XML gives {@link #UNKNOWN} (a fastMRI file's data are usable without it); callers that need it
	 * check {@link Space#known()}.
	 */
	static IsmrmrdHeader parse(final String xml) {
		if (xml == null || xml.isBlank()) return UNKNOWN;
		final Document doc;
		try {
			final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
			f.setNamespaceAware(true);
			f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml.trim())));
		}
		catch (final Exception e) { // any parser failure means "no usable header", not a broken data set
			return UNKNOWN;
		}
		final Element root = doc.getDocumentElement();
		final Element encoding = child(root, "encoding");
		final Element limits = child(encoding, "encodingLimits");
		return new IsmrmrdHeader(space(child(encoding, "encodedSpace")), space(child(encoding, "reconSpace")),
			(int) number(child(limits, "kspace_encoding_step_1"), "center", -1), (int) number(child(limits,
				"kspace_encoding_step_2"), "center", -1), text(child(encoding, "trajectory")), (int) number(child(root,
					"acquisitionSystemInformation"), "receiverChannels", 0));
	}

	private static Space space(final Element e) {
		if (e == null) return Space.UNKNOWN;
		final Element m = child(e, "matrixSize"), fov = child(e, "fieldOfView_mm");
		return new Space((int) number(m, "x", 0), (int) number(m, "y", 0), (int) number(m, "z", 1), number(fov, "x",
			0), number(fov, "y", 0), number(fov, "z", 0));
	}

	private static Element child(final Element parent, final String name) {
		if (parent == null) return null;
		final NodeList l = parent.getElementsByTagNameNS("*", name);
		return l.getLength() == 0 ? null : (Element) l.item(0);
	}

	private static String text(final Element e) {
		return e == null ? "" : e.getTextContent().trim();
	}

	private static double number(final Element parent, final String name, final double fallback) {
		final Element e = child(parent, name);
		if (e == null) return fallback;
		try {
			return Double.parseDouble(e.getTextContent().trim());
		}
		catch (final NumberFormatException ex) {
			return fallback;
		}
	}
}
