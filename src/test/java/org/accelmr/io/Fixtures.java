package org.accelmr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.accelmr.kspace.ComplexStack;

/** The committed files of {@code src/test/python/make_io_fixtures.py} and the formula their samples follow. */
final class Fixtures {

	private Fixtures() {}

	static Path path(final String name) {
		try {
			return Path.of(Fixtures.class.getResource("/io/" + name).toURI());
		}
		catch (final URISyntaxException | NullPointerException e) {
			throw new IllegalStateException("missing test resource io/" + name, e);
		}
	}

	/** The generator's real part: {@code s*1000 + c*100 + y*10 + x + 0.25}; the imaginary part is minus half. */
	static float value(final int s, final int c, final int y, final int x) {
		return s * 1000 + c * 100 + y * 10 + x + 0.25f;
	}

	/** Asserts every sample equals the formula, with slice index offset by {@code firstSlice}. */
	static void assertFormula(final ComplexStack k, final int firstSlice, final boolean[] keep) {
		for (int s = 0; s < k.slices(); s++)
			for (int c = 0; c < k.coils(); c++) {
				final float[] p = k.plane(s, c);
				for (int y = 0; y < k.height(); y++)
					for (int x = 0; x < k.width(); x++) {
						final boolean kept = keep == null || keep[y * k.width() + x];
						final float v = kept ? value(s + firstSlice, c, y, x) : 0;
						final int i = 2 * (y * k.width() + x);
						assertEquals(v, p[i], 0f, "re at " + s + "," + c + "," + y + "," + x);
						assertEquals(kept ? -v / 2 : 0, p[i + 1], 0f);
					}
			}
	}
}
