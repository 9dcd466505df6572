package org.accelmr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: the numerical core never imports the adapter layers (commands, imagej, cli), SciJava
 * commands, ImageJ 1.x, AWT or Swing, so it runs in any JVM without a display or a SciJava context.
 */
class ArchitectureTest {

	private static final List<String> ADAPTERS = List.of("commands", "imagej", "cli");
	private static final List<String> FORBIDDEN = List.of("import org.accelmr.commands", "import org.accelmr.imagej",
		"import org.accelmr.cli", "import org.scijava.command", "import ij.", "import java.awt", "import javax.swing");

	@Test
	void coreNeverImportsAdapterLayers() throws IOException {
		final Path root = Path.of("src/main/java/org/accelmr");
		final List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (final Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
				final Path relative = root.relativize(file);
				if (relative.getNameCount() > 1 && ADAPTERS.contains(relative.getName(0).toString())) continue;
				for (final String line : Files.readAllLines(file))
					for (final String bad : FORBIDDEN)
						if (line.startsWith(bad)) violations.add(relative + ": " + line);
			}
		}
		assertTrue(violations.isEmpty(), "core imports an adapter layer:\n" + String.join("\n", violations));
	}
}
