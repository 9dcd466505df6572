// Plugins > AccelMR > Simulate k-space: the current image as magnitude, with smooth phase and 4 coils.
// expects: simulated-logmag.tif
dir = getArgument();
if (dir == "") exit("give an output folder: ./accelmr macro macros/simulate-kspace.ijm output=DIR/");
// a small drawn phantom, so the macro needs no file (any image ImageJ opens works the same)
newImage("phantom", "32-bit black", 96, 80, 1);
makeOval(12, 8, 72, 64); run("Set...", "value=1");
makeOval(30, 24, 16, 22); run("Set...", "value=0.4");
makeOval(54, 30, 12, 12); run("Set...", "value=0.7");
run("Select None");
run("Simulate k-space", "coils=4 phase=true noise=0 seed=42");
saveAs("Tiff", dir + "simulated-logmag.tif");
