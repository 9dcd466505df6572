// Plugins > AccelMR > Undersample k-space: a seeded fastMRI random mask at R=4 (achieved R is logged).
// expects: undersampled-logmag.tif mask.tif
dir = getArgument();
if (dir == "") exit("give the folder holding kspace.npy: ./accelmr macro macros/undersample-kspace.ijm output=DIR/");
run("Open k-space...", "input=[" + dir + "kspace.npy]");
run("Undersample k-space", "mask=random acceleration=4 center_fraction=0.08 seed=42");
saveAs("Tiff", dir + "undersampled-logmag.tif");
selectImage("sampling mask");
saveAs("Tiff", dir + "mask.tif");
