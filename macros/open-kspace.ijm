// Plugins > AccelMR > Open k-space...: a fastMRI .h5, BART .cfl or NumPy .npy file as log-magnitude k-space.
// Run headless: ./accelmr macro macros/open-kspace.ijm output=DIR/   (DIR holds kspace.npy; outputs go there)
// expects: kspace-logmag.tif
dir = getArgument();
if (dir == "") exit("give the folder holding kspace.npy: ./accelmr macro macros/open-kspace.ijm output=DIR/");
run("Open k-space...", "input=[" + dir + "kspace.npy]");
print("opened " + getTitle() + ": " + getWidth() + " x " + getHeight() + " x " + nSlices + " planes (slice x coil)");
saveAs("Tiff", dir + "kspace-logmag.tif");
