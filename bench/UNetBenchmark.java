// Quality and speed of method=unet against zero-filled and TV, as recorded in docs/benchmarks.md (U-Net section).
// Run from the project root after `mvn -o -q compile dependency:build-classpath -Dmdep.outputFile=cp.txt`:
//   java -Dai.djl.offline=true -cp target/classes:$(cat cp.txt) bench/UNetBenchmark.java MODEL THREADS [tv LAMBDA]
// Data: Debian mricron-data (Colin27 held-out slab as the training split defines it, inia19 macaque T1 as another
// subject), and, when present, the real 16-coil phantom scan and the 8-coil Shepp-Logan k-space of
// ../shared/peers/data (another folder with -Dpeers=DIR).
// Masks: fastMRI random columns, R=4, centre fraction 0.08 (0.16 at 128 columns), seed 42.

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.accelmr.io.KSpaceFiles;
import org.accelmr.io.NiftiImage;
import org.accelmr.io.NiftiReader;
import org.accelmr.kspace.AcquisitionInfo;
import org.accelmr.kspace.CenteredFFT;
import org.accelmr.kspace.ComplexStack;
import org.accelmr.kspace.FloatVolume;
import org.accelmr.kspace.KSpace;
import org.accelmr.mask.RandomMask;
import org.accelmr.mask.SamplingMask;
import org.accelmr.metrics.Metrics;
import org.accelmr.progress.Progress;
import org.accelmr.recon.ReconstructionSettings;
import org.accelmr.recon.Reconstructor;
import org.accelmr.recon.TotalVariationRecon;
import org.accelmr.recon.UNetRecon;
import org.accelmr.recon.ZeroFilledRecon;
import org.accelmr.sim.KSpaceSimulator;
import org.accelmr.sim.SimulationConfig;
import org.accelmr.train.SliceImage;
import org.accelmr.train.TrainingData;

public class UNetBenchmark {

	static String model;
	static int threads;
	static Double lambda;

	public static void main(final String[] a) {
		model = a[0];
		threads = Integer.parseInt(a[1]);
		lambda = a.length > 3 && a[2].equals("tv") ? Double.valueOf(a[3]) : null;
		final Path colin = Path.of("/usr/share/mricron/templates/ch2.nii.gz");
		final List<SliceImage> heldOut = TrainingData.load(colin, 0.1, 42, 32, 100, Progress.NONE).validation();
		final List<float[]> slab = new ArrayList<>();
		for (int i = 0; i < heldOut.size(); i += 3)
			slab.add(pad(heldOut.get(i).pixels(), heldOut.get(i).width(), heldOut.get(i).height(), 256));
		run("Colin27 held-out slab, 1 coil, 256^2", fromImages(slab, 256));
		run("Colin27 held-out slab, 8 coils, 1% noise", KSpaceSimulator.simulate(new FloatVolume(256, 256, slab
			.toArray(new float[0][])), new SimulationConfig(8, true, 0.01, 3)));
		final FloatVolume inia = NiftiReader.read(Path.of("/usr/share/mricron/templates/inia19-t1-brain.nii.gz"))
			.slices(NiftiImage.SliceAxis.Z);
		final int side = (Math.max(inia.width(), inia.height()) + 63) / 64 * 64;
		final List<float[]> other = new ArrayList<>();
		for (int z = inia.depth() / 2 - 10; z <= inia.depth() / 2 + 10; z += 5)
			other.add(pad(inia.slice(z), inia.width(), inia.height(), side));
		run("inia19 macaque T1 (other subject), 1 coil", fromImages(other, side));
		final Path peers = Path.of(System.getProperty("peers", "../shared/peers/data"));
		if (Files.isDirectory(peers)) {
			run("real phantom scan, 16 coils, 128^2", KSpaceFiles.read(peers.resolve("real/pulseq_phantom_16ch.npy")));
			run("Shepp-Logan, 8 coils, 256^2", KSpaceFiles.read(peers.resolve("ksp8.npy")));
		}
	}

	static void run(final String name, final KSpace full) {
		final int w = full.data().width(), h = full.data().height();
		final FloatVolume target = new ZeroFilledRecon(1).reconstruct(full, Progress.NONE);
		final SamplingMask mask = new RandomMask(4, w <= 128 ? 0.16 : 0.08).sample(w, h, 42);
		final KSpace under = full.undersample(mask);
		final Map<String, Reconstructor> methods = new LinkedHashMap<>();
		methods.put("zero-filled", new ZeroFilledRecon(1));
		if (lambda != null) methods.put("tv " + lambda, new TotalVariationRecon(new ReconstructionSettings("tv",
			lambda, 200, "espirit", "", threads)));
		methods.put("unet", new UNetRecon(model, threads, UNetRecon.Consistency.OFF, "espirit"));
		methods.put("unet+dc", new UNetRecon(model, threads, UNetRecon.Consistency.ALWAYS, "espirit"));
		final StringBuilder line = new StringBuilder(String.format("| %s | %.2f |", name, mask.acceleration()));
		for (final Map.Entry<String, Reconstructor> e : methods.entrySet()) {
			final FloatVolume r = e.getValue().reconstruct(under, Progress.NONE);
			double ssim = 0, psnr = 0;
			for (int z = 0; z < target.depth(); z++) {
				final FloatVolume t = new FloatVolume(w, h, new float[][] { target.slice(z) });
				final FloatVolume x = new FloatVolume(w, h, new float[][] { r.slice(z) });
				ssim += Metrics.ssim(t, x, t.max()) / target.depth();
				psnr += Metrics.psnr(t, x, t.max()) / target.depth();
			}
			line.append(String.format(" %s %.4f / %.2f |", e.getKey(), ssim, psnr));
		}
		System.out.println(line);
	}

	static KSpace fromImages(final List<float[]> images, final int side) {
		final ComplexStack k = new ComplexStack(side, side, 1, images.size());
		for (int s = 0; s < images.size(); s++) {
			final float[] p = k.plane(s, 0), m = images.get(s);
			for (int i = 0; i < m.length; i++)
				p[2 * i] = m[i];
		}
		CenteredFFT.forward(k, 1);
		return new KSpace(k, null, AcquisitionInfo.of("benchmark"));
	}

	static float[] pad(final float[] src, final int w, final int h, final int side) {
		final float[] o = new float[side * side];
		final int x0 = (side - w) / 2, y0 = (side - h) / 2;
		for (int y = 0; y < h; y++)
			System.arraycopy(src, y * w, o, (y + y0) * side + x0, w);
		return o;
	}
}
