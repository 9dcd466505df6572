package org.accelmr.imagej;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;

import org.accelmr.AccelMRException;

/**
 * A comparison figure of one slice: the reference and every reconstruction in the top row, the sampling mask
 * and each reconstruction's absolute error in the bottom row. Each tile is labelled on a dark box so the text
 * reads on bright anatomy too: the method, the acceleration R and the PSNR and SSIM when given. Images share
 * the reference's grey scale (0 to its max); errors are shown on 0 to {@value #ERROR_SCALE} x max in hot
 * colours, with a colour bar under them saying so. An optional title runs above the tiles.
 */
public final class ComparisonFigure {

	/** Error maps saturate at this fraction of the reference maximum. */
	public static final double ERROR_SCALE = 0.2;

	/** How much of a pixel's brightness a label's box keeps (the rest goes, so the text stands out). */
	private static final double BOX_KEEP = 0.3;

	private final int width;
	private final int height;
	private final float[] reference;
	private final float[] mask;
	private final List<Tile> tiles = new ArrayList<>();
	private String title;
	private double acceleration = Double.NaN;

	private record Tile(String name, float[] pixels, double psnr, double ssim) {}

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

	/** Adds a reconstruction of the same slice; {@code label} is drawn on it as it is (e.g. name and PSNR). */
	public ComparisonFigure add(final String label, final float[] reconstruction) {
		return add(label, reconstruction, Double.NaN, Double.NaN);
	}

	/**
	 * Adds a reconstruction of the same slice, labelled with its name, the figure's acceleration (when set) and
	 * the given PSNR (dB) and SSIM on lines of their own; NaN leaves a metric out.
	 */
	public ComparisonFigure add(final String name, final float[] reconstruction, final double psnr,
		final double ssim)
	{
		if (reconstruction.length != reference.length) throw new IllegalArgumentException(name + ": " +
			reconstruction.length + " pixels, the reference has " + reference.length);
		tiles.add(new Tile(name, reconstruction, psnr, ssim));
		return this;
	}

	/** The acceleration R of the mask, stated on the mask and on every reconstruction. */
	public ComparisonFigure acceleration(final double r) {
		this.acceleration = r;
		return this;
	}

