package org.accelmr.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.accelmr.AccelMRException;
import org.accelmr.TestResources;
import org.accelmr.io.ReconstructionFile;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.Masks;
import org.accelmr.progress.Progress;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.recon.PreparedReconstruction;
import org.accelmr.recon.Reconstructor;
import org.accelmr.recon.VolumeDescription;
import org.accelmr.recon.ZeroFilledRecon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReconstructionTest {

	@TempDir
	Path dir;

	private final BatchConfig config = BatchConfig.of(Path.of("in"), Path.of("out"), ReconstructionSettings.DEFAULTS)
		.withMask(Masks.create("equispaced", 3, 0.2, 0), 11);

	/** volume_a.h5: 3 slices of 2 coils x 16 x 12 complex64 = 3072 bytes each. */
	@Test
	void chunksOfSlicesGiveTheSameVolumeAsOneRead() {
		final Path input = TestResources.path("/batch/volume_a.h5");
		final List<Integer> chunks = new ArrayList<>();
		final FileResult whole = new FileReconstruction(config).run(input, dir.resolve("whole.h5"),
			new ZeroFilledRecon(1), Progress.NONE, n -> {});
		final FileResult sliced = new FileReconstruction(config, 2 * 3072).run(input, dir.resolve("sliced.h5"),
			new ZeroFilledRecon(1), Progress.NONE, chunks::add);
		assertEquals(List.of(2, 1), chunks);
		assertEquals(whole.nmse(), sliced.nmse(), 0);
		assertEquals(whole.ssim(), sliced.ssim(), 0);
		assertArrayEquals(ReconstructionFile.read(dir.resolve("whole.h5")).slice(2), ReconstructionFile.read(dir
			.resolve("sliced.h5")).slice(2), 0f);
	}

	@Test
	void aMethodThatReturnsNaNFailsTheFileAndWritesNothing() {
		final Reconstructor nan = new Reconstructor() {

			@Override
			public String name() {
				return "nan";
			}

			@Override
			public PreparedReconstruction prepare(final VolumeDescription volume, final Progress progress) {
				final PreparedReconstruction zeroFilled = new ZeroFilledRecon(1).prepare(volume, progress);
				return new PreparedReconstruction() {

					@Override
					public String name() {
						return "nan";
					}

					@Override
					public FloatVolume reconstruct(final KSpace chunk, final int firstSlice, final Progress p) {
						final FloatVolume v = zeroFilled.reconstruct(chunk, firstSlice, p);
						if (firstSlice + v.depth() == volume.slices()) v.slice(v.depth() - 1)[5] = Float.NaN;
						return v;
					}

					@Override
					public void close() {}
				};
			}
		};
		final Path output = dir.resolve("out.h5");
		final AccelMRException e = assertThrows(AccelMRException.class, () -> new FileReconstruction(config)
			.run(TestResources.path("/batch/volume_a.h5"), output, nan, Progress.NONE, n -> {}));
		assertTrue(e.getMessage().contains("slice 2"), e.getMessage());
		assertFalse(Files.exists(output));
	}
}
