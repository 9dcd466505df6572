#!/usr/bin/env python3
"""Axial slices of a NIfTI volume laid out as a scan's field of view has them: each slice cropped to the head,
resized (linear) to HEAD_ROWS x HEAD_COLS and placed in a ROWS x COLS matrix with empty rows above and below, as a
readout with margin leaves them. numpy only (the NIfTI-1 header is read by hand, gzip or not).

  bench/scan_like_volume.py VOLUME.nii[.gz] OUT.npy [FIRST LAST STEP]

Then k-space with coils and noise, e.g. for the multi-coil rows of docs/benchmarks.md (VarNet, session 16):
  bench/scan_like_volume.py /usr/share/mricron/templates/ch2.nii.gz slab.npy 88 103 2
  ./accelmr simulate input=slab.npy output=slab16.npy coils=16 noise=0.01 seed=7
"""
import gzip
import struct
import sys

import numpy as np

ROWS, COLS = 224, 192
HEAD_ROWS, HEAD_COLS = 176, 150
DTYPES = {2: np.uint8, 4: np.int16, 8: np.int32, 16: np.float32, 64: np.float64, 512: np.uint16}


def read_nifti(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    dim = struct.unpack("<8h", raw[40:56])
    datatype = struct.unpack("<h", raw[70:72])[0]
    offset = int(struct.unpack("<f", raw[108:112])[0])
    if datatype not in DTYPES:
        sys.exit(f"{path}: NIfTI datatype {datatype} not supported (expected one of {sorted(DTYPES)})")
    nx, ny, nz = dim[1], dim[2], dim[3]
    data = np.frombuffer(raw[offset:], dtype=DTYPES[datatype], count=nx * ny * nz)
    return data.reshape(nz, ny, nx).astype(np.float64)


def resize(image, rows, cols):
    yi = np.linspace(0, image.shape[0] - 1, rows)
    xi = np.linspace(0, image.shape[1] - 1, cols)
    across = np.array([np.interp(xi, np.arange(image.shape[1]), row) for row in image])
    return np.array([np.interp(yi, np.arange(image.shape[0]), col) for col in across.T]).T


def main():
    if len(sys.argv) not in (3, 6):
        sys.exit(__doc__)
    volume = read_nifti(sys.argv[1])
    first, last, step = (int(a) for a in sys.argv[3:6]) if len(sys.argv) == 6 else (0, volume.shape[0] - 1, 1)
    slices = []
    for z in range(first, last + 1, step):
        s = volume[z][::-1]
        ys, xs = np.nonzero(s > 0.02 * s.max())
        if len(ys) == 0:
            continue
        head = resize(s[ys.min():ys.max() + 1, xs.min():xs.max() + 1], HEAD_ROWS, HEAD_COLS)
        image = np.zeros((ROWS, COLS), np.float32)
        top, left = (ROWS - HEAD_ROWS) // 2, (COLS - HEAD_COLS) // 2
        image[top:top + HEAD_ROWS, left:left + HEAD_COLS] = head
        slices.append(image)
    if not slices:
        sys.exit(f"{sys.argv[1]}: no slice with signal between {first} and {last}")
    np.save(sys.argv[2], np.array(slices, np.float32))
    print(f"wrote {sys.argv[2]} ({len(slices)} x {ROWS} x {COLS})")


if __name__ == "__main__":
    main()
