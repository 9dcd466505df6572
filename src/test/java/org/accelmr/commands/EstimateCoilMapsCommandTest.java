package org.accelmr.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.accelmr.AccelMRException;
import org.accelmr.cs.CoilMaps;
import org.accelmr.cs.EspiritCalibration;
import org.accelmr.imagej.CoilMapImage;
import org.accelmr.imagej.ImgVolumes;
import org.accelmr.imagej.KSpaceImage;
import org.accelmr.imagej.PixelSize;
import org.accelmr.imagej.ReconstructionImage;
import org.accelmr.io.KSpaceFiles;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.mask.SamplingMask;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.Phantoms;
import org.accelmr.sim.SimulationConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.object.ObjectService;

/**
 * Estimate coil sensitivities (ESPIRiT) through SciJava's CommandService: the maps equal the core's per slice,
 * the image shows their magnitude and keeps them, and Reconstruct's {@code coil_maps=[coil maps]} finds them.
 */
class EstimateCoilMapsCommandTest {

	private static Context context;
	private static ByteArrayOutputStream log;
	private static CommandService commands;

	@BeforeAll
	static void startSciJava() {
		context = new Context(CommandService.class, ObjectService.class);
		commands = context.service(CommandService.class);
		log = CommandInputs.captureLog(context);
	}

	@AfterAll
	static void stopSciJava() {
		context.dispose();
	}

	private static CommandModule run(final Class<? extends Command> command, final Object... keyValues)
		throws Exception
	{
		return CommandInputs.run(commands, command, keyValues);
	}

	/** Two slices, four coils, 40x32, R=3 random columns with a 12-column centre. */
	private static KSpace undersampled() {
		final FloatVolume brain = Phantoms.brain(40, 32);
		final FloatVolume two = new FloatVolume(40, 32, new float[][] { brain.slice(0), brain.slice(0).clone() });
		for (int i = 0; i < 40 * 32; i++)
			two.slice(1)[i] *= 0.5f + (i % 40) / 80f; // a different second slice
		final KSpace full = KSpaceSimulator.simulate(two, new SimulationConfig(4, true, 0, 3));
		final SamplingMask mask = Masks.create("random", 3, 0.3, 0).sample(40, 32, 7);
		return full.undersample(mask);
	}

	@Test
	void mapsEqualTheCorePerSliceAndTheImageShowsTheirMagnitude() throws Exception {
		final KSpace k = undersampled();
		final CommandModule module = run(EstimateCoilMapsCommand.class, "input", KSpaceImage.of(k), "calibration", 16,
			"kernel", 5, "threshold", 0.002, "crop", 0.7, "threads", 2);
		assertFalse(module.isCanceled(), module.getCancelReason());
		final CoilMapImage image = CoilMapImage.find(module.getOutput("maps")).orElseThrow();
		final ComplexStack maps = image.maps();
		assertEquals(2, maps.slices());
		assertEquals(4, maps.coils());
		final EspiritCalibration config = new EspiritCalibration(5, 16, 0.002, 0.7, false);
		@SuppressWarnings("unchecked")
		final FloatVolume shown = ImgVolumes.toVolume((Img<FloatType>) module.getOutput("maps"), "maps");
		assertEquals(8, shown.depth());
		for (int s = 0; s < 2; s++) {
			final CoilMaps expected = config.estimate(k.data().slice(s), k.mask());
			for (int c = 0; c < 4; c++) {
				final float[] plane = maps.plane(s, c);
				for (int i = 0; i < 40 * 32; i++) {
					final int j = 2 * (c * 40 * 32 + i);
					assertEquals(expected.maps()[j], plane[2 * i], 0f);
					assertEquals(expected.maps()[j + 1], plane[2 * i + 1], 0f);
					assertEquals(Math.hypot(plane[2 * i], plane[2 * i + 1]), shown.slice(s * 4 + c)[i], 1e-6);
				}
			}
		}
		// unit norm over coils inside the object, zero where cropped: what makes it usable by SENSE
		double sum = 0;
		for (int c = 0; c < 4; c++)
			sum += Math.pow(shown.slice(c)[16 * 40 + 20], 2);
		assertEquals(1, sum, 1e-4);
	}

