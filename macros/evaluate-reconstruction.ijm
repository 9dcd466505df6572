// Plugins > AccelMR > Evaluate reconstruction: NMSE, PSNR, SSIM (fastMRI definitions) into the Results table.
// expects: metrics.csv
dir = getArgument();
if (dir == "") exit("give the folder holding kspace.npy: ./accelmr macro macros/evaluate-reconstruction.ijm output=DIR/");
run("Open k-space...", "input=[" + dir + "kspace.npy]");
rename("full");
run("Reconstruct", "method=zero-filled");
rename("reference");
selectImage("full");
run("Undersample k-space", "mask=random acceleration=4 center_fraction=0.08 seed=42");
run("Reconstruct", "method=zero-filled");
rename("zero-filled");
run("Evaluate reconstruction", "reference=reference reconstruction=zero-filled");
print("PSNR " + getResult("PSNR", nResults - 1) + " dB, SSIM " + getResult("SSIM", nResults - 1));
saveAs("Results", dir + "metrics.csv");
