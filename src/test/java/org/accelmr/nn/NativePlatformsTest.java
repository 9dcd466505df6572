package org.accelmr.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.djl.util.Platform;

/**
 * The three libtorch jars AccelMR ships (Linux x86-64, macOS arm64, Windows x86-64) all sit on this class path,
 * as they do in the launcher's target/lib, and the Windows one may in a Fiji installation: for each desktop,
 * DJL's own lookup (the one {@code ai.djl.pytorch.jni.LibUtils} runs offline before extracting) picks that
 * desktop's jar, and every library it would extract, and the JNI bridge, is there. Nothing is loaded: the
 * system properties DJL reads are set to each platform's in turn.
 */
class NativePlatformsTest {

	@ParameterizedTest
	@CsvSource({ "Linux, amd64, linux-x86_64, libdjl_torch.so", "Mac OS X, aarch64, osx-aarch64, libdjl_torch.dylib",
		"Windows 11, amd64, win-x86_64, djl_torch.dll" })
	void djlFindsEachDesktopsLibtorchAmongTheThree(final String osName, final String osArch,
		final String classifier, final String jni)
	{
		final String name = System.getProperty("os.name"), arch = System.getProperty("os.arch");
		final Platform platform;
		try {
			System.setProperty("os.name", osName);
			System.setProperty("os.arch", osArch);
			platform = Platform.detectPlatform("pytorch");
		}
		finally {
			System.setProperty("os.name", name);
			System.setProperty("os.arch", arch);
		}
		assertFalse(platform.isPlaceholder(), "a bundled libtorch, not the download placeholder");
		assertEquals(classifier, platform.getClassifier());
		assertEquals("cpu", platform.getFlavor());
		assertTrue(platform.getVersion().startsWith("2.7.1"), platform.getVersion());
		assertTrue(platform.getLibraries().length >= 4, Arrays.toString(platform.getLibraries()));
		final ClassLoader loader = NativePlatformsTest.class.getClassLoader();
		for (final String library : platform.getLibraries()) {
			// the path LibUtils.copyNativeLibraryFromClasspath extracts, from this platform's jar only
			final URL url = loader.getResource("pytorch/cpu/" + classifier + "/" + library);
			assertNotNull(url, library);
			assertTrue(url.toString().contains("pytorch-native-cpu-2.7.1-" + classifier + ".jar!"), url.toString());
		}
		assertNotNull(loader.getResource("jnilib/" + classifier + "/cpu/" + jni), "the JNI bridge for " + classifier);
	}
}
