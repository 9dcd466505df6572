#!/usr/bin/python3
"""Reference values for the Java tests, computed independently with numpy and scikit-image.

Run from the project root with Debian's interpreter (it has numpy + scikit-image):
    /usr/bin/python3 src/test/python/make_reference_values.py
Writes small .npy inputs/outputs and .properties files with expected numbers under src/test/resources/.

- kspace/: centred orthonormal FFT, img = fftshift(ifft2(ifftshift(k), norm="ortho")) and the forward
  k = fftshift(fft2(ifftshift(img), norm="ortho")) over the last two axes, for several 2-D shapes and one
  2-slice x 2-coil stack, plus the root-sum-of-squares coil combination of that stack's images.
- metrics/: fastMRI evaluate.py NMSE / PSNR / SSIM on a 2 x 20 x 17 volume pair (SSIM via
  skimage.metrics.structural_similarity(win_size=7, data_range=maxval), averaged over slices).
"""
import os

import numpy as np
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources")
AXES = (-2, -1)


def ifft2c(k):
    return np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(k, axes=AXES), norm="ortho"), axes=AXES)


def fft2c(x):
    return np.fft.fftshift(np.fft.fft2(np.fft.ifftshift(x, axes=AXES), norm="ortho"), axes=AXES)


def complex_random(rng, shape):
    return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(np.complex64)


def save(path, array):
    """C order, as the Java reader expects (numpy FFT outputs can be Fortran-contiguous)."""
    np.save(path, np.ascontiguousarray(array))


def write_properties(path, values):
    with open(path, "w") as f:
        f.write("# written by src/test/python/make_reference_values.py\n")
        for key, value in values.items():
            f.write("%s=%.17g\n" % (key, value))


def fft_references(rng):
    out = os.path.join(ROOT, "kspace")
    os.makedirs(out, exist_ok=True)
    for h, w in [(3, 3), (4, 6), (10, 8), (7, 5)]:
        data = complex_random(rng, (h, w))
        save(os.path.join(out, "fft_in_%dx%d.npy" % (h, w)), data)
        x = data.astype(np.complex128)
        save(os.path.join(out, "ifft_out_%dx%d.npy" % (h, w)), ifft2c(x).astype(np.complex64))
        save(os.path.join(out, "fft_out_%dx%d.npy" % (h, w)), fft2c(x).astype(np.complex64))
    stack = complex_random(rng, (2, 2, 6, 5))  # slices x coils x H x W k-space
    save(os.path.join(out, "stack_kspace.npy"), stack)
    images = ifft2c(stack.astype(np.complex128))
    save(os.path.join(out, "stack_images.npy"), images.astype(np.complex64))
    save(os.path.join(out, "stack_rss.npy"), np.sqrt(np.sum(np.abs(images) ** 2, axis=1)).astype(np.float32))


def metric_references(rng):
    out = os.path.join(ROOT, "metrics")
    os.makedirs(out, exist_ok=True)
    yy, xx = np.mgrid[0:20, 0:17]
    target = np.stack([np.exp(-((xx - 8) ** 2 + (yy - 9) ** 2) / 40.0) * (1 + s) for s in range(2)])
    target = (target + 0.2 * rng.random(target.shape)).astype(np.float32)
    recon = (target + 0.1 * rng.standard_normal(target.shape)).astype(np.float32)
    save(os.path.join(out, "target.npy"), target)
    save(os.path.join(out, "recon.npy"), recon)
    gt, pred = target.astype(np.float64), recon.astype(np.float64)

    def ssim(maxval):
        return np.mean([structural_similarity(gt[s], pred[s], data_range=maxval, win_size=7)
                        for s in range(gt.shape[0])])

    write_properties(os.path.join(out, "expected.properties"), {
        "nmse": np.linalg.norm(gt - pred) ** 2 / np.linalg.norm(gt) ** 2,
        "psnr": peak_signal_noise_ratio(gt, pred, data_range=gt.max()),
        "ssim": ssim(gt.max()),
        "psnr_max3": peak_signal_noise_ratio(gt, pred, data_range=3.0),
        "ssim_max3": ssim(3.0),
        "ssim_identical": np.mean([structural_similarity(gt[s], gt[s], data_range=gt.max(), win_size=7)
                                   for s in range(2)]),
    })


if __name__ == "__main__":
    generator = np.random.default_rng(20240521)
    fft_references(generator)
    metric_references(generator)
