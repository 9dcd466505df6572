package org.accelmr.nn;

import java.nio.file.Path;

import org.accelmr.AccelMRException;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;

/**
 * Starts DJL's PyTorch engine the way AccelMR needs it, before any NDArray is made:
 * <ul>
 * <li>offline ({@code ai.djl.offline=true}): libtorch comes from the {@code pytorch-native-cpu} jar on the
 * class path and is unpacked once to {@code ~/.djl.ai} (or {@code DJL_CACHE_DIR}); nothing is downloaded;</li>
 * <li>one inter-op thread and an explicit intra-op thread count: on 2-core machines libtorch's default (one
 * thread per core for both pools) made a small training step ~50x slower than one thread, so callers choose;
 * the count is set on the calling thread, the one that must then run the network (OpenMP keeps it per thread);</li>
 * <li>OpenMP threads that sleep when they wait ({@code OMP_WAIT_POLICY=PASSIVE}, unless the environment sets a
 * policy): libtorch's OpenMP runtime otherwise spins between operations, and when another process held a core the
 * spinning thread kept the one doing the work waiting, so two intra-op threads ran the U-Net up to 8x slower than
 * one (2 vCPUs, load 8); passive, two threads stayed faster than one under the same load. OpenMP reads the
 * policy once, when libtorch loads, so {@link #passiveOpenMP()} sets it in the process environment before;</li>
 * <li>the thread context class loader set to the one that loaded AccelMR while DJL looks for engines, because
 * DJL finds them with a ServiceLoader on that loader and Fiji's plugin class loader is not the default one;</li>
 * <li>quiet: libtorch's own warnings go straight to the process's stderr, where the launcher promises one
 * line per problem. On CPUs without AVX2 every first convolution printed "Could not initialize NNPACK!
 * Reason: Unsupported hardware", and DJL's inference guard prints a deprecation warning for its own use of
 * {@code AutoNonVariableTypeMode}. Neither concerns the user. DJL exposes no switch for either, so
 * {@link #quietLibtorch()} calls the two libtorch settings Python's {@code torch.backends.nnpack.set_flags(False)}
 * and {@code TORCH_CPP_LOG_LEVEL=ERROR} reach (the latter is read only by PyTorch's Python module).</li>
 * </ul>
 * CUDA: put {@code ai.djl.pytorch:pytorch-native-cu124:2.7.1:linux-x86_64} (or the CUDA build matching your
 * driver) on the class path instead of the CPU jar; {@link #device()} then returns the first GPU.
 */
public final class TorchRuntime {

	private static final String ENGINE = "PyTorch";

	/** c10's log severities: warnings are 1, errors 2. */
	static final int C10_ERROR = 2;

	/** The OpenMP setting {@link #passiveOpenMP()} makes, read by libgomp (Linux) and LLVM's libomp (macOS). */
	static final String WAIT_POLICY = "OMP_WAIT_POLICY";

	private static boolean quiet, started;

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
			if (!started) passiveOpenMP();
			final Engine engine = Engine.getEngine(ENGINE);
			started = true;
			if (JniUtils.getNumThreads() != threads) JniUtils.setNumThreads(threads);
			if (!quiet) quiet = quietLibtorch();
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

	/**
	 * Turns off NNPACK (a convolution backend libtorch only uses for some inference shapes, and whose failed
	 * start-up on CPUs without AVX2 is what prints the warning; oneDNN and the native kernels remain) and shows
	 * libtorch's log from errors up. Uses the Itanium C++ names of libtorch's Linux and macOS builds; where they
	 * are missing (Windows' MSVC names, a future libtorch) nothing changes but the output's quietness.
	 *
	 * @return whether both settings were made
	 */
	static boolean quietLibtorch() {
		try {
			final NativeLibrary torch = libtorch("torch_cpu"), c10 = libtorch("c10");
			final Pointer context = torch.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
			torch.getFunction("_ZN2at7Context20setUserEnabledNNPACKEb").invokeVoid(new Object[] { context,
				(byte) 0 });
			c10.getGlobalVariableAddress("FLAGS_caffe2_log_level").setInt(0, C10_ERROR);
			return true;
		}
		catch (final RuntimeException | UnsatisfiedLinkError e) {
			return false;
		}
	}

	/**
	 * Sets {@value #WAIT_POLICY} to {@code PASSIVE} in the process environment (C's {@code setenv}, which the
	 * OpenMP runtime reads when libtorch loads; Java has no setter) unless the user set a policy. Not on Windows,
	 * whose libtorch uses MSVC's OpenMP and another call; there, as when the call is missing, nothing changes.
	 *
	 * @return whether the policy is now set, by the user or here
	 */
	static boolean passiveOpenMP() {
		if (System.getenv(WAIT_POLICY) != null) return true;
		if (System.getProperty("os.name", "").startsWith("Windows")) return false;
		try {
			return NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] { WAIT_POLICY,
				"PASSIVE", 0 }) == 0;
		}
		catch (final RuntimeException | UnsatisfiedLinkError e) {
			return false;
		}
	}

	/** The process environment's {@value #WAIT_POLICY} as C sees it (Java's copy is taken at start-up). */
	static String waitPolicy() {
		return NativeLibrary.getInstance("c").getFunction("getenv").invokeString(new Object[] { WAIT_POLICY },
			false);
	}

	/** Whether libtorch will try NNPACK for a convolution (false once {@link #quietLibtorch()} ran). */
	static boolean nnpackEnabled() {
		final NativeLibrary torch = libtorch("torch_cpu");
		final Pointer context = torch.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
		return torch.getFunction("_ZNK2at7Context17userEnabledNNPACKEv").invoke(Byte.class, new Object[] {
			context }) instanceof Byte b && b != 0;
	}

	/** libtorch's minimum log severity. */
	static int logLevel() {
		return libtorch("c10").getGlobalVariableAddress("FLAGS_caffe2_log_level").getInt(0);
	}

	/** One of the libraries DJL loaded from the native jar (opening it again returns the loaded one). */
	private static NativeLibrary libtorch(final String name) {
		return NativeLibrary.getInstance(Path.of(LibUtils.getLibtorchPath()).resolve(System.mapLibraryName(name))
			.toString());
	}

	/** The first GPU when a CUDA build of libtorch is on the class path, else the CPU. */
	public static Device device() {
		return engine(Math.max(1, JniUtils.getNumThreads())).getGpuCount() > 0 ? Device.gpu() : Device.cpu();
	}
}
