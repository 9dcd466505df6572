#!/usr/bin/python3
"""Makes the tiny fastMRI training-layout files the batch tests reconstruct.

Run from the project root:  /usr/bin/python3 src/test/python/make_batch_fixtures.py
Output: src/test/resources/batch/. Each file holds fully sampled k-space of a smooth test object and the
reference the fastMRI dataset ships with it: the root-sum-of-squares of the centred orthonormal inverse FFT
(numpy fftshift(ifft2(ifftshift(k), norm="ortho"))), centre-cropped to 12x12 as fastMRI's center_crop.
  volume_a.h5  multi-coil  kspace (3, 2, 16, 12), reconstruction_rss (3, 12, 12)
  volume_b.h5  single-coil kspace (2, 16, 12),    reconstruction_esc (2, 12, 12)
"""
import os
import numpy as np
import h5py

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "batch")
H, W, CROP = 16, 12, 12


def image(s):
    """A smooth object that changes from slice to slice: a Gaussian blob on a tilted plateau."""
    y, x = np.mgrid[0:H, 0:W].astype(np.float64)
    blob = np.exp(-((x - 5.5 - s) ** 2 / 8.0 + (y - 7.5) ** 2 / 14.0))
    plateau = ((np.abs(x - 5.5) < 4) & (np.abs(y - 7.5) < 6)) * (0.4 + 0.03 * x + 0.02 * y)
    return blob + plateau


def coils(n):
    """Linear-ramp magnitude sensitivities with a slow phase, one per coil."""
    y, x = np.mgrid[0:H, 0:W].astype(np.float64)
    maps = []
    for c in range(n):
        ramp = 0.6 + 0.4 * (x / (W - 1) if c % 2 == 0 else 1 - y / (H - 1))
        maps.append(ramp * np.exp(1j * (0.2 * c + 0.05 * x - 0.03 * y)))
    return np.array(maps)


def fft(img):
    return np.fft.fftshift(np.fft.fft2(np.fft.ifftshift(img, axes=(-2, -1)), norm="ortho"), axes=(-2, -1))


def ifft(k):
    return np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(k, axes=(-2, -1)), norm="ortho"), axes=(-2, -1))


def crop(v):
    y0, x0 = (H - CROP) // 2, (W - CROP) // 2
    return v[..., y0:y0 + CROP, x0:x0 + CROP]


def main():
    os.makedirs(OUT, exist_ok=True)
    maps = coils(2)
    ka = np.array([fft(image(s) * maps) for s in range(3)]).astype(np.complex64)
    rss = crop(np.sqrt((np.abs(ifft(ka)) ** 2).sum(axis=1))).astype(np.float32)
    with h5py.File(os.path.join(OUT, "volume_a.h5"), "w") as f:
        f.create_dataset("kspace", data=ka)
        f.create_dataset("reconstruction_rss", data=rss)
        f.attrs["acquisition"] = "AXT2"
    kb = np.array([fft(image(s + 1) * np.exp(0.1j)) for s in range(2)]).astype(np.complex64)
    esc = crop(np.abs(ifft(kb))).astype(np.float32)
    with h5py.File(os.path.join(OUT, "volume_b.h5"), "w") as f:
        f.create_dataset("kspace", data=kb)
        f.create_dataset("reconstruction_esc", data=esc)
        f.attrs["acquisition"] = "CORPD_FBK"


if __name__ == "__main__":
    main()
