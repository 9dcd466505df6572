package org.accelmr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.accelmr.AccelMRException;
import org.accelmr.io.VolumeFiles;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.progress.Progress;
import org.accelmr.sim.Phantoms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {

	@TempDir
	Path dir;

	/** {@code slices} phantom slices of {@code w x h}, each scaled differently so slices are distinguishable. */
	static FloatVolume phantomStack(final int w, final int h, final int slices) {
		final float[] base = Phantoms.brain(w, h).slice(0);
		final float[][] s = new float[slices][];
		for (int z = 0; z < slices; z++) {
			s[z] = new float[base.length];
			for (int i = 0; i < base.length; i++)
				s[z][i] = base[i] * (1 + 0.05f * z);
		}
		return new FloatVolume(w, h, s);
	}

	@Test
	void oneFileHoldsOutAContiguousSlabWithMargins() {
		final Path file = dir.resolve("stack.npy");
		VolumeFiles.write(phantomStack(40, 36, 40), file);
		final TrainingData d = TrainingData.load(file, 0.1, 1, 16, 100, Progress.NONE);
		final Set<Integer> val = new HashSet<>(), train = new HashSet<>();
		d.validation().forEach(s -> val.add(Integer.parseInt(s.origin().replace("stack.npy axial ", ""))));
		d.training().forEach(s -> train.add(Integer.parseInt(s.origin().replace("stack.npy axial ", ""))));
		assertEquals(Set.of(20, 21, 22, 23), val); // 10% of 40 at 55% of the range, centred
		for (int z = 18; z < 26; z++)
			assertFalse(train.contains(z), "slice " + z + " is within the margin of the held-out slab");
		assertEquals(40 - 8, train.size());
		assertEquals(1, d.volumes());
	}

	/**
	 * {@code val_data}: validation comes from another subject's file, and the held-out slab of the training file
	 * still stays out of training; the training file itself is refused as validation data.
	 */
	@Test
	void validationDataFromAnotherFileLeavesTheHeldOutSlabOutOfTraining() {
		final Path file = dir.resolve("stack.npy"), other = dir.resolve("other.npy");
		VolumeFiles.write(phantomStack(40, 36, 40), file);
		VolumeFiles.write(phantomStack(40, 36, 6), other);
		final TrainingData d = TrainingData.load(file, 0.1, 1, 16, 100, other.toString(), Progress.NONE);
		assertEquals(6, d.validation().size());
		assertTrue(d.validation().stream().allMatch(s -> s.origin().startsWith("other.npy")));
		assertEquals(40 - 8, d.training().size());
		assertTrue(assertThrows(AccelMRException.class, () -> TrainingData.load(file, 0.1, 1, 16, 100, file
			.toString(), Progress.NONE)).getMessage().contains("is also training data"));
		final Path small = dir.resolve("small.npy");
		VolumeFiles.write(phantomStack(12, 10, 4), small);
		assertTrue(assertThrows(AccelMRException.class, () -> TrainingData.load(file, 0.1, 1, 16, 100, small
			.toString(), Progress.NONE)).getMessage().endsWith(" is 10x12; training needs at least 16x16 (lower pools or " +
				"crop)"));
	}

	@Test
	void severalFilesHoldOutWholeFiles() {
		for (int f = 0; f < 4; f++)
			VolumeFiles.write(phantomStack(32, 32, 3), dir.resolve("v" + f + ".npy"));
		final TrainingData d = TrainingData.load(dir, 0.25, 5, 16, 100, Progress.NONE);
		final String held = d.validation().get(0).origin().split(" ")[0];
		assertEquals(3, d.validation().size());
		assertTrue(d.validation().stream().allMatch(s -> s.origin().startsWith(held)));
		assertEquals(9, d.training().size());
		assertTrue(d.training().stream().noneMatch(s -> s.origin().startsWith(held)));
	}

	@Test
	void emptyOrMissingFoldersAreNamed() throws IOException {
		Files.writeString(dir.resolve("notes.txt"), "not an image");
		assertEquals("data folder " + dir + " holds no " + TrainingData.KNOWN + " files", assertThrows(
			AccelMRException.class, () -> TrainingData.load(dir, 0.1, 1, 16, 10, Progress.NONE)).getMessage());
		assertEquals("data folder " + dir.resolve("absent") + " not found", assertThrows(AccelMRException.class,
			() -> TrainingData.load(dir.resolve("absent"), 0.1, 1, 16, 10, Progress.NONE)).getMessage());
	}

	@Test
	void imagesSmallerThanTheNetworkNeedsAreRejected() {
		VolumeFiles.write(phantomStack(24, 20, 12), dir.resolve("small.npy"));
		final AccelMRException e = assertThrows(AccelMRException.class, () -> TrainingData.load(dir, 0.1, 1, 32,
			10, Progress.NONE));
		assertTrue(e.getMessage().endsWith(" is 20x24; training needs at least 32x32 (lower pools or crop)"), e
			.getMessage());
	}

	@Test
	void volumeSlicerCutsThreeOrientations() {
		final float[][] s = new float[3][];
		for (int z = 0; z < 3; z++) {
			s[z] = new float[4 * 2];
			for (int i = 0; i < 8; i++)
				s[z][i] = 100 * z + i; // value = 100 z + 4 y + x
		}
		final VolumeSlicer slicer = new VolumeSlicer(new FloatVolume(4, 2, s), "v");
		final SliceImage coronal = slicer.coronal(0, 3).get(1); // y = 1: rows z = 2, 1, 0
		assertEquals(4, coronal.width());
		assertEquals(3, coronal.height());
		assertEquals(200 + 4 + 3, coronal.pixels()[3], 0);
		assertEquals(4, coronal.pixels()[8], 0);
		final SliceImage sagittal = slicer.sagittal(1, 3).get(2); // x = 2: rows z = 2, 1; columns y
		assertEquals(2, sagittal.width());
		assertEquals(2, sagittal.height());
		assertEquals(200 + 4 + 2, sagittal.pixels()[1], 0);
		assertEquals(100 + 2, sagittal.pixels()[2], 0);
	}
}
