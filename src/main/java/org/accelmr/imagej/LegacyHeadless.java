package org.accelmr.imagej;

import net.imagej.patcher.LegacyInjector;

/**
 * Patches ImageJ 1.x to run without a display (ij1-patcher). Kept in a class that references no {@code ij}
 * class, because the patch must be applied before the first {@code ij} class loads.
 */
public final class LegacyHeadless {

	private static boolean prepared;

	private LegacyHeadless() {}

	public static synchronized void prepare() {
		if (prepared) return;
		LegacyInjector.preinit();
		prepared = true;
	}
}