	@Test
	void reconstructFindsTheMapsByTheirTitleAndHandsOverTheComplexValues() throws Exception {
		final KSpace k = undersampled();
		final CommandModule module = run(EstimateCoilMapsCommand.class, "input", KSpaceImage.of(k), "threads", 1);
		final CoilMapImage image = CoilMapImage.find(module.getOutput("maps")).orElseThrow();
		final ObjectService objects = context.service(ObjectService.class);
		assertEquals(Optional.of(image), CoilMapImage.titled(EstimateCoilMapsCommand.TITLE, objects));
		// a second run replaces the first under the same title instead of piling up
		run(EstimateCoilMapsCommand.class, "input", KSpaceImage.of(k), "threads", 1);
		assertEquals(1, objects.getObjects(CoilMapImage.class).size());
		final CoilMapImage latest = objects.getObjects(CoilMapImage.class).get(0);

		final Path handedOver;
		try (CoilMapsSetting setting = CoilMapsSetting.of(EstimateCoilMapsCommand.TITLE, objects)) {
			handedOver = Path.of(setting.value());
			final ComplexStack read = KSpaceFiles.read(handedOver).data();
			assertEquals(2, read.slices());
			assertEquals(4, read.coils());
			assertEquals(latest.maps().plane(1, 3)[2 * (16 * 40 + 20) + 1], read.plane(1, 3)[2 * (16 * 40 + 20) + 1],
				0f);
		}
		assertFalse(Files.exists(handedOver), "the temporary maps file is deleted after the reconstruction");
		try (CoilMapsSetting setting = CoilMapsSetting.of("espirit", objects)) {
			assertEquals("espirit", setting.value());
		}
		final AccelMRException unknown = assertThrows(AccelMRException.class, () -> CoilMapsSetting.of("no such maps",
			objects));
		assertTrue(unknown.getMessage().startsWith("coil_maps: 'no such maps' is not espirit, rss"), unknown
			.getMessage());
	}

	@Test
	void badCalibrationCancelsWithTheCoreMessage() throws Exception {
		final KSpaceImage k = KSpaceImage.of(undersampled());
		final CommandModule kernel = run(EstimateCoilMapsCommand.class, "input", k, "calibration", 4, "kernel", 6);
		assertTrue(kernel.isCanceled());
		assertEquals("ESPIRiT calibration size 4 must be at least the kernel size 6", kernel.getCancelReason());
		final CommandModule crop = run(EstimateCoilMapsCommand.class, "input", k, "crop", 1.0);
		assertEquals("ESPIRiT crop must be in [0, 1), got 1.0", crop.getCancelReason());
		final CommandModule notKSpace = run(EstimateCoilMapsCommand.class, "input", Phantoms.brain(24, 20).asImg());
		assertTrue(notKSpace.getCancelReason().startsWith("input: the image is not k-space"));
	}

	@Test
	void reconstructionsCarryThePixelSizeOfTheFile() throws Exception {
		final KSpace k = undersampled();
		final KSpace withSize = new KSpace(k.data(), k.mask(), new AcquisitionInfo("scan.h5", 0, 0, Map.of(), null,
			0.5, 0.75));
		final CommandModule recon = run(ReconstructCommand.class, "input", KSpaceImage.of(withSize), "threads", 1);
		assertEquals(new PixelSize(0.5, 0.75), ReconstructionImage.pixelSizeOf(recon.getOutput("reconstruction")));
		final CommandModule unknown = run(ReconstructCommand.class, "input", KSpaceImage.of(k), "threads", 1);
		assertEquals(PixelSize.UNKNOWN, ReconstructionImage.pixelSizeOf(unknown.getOutput("reconstruction")));

		final ij.ImagePlus imp = new ij.ImagePlus("r", new ij.process.FloatProcessor(4, 4));
		new PixelSize(0.5, 0.75).applyTo(imp);
		assertEquals(0.5, imp.getCalibration().pixelWidth, 0);
		assertEquals(0.75, imp.getCalibration().pixelHeight, 0);
		assertEquals("mm", imp.getCalibration().getUnit());
	}
}
