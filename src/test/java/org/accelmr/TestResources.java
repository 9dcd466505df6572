package org.accelmr;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;

/** Reads the small reference files under src/test/resources with the project's own readers. */
public final class TestResources {

	private TestResources() {}

	public static Path path(final String resource) {
		try {
			return Path.of(TestResources.class.getResource(resource).toURI());
		}
		catch (final URISyntaxException | NullPointerException e) {
			throw new IllegalArgumentException("no test resource " + resource, e);
		}
	}

	/** A complex .npy/.cfl resource as a stack (2-D: one plane; 3-D: coils; 4-D: slices x coils). */
	public static ComplexStack complex(final String resource) {
		return KSpaceFiles.read(path(resource)).data();
	}

	/** A real .npy resource, (H,W) or (S,H,W). */
	public static FloatVolume volume(final String resource) {
		return VolumeFiles.read(path(resource));
	}
}
