package org.accelmr.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * Starting the engine turns off libtorch's NNPACK backend (whose failed start on CPUs without AVX2 printed a
 * warning on every run) and its warnings: the settings are read back from libtorch itself. OpenMP's wait policy
 * is in the process environment before libtorch loads.
 */
class TorchRuntimeTest {

	@Test
	void startingTheEngineLeavesLibtorchQuiet() {
		TorchRuntime.engine(1);
		assertFalse(TorchRuntime.nnpackEnabled(), "NNPACK off, so it is never initialised");
		assertEquals(TorchRuntime.C10_ERROR, TorchRuntime.logLevel(), "libtorch logs errors only");
	}

	@Test
	void openMpWaitsPassivelyUnlessTheUserChoseAPolicy() {
		TorchRuntime.engine(1);
		final String chosen = System.getenv(TorchRuntime.WAIT_POLICY);
		assertEquals(chosen == null ? "PASSIVE" : chosen, TorchRuntime.waitPolicy());
	}
}
