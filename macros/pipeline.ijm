// The whole pipeline: open -> undersample -> reconstruct with every method -> evaluate -> labelled montage.
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
// montage of the middle slice: reference, then each method
selectImage("reference");
middle = floor(nSlices / 2) + 1;
setSlice(middle); run("Duplicate...", "title=[montage reference]");
for (i = 0; i < methods.length; i++) {
	selectImage(methods[i]); setSlice(middle); run("Duplicate...", "title=[montage " + methods[i] + "]");
}
run("Images to Stack", "name=montage title=montage use");
run("Make Montage...", "columns=" + (methods.length + 1) + " rows=1 scale=1 label");
saveAs("PNG", dir + "pipeline-montage.png");
