package org.accelmr.nn;

import org.accelmr.AccelMRException;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Starts DJL's PyTorch engine the way AccelMR needs it, before any NDArray is made:
 * <ul>
 * <li>offline ({@code ai.djl.offline=true}): libtorch comes from the {@code pytorch-native-cpu} jar on the
 * class path and is unpacked once to {@code ~/.djl.ai} (or {@code DJL_CACHE_DIR}); nothing is downloaded;</li>
 * <li>one inter-op thread and an explicit intra-op thread count: on 2-core machines libtorch's default (one
 * thread per core for both pools) made a small training step ~50x slower than one thread, so callers choose;</li>
 * <li>the thread context class loader set to the one that loaded AccelMR while DJL looks for engines, because
 * DJL finds them with a ServiceLoader on that loader and Fiji's plugin class loader is not the default one.</li>
 * </ul>
 * CUDA: put {@code ai.djl.pytorch:pytorch-native-cu124:2.7.1:linux-x86_64} (or the CUDA build matching your
 * driver) on the class path instead of the CPU jar; {@link #device()} then returns the first GPU.
 */
public final class TorchRuntime {

	private static final String ENGINE = "PyTorch";

	private TorchRuntime() {}

	/**
	 * The PyTorch engine, loaded on first use, with libtorch's intra-op thread count set to {@code threads}.
	 *
	 * @throws AccelMRException when libtorch cannot be loaded
	 */
	public static synchronized Engine engine(final int threads) {
		if (threads < 1) throw new AccelMRException("threads must be at least 1, got " + threads);
		if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
		if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) System.setProperty(
			"ai.djl.pytorch.num_interop_threads", "1");
		if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty(
			"ai.djl.pytorch.num_threads", Integer.toString(threads));
		final Thread thread = Thread.currentThread();
		final ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(TorchRuntime.class.getClassLoader());
		try {
			final Engine engine = Engine.getEngine(ENGINE);
			if (JniUtils.getNumThreads() != threads) JniUtils.setNumThreads(threads);
			return engine;
		}
		catch (final RuntimeException | UnsatisfiedLinkError e) {
			throw new AccelMRException("could not start the PyTorch engine (libtorch from pytorch-native-cpu): " + e
				.getMessage(), e);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	/** The first GPU when a CUDA build of libtorch is on the class path, else the CPU. */
	public static Device device() {
		return engine(Math.max(1, JniUtils.getNumThreads())).getGpuCount() > 0 ? Device.gpu() : Device.cpu();
	}
}
