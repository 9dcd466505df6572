// The whole pipeline: open -> undersample -> reconstruct with every method -> evaluate -> comparison montage
// with error maps and metric labels.
// expects: pipeline-metrics.csv pipeline-montage.png
dir = getArgument();
if (dir == "") exit("give the folder holding kspace.npy: ./accelmr macro macros/pipeline.ijm output=DIR/");
run("Open k-space...", "input=[" + dir + "kspace.npy]");
rename("full");
run("Reconstruct", "method=zero-filled");
rename("reference");
selectImage("full");
run("Undersample k-space", "mask=random acceleration=4 center_fraction=0.08 seed=42");
rename("undersampled");
methods = split(call("org.accelmr.imagej.MacroFunctions.methods"), ",");
for (i = 0; i < methods.length; i++) {
	selectImage("undersampled");
	run("Reconstruct", "method=" + methods[i]);
	rename(methods[i]);
	run("Evaluate reconstruction", "reference=reference reconstruction=" + methods[i]);
	setResult("Method", nResults - 1, methods[i]);
}
updateResults();
saveAs("Results", dir + "pipeline-metrics.csv");
// comparison montage of the middle slice: reference and each method on top, mask and error maps below,
// each labelled with its PSNR and SSIM
selectImage("reference");
setSlice(floor(nSlices / 2) + 1);
montage = call("org.accelmr.imagej.MacroFunctions.montage", "reference", String.join(methods, ","), "sampling mask");
if (startsWith(montage, "error")) exit(montage);
saveAs("PNG", dir + "pipeline-montage.png");
