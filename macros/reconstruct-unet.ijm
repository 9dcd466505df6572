// Plugins > AccelMR > Reconstruct with the U-Net: the shipped model (model= empty) on R=4 random columns, the
// mask family it was trained for, next to zero-filled for comparison.
// expects: unet.tif
// expects: zero-filled.tif
dir = getArgument();
if (dir == "") exit("give the folder holding kspace.npy: ./accelmr macro macros/reconstruct-unet.ijm output=DIR/");
run("Open k-space...", "input=[" + dir + "kspace.npy]");
run("Undersample k-space", "mask=random acceleration=4 center_fraction=0.08 seed=42");
under = getTitle();
run("Reconstruct", "method=unet threads=1");
saveAs("Tiff", dir + "unet.tif");
selectImage(under);
run("Reconstruct", "method=zero-filled");
saveAs("Tiff", dir + "zero-filled.tif");
