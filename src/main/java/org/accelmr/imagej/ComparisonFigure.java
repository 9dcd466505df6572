package org.accelmr.imagej;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;

import org.accelmr.AccelMRException;

/**
 * A comparison figure of one slice: the reference and every reconstruction in the top row, the sampling mask
 * and each reconstruction's absolute error in the bottom row, each tile labelled. Images share the
 * reference's grey scale (0 to its max); errors are shown on 0 to {@value #ERROR_SCALE} x max, hot colours.
 */
public final class ComparisonFigure {

	/** Error maps saturate at this fraction of the reference maximum. */
	public static final double ERROR_SCALE = 0.2;

	private final int width;
	private final int height;
	private final float[] reference;
	private final float[] mask;
	private final List<Tile> tiles = new ArrayList<>();

	private record Tile(String label, float[] pixels) {}

	/**
	 * @param reference one reference slice, row-major
	 * @param mask the sampling mask as 0/1 of the same size, or null
	 */
	public ComparisonFigure(final int width, final int height, final float[] reference, final float[] mask) {
		this.width = width;
		this.height = height;
		this.reference = reference;
		this.mask = mask != null && mask.length == reference.length ? mask : null;
	}

	/** Adds a reconstruction of the same slice; {@code label} is drawn on it (e.g. name and PSNR). */
	public ComparisonFigure add(final String label, final float[] reconstruction) {
		if (reconstruction.length != reference.length) throw new IllegalArgumentException(label + ": " +
			reconstruction.length + " pixels, the reference has " + reference.length);
		tiles.add(new Tile(label, reconstruction));
		return this;
	}

	/** Writes the figure as PNG, via a temporary file in the same folder. */
	public void writePng(final Path png) {
		final ImagePlus figure = toImagePlus("comparison");
		final Path folder = png.toAbsolutePath().getParent();
		try {
			final Path temp = Files.createTempFile(folder, ".accelmr-", ".png");
			try {
				if (!new FileSaver(figure).saveAsPng(temp.toString())) throw new IOException("ImageJ could not write PNG");
				Files.move(temp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(temp);
			}
		}
		catch (final IOException e) {
			throw new AccelMRException(png + ": cannot write the figure (" + e.getMessage() + ")");
		}
	}

	/** The figure as an RGB image, e.g. to show in ImageJ. */
	public ImagePlus toImagePlus(final String title) {
		return new ImagePlus(title, render());
	}

	ColorProcessor render() {
		final int columns = tiles.size() + 1;
		final ColorProcessor canvas = new ColorProcessor(columns * width, 2 * height);
		double max = 0;
		for (final float v : reference)
			max = Math.max(max, v);
		final double scale = max > 0 ? max : 1;
		paintGrey(canvas, 0, 0, reference, scale);
		label(canvas, 0, 0, "reference");
		if (mask != null) {
			paintGrey(canvas, 0, height, mask, 1);
			label(canvas, 0, height, "mask");
		}
		for (int t = 0; t < tiles.size(); t++) {
			final Tile tile = tiles.get(t);
			final int x0 = (t + 1) * width;
			paintGrey(canvas, x0, 0, tile.pixels(), scale);
			label(canvas, x0, 0, tile.label());
			final float[] error = new float[reference.length];
			for (int i = 0; i < error.length; i++)
				error[i] = Math.abs(tile.pixels()[i] - reference[i]);
			paintHot(canvas, x0, height, error, ERROR_SCALE * scale);
			label(canvas, x0, height, "|error| x" + Math.round(1 / ERROR_SCALE));
		}
		return canvas;
	}

	private void paintGrey(final ColorProcessor canvas, final int x0, final int y0, final float[] pixels,
		final double max)
	{
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				final int g = level(pixels[y * width + x], max);
				canvas.set(x0 + x, y0 + y, g << 16 | g << 8 | g);
			}
	}

	/** Black, red, yellow, white: small errors stay dark, large ones stand out. */
	private void paintHot(final ColorProcessor canvas, final int x0, final int y0, final float[] pixels,
		final double max)
	{
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				final int v = level(pixels[y * width + x], max) * 3;
				final int r = Math.min(255, v), g = Math.min(255, Math.max(0, v - 255)), b = Math.min(255, Math.max(0, v -
					510));
				canvas.set(x0 + x, y0 + y, r << 16 | g << 8 | b);
			}
	}

	private static int level(final float v, final double max) {
		return (int) Math.round(255 * Math.max(0, Math.min(1, v / max)));
	}

	private void label(final ColorProcessor canvas, final int x0, final int y0, final String text) {
		canvas.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, width / 18)));
		canvas.setAntialiasedText(true);
		canvas.setColor(Color.YELLOW);
		canvas.drawString(text, x0 + 4, y0 + 4 + canvas.getFontMetrics().getAscent());
	}
}
