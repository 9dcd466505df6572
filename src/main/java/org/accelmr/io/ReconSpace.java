package org.accelmr.io;

import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The reconstruction matrix and field of view from an ISMRMRD XML header
 * ({@code ismrmrdHeader/encoding/reconSpace/matrixSize} and {@code fieldOfView_mm}), which tell the size
 * reconstructions are cropped to (320x320 for fastMRI knee) and the pixel size
 * {@code fieldOfView_mm / matrixSize}.
 *
 * @param width matrixSize x, or 0 when absent
 * @param height matrixSize y, or 0 when absent
 * @param fovWidthMm fieldOfView_mm x, or 0 when absent
 * @param fovHeightMm fieldOfView_mm y, or 0 when absent
 */
record ReconSpace(int width, int height, double fovWidthMm, double fovHeightMm) {

	static final ReconSpace UNKNOWN = new ReconSpace(0, 0, 0, 0);

	/** Pixel width in mm, or 0 when unknown. */
	double pixelWidth() {
		return width > 0 ? fovWidthMm / width : 0;
	}

	/** Pixel height in mm, or 0 when unknown. */
	double pixelHeight() {
		return height > 0 ? fovHeightMm / height : 0;
	}

	/**
	 * Parses the header; external entities are refused (the header comes from a file the user opened). A header
	 * that is not XML or lacks {@code reconSpace} gives {@link #UNKNOWN}: the data are still usable.
	 */
	static ReconSpace parse(final String xml) {
		if (xml == null || xml.isBlank()) return UNKNOWN;
		try {
			final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
			f.setNamespaceAware(true);
			f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			final Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml.trim())));
			final NodeList recon = doc.getElementsByTagNameNS("*", "reconSpace");
			if (recon.getLength() == 0) return UNKNOWN;
			final Element r = (Element) recon.item(0);
			final Element matrix = child(r, "matrixSize"), fov = child(r, "fieldOfView_mm");
			return new ReconSpace((int) number(matrix, "x"), (int) number(matrix, "y"), number(fov, "x"), number(fov,
				"y"));
		}
		catch (final Exception e) { // any parser failure means "no usable recon space", not a broken file
			return UNKNOWN;
		}
	}

	private static Element child(final Element parent, final String name) {
		if (parent == null) return null;
		final NodeList l = parent.getElementsByTagNameNS("*", name);
		return l.getLength() == 0 ? null : (Element) l.item(0);
	}

	private static double number(final Element parent, final String name) {
		final Element e = child(parent, name);
		if (e == null) return 0;
		try {
			return Double.parseDouble(e.getTextContent().trim());
		}
		catch (final NumberFormatException ex) {
			return 0;
		}
	}
}