	/** One line above the tiles (e.g. the data and the mask), or null for none. */
	public ComparisonFigure title(final String text) {
		this.title = text;
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

	/** Label text size in pixels: legible at print size, growing with the tiles. */
	int fontSize() {
		return Math.max(13, Math.min(width, height) / 15);
	}

	/** Height of the title band (0 without a title). */
	int titleHeight() {
		return title == null ? 0 : fontSize() * 2;
	}

	/** Height of the colour-bar band under the error maps (0 without reconstructions). */
	int scaleBarHeight() {
		return tiles.isEmpty() ? 0 : fontSize() * 3;
	}

	/** The lines drawn on the reconstruction tile {@code index}. */
	List<String> labelLines(final int index) {
		final Tile t = tiles.get(index);
		final List<String> lines = new ArrayList<>();
		lines.add(t.name() + (Double.isNaN(acceleration) ? "" : String.format(Locale.ROOT, ", R = %.2f",
			acceleration)));
		if (!Double.isNaN(t.psnr())) lines.add(String.format(Locale.ROOT, "PSNR %.2f dB", t.psnr()));
		if (!Double.isNaN(t.ssim())) lines.add(String.format(Locale.ROOT, "SSIM %.3f", t.ssim()));
		return lines;
	}

	ColorProcessor render() {
		final int columns = tiles.size() + 1, top = titleHeight();
		final ColorProcessor canvas = new ColorProcessor(columns * width, top + 2 * height + scaleBarHeight());
		canvas.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize()));
		canvas.setAntialiasedText(true);
		if (title != null) {
			canvas.setColor(Color.WHITE);
			canvas.drawString(title, fontSize() / 2, top - fontSize() / 2);
		}
		double max = 0;
		for (final float v : reference)
			max = Math.max(max, v);
		final double scale = max > 0 ? max : 1;
		paintGrey(canvas, 0, top, reference, scale);
		label(canvas, 0, top, List.of("reference"));
		if (mask != null) {
			paintGrey(canvas, 0, top + height, mask, 1);
			label(canvas, 0, top + height, List.of("mask" + (Double.isNaN(acceleration) ? "" : String.format(
				Locale.ROOT, ", R = %.2f", acceleration))));
		}
		for (int t = 0; t < tiles.size(); t++) {
			final Tile tile = tiles.get(t);
			final int x0 = (t + 1) * width;
			paintGrey(canvas, x0, top, tile.pixels(), scale);
			label(canvas, x0, top, labelLines(t));
			final float[] error = new float[reference.length];
			for (int i = 0; i < error.length; i++)
				error[i] = Math.abs(tile.pixels()[i] - reference[i]);
			paintHot(canvas, x0, top + height, error, ERROR_SCALE * scale);
			label(canvas, x0, top + height, List.of("|error| x" + Math.round(1 / ERROR_SCALE)));
		}
		if (!tiles.isEmpty()) paintScaleBar(canvas, top + 2 * height);
		return canvas;
	}

	/**
	 * Under the error maps: the hot colour ramp from 0 to {@value #ERROR_SCALE} x the reference maximum, with
	 * its ends and middle marked, so a colour can be read as an error size.
	 */
	private void paintScaleBar(final ColorProcessor canvas, final int y0) {
		final int font = fontSize(), x0 = width + font / 2, x1 = canvas.getWidth() - font / 2, barTop = y0 + font / 3;
		final int barHeight = font;
		for (int x = x0; x < x1; x++) {
			final int rgb = hot((x - x0) / (double) (x1 - 1 - x0));
			for (int y = barTop; y < barTop + barHeight; y++)
				canvas.set(x, y, rgb);
		}
		canvas.setColor(Color.WHITE);
		final int baseline = barTop + barHeight + font;
		// the caption in the first column, as long as fits beside the bar
		for (final String caption : List.of("|error| colour scale", "|error| scale", "|error|"))
			if (canvas.getStringWidth(caption) <= x0 - font || caption.equals("|error|")) {
				canvas.drawString(caption, font / 2, barTop + barHeight);
				break;
			}
		canvas.drawString("0", x0, baseline);
		final String mid = plain(ERROR_SCALE / 2) + " x max", end = plain(ERROR_SCALE) + " x max";
		canvas.drawString(mid, (x0 + x1 - canvas.getStringWidth(mid)) / 2, baseline);
		canvas.drawString(end, x1 - canvas.getStringWidth(end), baseline);
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
			for (int x = 0; x < width; x++)
				canvas.set(x0 + x, y0 + y, hot(level(pixels[y * width + x], max) / 255.0));
	}

	/** The hot colour of a fraction in [0, 1]. */
	static int hot(final double fraction) {
		final int v = (int) Math.round(765 * Math.max(0, Math.min(1, fraction)));
		final int r = Math.min(255, v), g = Math.min(255, Math.max(0, v - 255)), b = Math.min(255, Math.max(0, v -
			510));
		return r << 16 | g << 8 | b;
	}

	private static String plain(final double v) {
		return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
	}

	private static int level(final float v, final double max) {
		return (int) Math.round(255 * Math.max(0, Math.min(1, v / max)));
	}

	/** Lines of text at a tile's top left, on a darkened box as wide as the longest line. */
	private void label(final ColorProcessor canvas, final int x0, final int y0, final List<String> lines) {
		final int font = fontSize(), pad = Math.max(2, font / 4), lineHeight = font + pad;
		int textWidth = 0;
		for (final String line : lines)
			textWidth = Math.max(textWidth, canvas.getStringWidth(line));
		final int boxWidth = Math.min(width, textWidth + 2 * pad), boxHeight = Math.min(height, lines.size() *
			lineHeight + pad);
		for (int y = y0; y < y0 + boxHeight; y++)
			for (int x = x0; x < x0 + boxWidth; x++) {
				final int c = canvas.get(x, y);
				canvas.set(x, y, (int) ((c >> 16 & 0xff) * BOX_KEEP) << 16 | (int) ((c >> 8 & 0xff) * BOX_KEEP) << 8 |
					(int) ((c & 0xff) * BOX_KEEP));
			}
		canvas.setColor(Color.YELLOW);
		for (int i = 0; i < lines.size(); i++)
			canvas.drawString(lines.get(i), x0 + pad, y0 + (i + 1) * lineHeight);
	}
}
