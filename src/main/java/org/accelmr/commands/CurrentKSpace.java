package org.accelmr.commands;

import org.accelmr.AccelMRException;
import org.accelmr.imagej.KSpaceImage;
import org.accelmr.kspace.KSpace;

/** The k-space behind the image a command was given, or an error telling the user how to get one. */
final class CurrentKSpace {

	private CurrentKSpace() {}

	static KSpace of(final Object image) {
		if (image == null) throw new AccelMRException("input: no image given; open or simulate k-space first");
		return KSpaceImage.find(image).orElseThrow(() -> new AccelMRException(
			"input: the image is not k-space; use Open k-space... or Simulate k-space first"));
	}
}
