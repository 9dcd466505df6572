// Plugins > AccelMR > Train network, kept tiny so it runs in seconds (a real run: see models/README.md): a
// 14-slice synthetic stack as training data, a 4-channel network, one epoch of 2 steps; then the trained model
// reconstructs undersampled k-space. Running it again resumes from the checkpoint (resume=true).
// expects: tiny-unet.params
// expects: tiny-unet.json
// expects: tiny-unet.state.json
// expects: tiny-unet-recon.tif
dir = getArgument();
if (dir == "") exit("give an output folder holding kspace.npy: ./accelmr macro macros/train-unet.ijm output=DIR/");
data = dir + "training-data" + File.separator;
File.makeDirectory(data);
newImage("training stack", "32-bit black", 64, 64, 14);
for (z = 1; z <= 14; z++) {
	setSlice(z);
	setColor(0.5 + 0.03 * z);
	fillOval(8, 10, 48, 44);
	setColor(0.2);
	fillOval(24, 20, 12, 20);
}
saveAs("Tiff", data + "stack.tif");
close();
run("Train network", "data=[" + data + "] output=[" + dir + "tiny-unet] epochs=1 steps_per_epoch=2 batch_size=2 chans=4 pools=2 norm_groups=2 crop=32 val_slices=2 max_coils=2 val_fraction=0.2");
run("Open k-space...", "input=[" + dir + "kspace.npy]");
run("Undersample k-space", "mask=random acceleration=4 center_fraction=0.08 seed=42");
run("Reconstruct", "method=unet model=[" + dir + "tiny-unet.params] threads=1");
saveAs("Tiff", dir + "tiny-unet-recon.tif");
