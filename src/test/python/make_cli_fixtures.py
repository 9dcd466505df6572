"""Expected outputs for the launcher tests (org.accelmr.cli), computed independently with numpy/skimage.

Run from the project root with Debian's interpreter (it has numpy, h5py, scikit-image):
    /usr/bin/python3 src/test/python/make_cli_fixtures.py
Reads the io fixtures (src/test/resources/io) and writes small files to src/test/resources/cli.
"""
import json
import os
from xml.etree import ElementTree

import h5py
import numpy as np
from skimage.metrics import structural_similarity

IO = "src/test/resources/io"
OUT = "src/test/resources/cli"
NS = "{http://www.ismrm.org/ISMRMRD}"


def ifft2c(k):
    """fastMRI's centred orthonormal inverse FFT over the last two axes."""
    return np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(k, axes=(-2, -1)), norm="ortho"), axes=(-2, -1))


def center_crop(x, h, w):
    top, left = (x.shape[-2] - h) // 2, (x.shape[-1] - w) // 2
    return x[..., top:top + h, left:left + w]


def zero_filled_rss(kspace, crop):
    image = ifft2c(kspace)
    rss = np.sqrt((np.abs(image) ** 2).sum(axis=1)) if kspace.ndim == 4 else np.abs(image)
    return center_crop(rss, *crop).astype(np.float32) if crop else rss.astype(np.float32)


def fastmri_metrics(gt, pred):
    nmse = np.linalg.norm(gt - pred) ** 2 / np.linalg.norm(gt) ** 2
    psnr = 10 * np.log10(gt.max() ** 2 / np.mean((gt - pred) ** 2))
    ssim = np.mean([structural_similarity(gt[s], pred[s], data_range=gt.max(), win_size=7) for s in range(len(gt))])
    return float(nmse), float(psnr), float(ssim)


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}
    # fully sampled multi-coil file with a 4x4 reference: recon is cropped to it
    with h5py.File(f"{IO}/multicoil.h5", "r") as f:
        ref = f["reconstruction_rss"][()]
        np.save(f"{OUT}/multicoil_zero_filled.npy", zero_filled_rss(f["kspace"][()], ref.shape[-2:]))
    # challenge file, already undersampled with a 1-D mask: reconstructed as it is, cropped to the header's
    # reconSpace matrix (x = columns, y = rows), as fastMRI crops test-set reconstructions
    with h5py.File(f"{IO}/challenge_mask1d.h5", "r") as f:
        recon = ElementTree.fromstring(f["ismrmrd_header"][()]).find(f"{NS}encoding/{NS}reconSpace/{NS}matrixSize")
        crop = (int(recon.find(f"{NS}y").text), int(recon.find(f"{NS}x").text))
        np.save(f"{OUT}/challenge_mask1d_zero_filled.npy", zero_filled_rss(f["kspace"][()], crop))

    # evaluate: a smooth 2-slice reference and a perturbed reconstruction, big enough for the 7x7 SSIM window
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:24, 0:20]
    base = np.exp(-((x - 10) ** 2 + (y - 12) ** 2) / 60.0)
    reference = np.stack([base, 0.6 * base + 0.2 * (x / 20.0)]).astype(np.float32)
    reconstruction = (reference + 0.03 * rng.standard_normal(reference.shape)).astype(np.float32)
    np.save(f"{OUT}/evaluate_reference.npy", reference)
    np.save(f"{OUT}/evaluate_reconstruction.npy", reconstruction)
    nmse, psnr, ssim = fastmri_metrics(reference.astype(np.float64), reconstruction.astype(np.float64))
    expected["evaluate"] = {"nmse": nmse, "psnr": psnr, "ssim": ssim}
    with open(f"{OUT}/expected.json", "w") as out:
        json.dump(expected, out, indent=1)


if __name__ == "__main__":
    main()
