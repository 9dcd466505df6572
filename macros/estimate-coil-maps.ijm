// Plugins > AccelMR > Estimate coil sensitivities (ESPIRiT): coil maps of undersampled k-space, shown as their
// magnitude (one plane per slice and coil), then used by Reconstruct through the maps image's title.
// expects: coil-maps.tif tv-with-maps.tif
dir = getArgument();
if (dir == "") exit("give the folder holding kspace.npy: ./accelmr macro macros/estimate-coil-maps.ijm output=DIR/");
run("Open k-space...", "input=[" + dir + "kspace.npy]");
run("Undersample k-space", "mask=random acceleration=4 center_fraction=0.08 seed=42");
rename("undersampled");
run("Estimate coil sensitivities (ESPIRiT)", "calibration=24 kernel=6 threshold=0.001 crop=0.8");
print("maps: " + getTitle() + ", " + nSlices + " planes (slices x coils), " + getWidth() + "x" + getHeight());
saveAs("Tiff", dir + "coil-maps.tif");
rename("maps");
selectImage("undersampled");
run("Reconstruct", "method=tv iterations=30 coil_maps=maps");
saveAs("Tiff", dir + "tv-with-maps.tif");
