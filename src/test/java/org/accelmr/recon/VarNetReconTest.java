package org.accelmr.recon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.accelmr.AccelMRException;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.RandomMask;
import org.accelmr.nn.BackgroundLevel;
import org.accelmr.nn.ModelFiles;
import org.accelmr.nn.ModelSidecar;
import org.accelmr.nn.UNetArchitecture;
import org.accelmr.nn.UNetModel;
import org.accelmr.nn.VarNetArchitecture;
import org.accelmr.nn.VarNetModel;
import org.accelmr.nn.VarNetSidecar;
import org.accelmr.progress.Progress;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VarNetReconTest {

	@TempDir
	Path dir;

	private String tinyModel() {
		return tinyModel("vn", null);
	}

	/** The same parameters each time (seed 3), with {@code floor} as the sidecar's background floor. */
	private String tinyModel(final String name, final Double floor) {
		final VarNetArchitecture arch = new VarNetArchitecture(2, 4, 2, 2, VarNetArchitecture.RSS, 8);
		final ModelFiles files = ModelFiles.of(dir.resolve(name));
		try (VarNetModel m = VarNetModel.create(arch, 3, 1)) {
			m.save(files, new VarNetSidecar(VarNetSidecar.FORMAT, 1, arch, VarNetSidecar.NORMALISATION,
				new ModelSidecar.MaskFamily("random", 4, 0.08, 0.08), null, null, floor, ""));
		}
		return files.params().toString();
	}

	/** A tiny one-cascade model that starts from the L1-wavelet solution. */
	private ModelFiles waveletStartModel(final String name) {
		final VarNetArchitecture arch = new VarNetArchitecture(1, 4, 2, 2, VarNetArchitecture.RSS, 8,
			VarNetArchitecture.WAVELET);
		final ModelFiles files = ModelFiles.of(dir.resolve(name));
		try (VarNetModel m = VarNetModel.create(arch, 3, 1)) {
			m.save(files, new VarNetSidecar(VarNetSidecar.FORMAT, 1, arch, VarNetSidecar.NORMALISATION,
				new ModelSidecar.MaskFamily("random", 4, 0.08, 0.08), null, null, null, ""));
		}
		return files;
	}

	/** The slices of k that p calibrates on, as {@link PreparedReconstruction#reconstructWhole} hands them. */
	private static java.util.List<KSpace> calibrationSlicesOf(final PreparedReconstruction p, final KSpace k) {
		final java.util.List<KSpace> slices = new java.util.ArrayList<>();
		for (final int z : p.calibrationSlices())
			slices.add(k.slice(z));
		return slices;
	}

	private static KSpace phantom(final int coils, final int w, final int h, final int slices) {
		final float[] one = Phantoms.brain(w, h).slice(0);
		final float[][] s = new float[slices][];
		for (int z = 0; z < slices; z++) {
			s[z] = one.clone();
			for (int i = 0; i < one.length; i++)
				s[z][i] *= 1 + z;
		}
		return KSpaceSimulator.simulate(new FloatVolume(w, h, s), new SimulationConfig(coils, true, 0.01, 1));
	}

	@Test
	void slicesAloneEqualSlicesTogetherAndTheScaleFollowsTheData() {
		final KSpace k = phantom(3, 36, 28, 3).undersample(new RandomMask(4, 0.15).sample(36, 28, 9));
		try (VarNetRecon recon = new VarNetRecon(tinyModel(), 1, "")) {
			final FloatVolume all = recon.reconstruct(k, Progress.NONE);
			assertEquals(3, all.depth());
			final FloatVolume last = recon.reconstruct(k.slice(2), Progress.NONE);
			assertArrayEquals(all.slice(2), last.slice(0), 1e-5f * (float) all.max());
			// the network sees k-space divided by its zero-filled maximum: 5x the data gives 5x the image
			final ComplexStack scaled = k.slice(0).data().copy();
			for (final float[] p : new float[][] { scaled.plane(0, 0), scaled.plane(0, 1), scaled.plane(0, 2) })
				for (int i = 0; i < p.length; i++)
					p[i] *= 5;
			final FloatVolume five = recon.reconstruct(new KSpace(scaled, k.mask(), k.info()), Progress.NONE);
			for (int i = 0; i < five.slice(0).length; i++)
				assertEquals(5 * all.slice(0)[i], five.slice(0)[i], 1e-4 * 5 * all.max());
		}
	}

	/**
	 * A model that starts from the wavelet solution takes the volume's one λ for every slice, the λ that
	 * {@code method=wavelet} chooses for the same volume.
	 */
	@Test
	void aCompressedSensingStartTakesTheVolumesLambda() {
		final ModelFiles files = waveletStartModel("vnw");
		final KSpace k = phantom(3, 32, 32, 3).undersample(new RandomMask(3, 0.2).sample(32, 32, 9));
		final java.util.List<SliceSolve> varnet, wavelet;
		try (VarNetRecon recon = new VarNetRecon(files.params().toString(), 1, "rss");
			PreparedReconstruction p = recon.prepare(VolumeDescription.of(k), Progress.NONE))
		{
			p.reconstructWhole(k, Progress.NONE);
			varnet = p.solves();
		}
		try (Reconstructor recon = ReconstructionMethods.create(new ReconstructionSettings("wavelet",
			org.accelmr.cs.SolverSettings.AUTO_LAMBDA, 200, "rss", "", 1));
			PreparedReconstruction p = recon.prepare(VolumeDescription.of(k), Progress.NONE))
		{
			p.reconstructWhole(k, Progress.NONE);
			wavelet = p.solves();
		}
		assertEquals(3, varnet.size());
		for (int z = 0; z < 3; z++) {
			assertEquals(wavelet.get(0).lambda(), varnet.get(z).lambda(), 0, varnet + " against " + wavelet);
			assertEquals(wavelet.get(0).lambda(), wavelet.get(z).lambda(), 0);
		}
	}

	/**
	 * The start's λ is chosen on the threads given (the image is the same to the bit as on one), reports progress
	 * while it is chosen, and a cancel there stops the reconstruction.
	 */
	@Test
	void theStartsLambdaIsChosenOnTheThreadsGivenWithProgressAndCancel() {
		final ModelFiles files = waveletStartModel("vnt");
		final KSpace k = phantom(3, 32, 32, 3).undersample(new RandomMask(3, 0.2).sample(32, 32, 9));
		final FloatVolume[] images = new FloatVolume[2];
		for (int threads = 1; threads <= 2; threads++)
			try (VarNetRecon recon = new VarNetRecon(files.params().toString(), threads, "espirit");
				PreparedReconstruction p = recon.prepare(VolumeDescription.of(k), Progress.NONE))
			{
				final CountingProgress counting = CountingProgress.neverCancelled();
				p.calibrate(calibrationSlicesOf(p, k), counting);
				assertTrue(counting.calls.get() > 10, "progress while the start's λ is chosen: " + counting.calls
					.get());
				images[threads - 1] = p.reconstruct(k, 0, Progress.NONE);
			}
		for (int z = 0; z < 3; z++)
			assertArrayEquals(images[0].slice(z), images[1].slice(z), 0f, "slice " + z);
		try (VarNetRecon recon = new VarNetRecon(files.params().toString(), 2, "espirit");
			PreparedReconstruction p = recon.prepare(VolumeDescription.of(k), Progress.NONE))
		{
			assertThrows(org.accelmr.progress.CancelledException.class, () -> p.calibrate(calibrationSlicesOf(p, k),
				new CountingProgress(0)));
		}
	}

	/**
	 * A raw file's separate calibration scan (the volume's calibration data) gives the coil maps, as it does for
	 * compressed sensing, instead of the few centre lines of the undersampled slices: the image equals the one
	 * made with those maps given as a file. (A model that starts from compressed sensing, so that the maps matter
	 * even to a network whose regularisers are still zero; its start's λ is chosen with them too.)
	 */
	@Test
	void coilMapsComeFromTheVolumesCalibrationDataWhenItHasSome() {
		final KSpace full = phantom(3, 32, 32, 2);
		final KSpace k = full.undersample(new RandomMask(4, 0.08).sample(32, 32, 9));
		final float[][] planes = new float[2 * 3][];
		for (int z = 0; z < 2; z++) {
			final float[] m = org.accelmr.cs.CoilMapSource.parse("rss").mapsFor(full.slice(z), z).maps();
			for (int c = 0; c < 3; c++)
				planes[z * 3 + c] = java.util.Arrays.copyOfRange(m, c * 2 * 32 * 32, (c + 1) * 2 * 32 * 32);
		}
		final Path mapsFile = dir.resolve("scan-maps.npy");
		org.accelmr.io.KSpaceFiles.write(new KSpace(ComplexStack.wrap(planes, 32, 32, 3, 2), null, AcquisitionInfo
			.of("maps")), mapsFile);
		final VolumeDescription withScan = new VolumeDescription(2, 3, 32, 32, k.mask(), k.info(), full);
		final String model = waveletStartModel("vnc").params().toString();
		{
			final FloatVolume own, calibrated, fromFile;
			try (VarNetRecon recon = new VarNetRecon(model, 1, "rss")) {
				try (PreparedReconstruction p = recon.prepare(VolumeDescription.of(k), Progress.NONE)) {
					own = p.reconstructWhole(k, Progress.NONE);
				}
				try (PreparedReconstruction p = recon.prepare(withScan, Progress.NONE)) {
					calibrated = p.reconstructWhole(k, Progress.NONE);
				}
			}
			try (VarNetRecon recon = new VarNetRecon(model, 1, mapsFile.toString());
				PreparedReconstruction p = recon.prepare(VolumeDescription.of(k), Progress.NONE))
			{
				fromFile = p.reconstructWhole(k, Progress.NONE);
			}
			double moved = 0;
			for (int z = 0; z < 2; z++) {
				assertArrayEquals(fromFile.slice(z), calibrated.slice(z), 1e-6f * (float) fromFile.max(), model +
					" slice " + z);
				for (int i = 0; i < own.slice(z).length; i++)
					moved = Math.max(moved, Math.abs(own.slice(z)[i] - calibrated.slice(z)[i]));
			}
			assertTrue(moved > 1e-3 * own.max(), model + ": the calibration scan's maps change the image: " + moved);
		}
	}

	@Test
	void singleCoilWorksAndOutputIsCroppedToTheReference() {
		final KSpace k = phantom(1, 40, 32, 1).undersample(new RandomMask(4, 0.15).sample(40, 32, 3));
		final KSpace cropped = new KSpace(k.data(), k.mask(), new AcquisitionInfo("t", 24, 20, Map.of(), null, 0, 0));
		try (VarNetRecon recon = new VarNetRecon(tinyModel(), 1, "")) {
			final FloatVolume out = recon.reconstruct(cropped, Progress.NONE);
			assertEquals(24, out.width());
			assertEquals(20, out.height());
			assertTrue(out.max() > 0);
		}
	}

	/**
	 * Inference brings the background to the measured level ({@link BackgroundLevel}): a model's floor acts where the
	 * measured columns show an empty background (the phantom without noise) and steps aside where they show noise
	 * (1 % of the maximum against a floor of 2 %); there the empty rows are raised to the fully sampled scan's noise.
	 */
	@Test
	void theModelsBackgroundLevelFollowsWhatTheDataShow() {
		// the head in rows 4-27, the rest empty
		final float[] brain = new float[40 * 32];
		System.arraycopy(Phantoms.brain(40, 24).slice(0), 0, brain, 4 * 40, 40 * 24);
		final RandomMask mask = new RandomMask(4, 0.15);
		for (final double noise : new double[] { 0, 0.01 }) {
			final KSpace full = KSpaceSimulator.simulate(new FloatVolume(40, 32, new float[][] { brain }),
				new SimulationConfig(1, true, noise, 1));
			final KSpace k = full.undersample(mask.sample(40, 32, 3));
			try (VarNetRecon plain = new VarNetRecon(tinyModel("plain", null), 1, "");
				VarNetRecon floored = new VarNetRecon(tinyModel("floored", 0.02), 1, ""))
			{
				final float[] without = plain.reconstruct(k, Progress.NONE).slice(0);
				final float[] with = floored.reconstruct(k, Progress.NONE).slice(0);
				if (noise > 0) {
					assertArrayEquals(without, with, "noise turns the floor off");
					final float[] reference = ZeroFilledRecon.image(full, 1, Progress.NONE).slice(0);
					final double rms = emptyRowsRms(with), fullRms = emptyRowsRms(reference);
					assertEquals(fullRms, rms, 0.3 * fullRms, "the empty rows get the fully sampled scan's noise");
				}
				else {
					assertArrayEquals(BackgroundLevel.apply(without, 40, 0.02, new BackgroundLevel.Background(0, new int[0],
						false)), with, 1e-6f);
					int pulled = 0;
					for (int i = 0; i < with.length; i++)
						if (with[i] < 0.5 * without[i]) pulled++;
					assertTrue(pulled > 0, "some background values went below half");
				}
			}
		}
	}

	/** The RMS of rows 0-3 and 28-31 of a 40x32 image: the rows the test phantom leaves empty. */
	private static double emptyRowsRms(final float[] image) {
		double power = 0;
		int n = 0;
		for (final int y : new int[] { 0, 1, 2, 3, 28, 29, 30, 31 })
			for (int x = 0; x < 40; x++, n++)
				power += image[y * 40 + x] * image[y * 40 + x];
		return Math.sqrt(power / n);
	}

	@Test
	void aUNetModelOrTooManyCoilsAreRefusedWithOneLine() {
		final UNetArchitecture arch = new UNetArchitecture(4, 2, 2, true);
		final ModelFiles unet = ModelFiles.of(dir.resolve("unet"));
		try (UNetModel m = UNetModel.create(arch, 3, 1)) {
			m.save(unet, new ModelSidecar(ModelSidecar.FORMAT, 1, arch, ModelSidecar.NORMALISATION,
				new ModelSidecar.MaskFamily("random", 4, 0.08, 0.16), null, null, ""));
		}
		final KSpace k = phantom(2, 16, 16, 1);
		final AccelMRException e = assertThrows(AccelMRException.class, () -> new VarNetRecon(unet.params().toString(),
			1, "").reconstruct(k, Progress.NONE));
		assertTrue(e.getMessage().contains("is a U-Net"), e.getMessage());
		try (VarNetRecon recon = new VarNetRecon(tinyModel(), 1, "")) {
			final KSpace many = phantom(9, 16, 16, 1);
			assertEquals("k-space has 9 coils; this VarNet model accepts at most 8 (max_coils of its sidecar)",
				assertThrows(AccelMRException.class, () -> recon.reconstruct(many, Progress.NONE)).getMessage());
		}
	}

	/**
	 * adapt=N fine-tunes a copy of the weights per slice: the result differs from the model as it is, repeats
	 * exactly, does not depend on which other slices come with it (the splits are seeded by the slice's index in
	 * its file), and leaves the loaded model unchanged for the
	 * next volume. A model that starts from the TV solution adapts too (its splits get their own start images).
	 */
	@Test
	void adaptingToTheScanChangesTheImageRepeatablyAndRestoresTheModel() {
		final KSpace k = phantom(3, 36, 28, 2).undersample(new RandomMask(4, 0.15).sample(36, 28, 9));
		final String model = tinyModel();
		final FloatVolume plain, adapted, again, alone, after;
		try (VarNetRecon recon = new VarNetRecon(model, 1, "", 6)) {
			adapted = recon.reconstruct(k, Progress.NONE);
			again = recon.reconstruct(k, Progress.NONE);
			alone = recon.reconstruct(k.slice(0), Progress.NONE);
		}
		try (VarNetRecon recon = new VarNetRecon(model, 1, "")) {
			plain = recon.reconstruct(k, Progress.NONE);
		}
		try (VarNetRecon recon = new VarNetRecon(model, 1, "", 6)) {
			recon.reconstruct(k, Progress.NONE);
		}
		try (VarNetRecon recon = new VarNetRecon(model, 1, "")) {
			after = recon.reconstruct(k, Progress.NONE);
		}
		double change = 0;
		for (int i = 0; i < plain.slice(0).length; i++)
			change += Math.abs(adapted.slice(0)[i] - plain.slice(0)[i]);
		assertTrue(change / plain.slice(0).length > 1e-6 * plain.max(), "adapting changes the image: " + change);
		for (int z = 0; z < 2; z++) {
			assertArrayEquals(adapted.slice(z), again.slice(z), 0f, "slice " + z + " repeats");
			assertArrayEquals(plain.slice(z), after.slice(z), 0f, "the model file is not changed");
		}
		assertArrayEquals(adapted.slice(0), alone.slice(0), 1e-6f * (float) adapted.max(),
			"slice 0 adapts the same alone (splits are seeded by the absolute slice index)");
	}
}
