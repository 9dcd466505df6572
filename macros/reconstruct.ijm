// Plugins > AccelMR > Reconstruct: zero-filled reconstruction of undersampled k-space.
// expects: reconstruction.tif
dir = getArgument();
if (dir == "") exit("give the folder holding kspace.npy: ./accelmr macro macros/reconstruct.ijm output=DIR/");
run("Open k-space...", "input=[" + dir + "kspace.npy]");
run("Undersample k-space", "mask=equispaced acceleration=4 center_fraction=0.08 seed=42");
run("Reconstruct", "method=zero-filled");
saveAs("Tiff", dir + "reconstruction.tif");
