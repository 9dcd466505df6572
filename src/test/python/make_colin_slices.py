#!/usr/bin/python3
"""Writes the built-in real-anatomy demo slices: src/main/resources/org/accelmr/sim/colin27_axial.u8.gz.

Source: the Colin27 T1 brain template "ch2.nii.gz" (Holmes et al., "Enhancement of MR images using registration
for signal averaging", J Comput Assist Tomogr 1998) as shipped by Debian's mricron-data package
(/usr/share/mricron/templates/ch2.nii.gz, BSD-3-Clause, Chris Rorden's MRIcron).
Install it with `apt-get install mricron-data`, then run with Debian's interpreter from the project root:
    /usr/bin/python3 src/test/python/make_colin_slices.py

Output: gzip of SLICES x 256 x 256 unsigned bytes, row-major (row 0 = anterior, column 0 = the template's voxel x = 0), axial slices at the voxel z indices below, the 181 x 217 plane centred in 256 x 256 at the
template's 1 mm spacing, intensities unchanged (0..255).
"""
import gzip
import os
import struct

import numpy as np

SOURCE = "/usr/share/mricron/templates/ch2.nii.gz"
SLICE_Z = (62, 78, 94, 110)  # inferior to superior, through ventricles and cortex
SIZE = 256
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "resources", "org", "accelmr",
                   "sim", "colin27_axial.u8.gz")


def read_nifti(path):
    raw = gzip.open(path).read()
    dims = struct.unpack("<8h", raw[40:56])
    datatype = struct.unpack("<h", raw[70:72])[0]
    offset = int(struct.unpack("<f", raw[108:112])[0])
    if datatype != 2 or dims[0] != 3:
        raise SystemExit("%s: expected a 3-D uint8 NIfTI, got datatype %d dims %s" % (path, datatype, dims))
    nx, ny, nz = dims[1:4]
    return np.frombuffer(raw[offset:offset + nx * ny * nz], dtype=np.uint8).reshape((nx, ny, nz), order="F")


def main():
    volume = read_nifti(SOURCE)
    slices = np.zeros((len(SLICE_Z), SIZE, SIZE), dtype=np.uint8)
    for i, z in enumerate(SLICE_Z):
        plane = volume[:, :, z].T[::-1, :]  # rows = y (anterior first), columns = x
        h, w = plane.shape
        y0, x0 = (SIZE - h) // 2, (SIZE - w) // 2
        slices[i, y0:y0 + h, x0:x0 + w] = plane
    tmp = OUT + ".tmp"
    with gzip.GzipFile(tmp, "wb", mtime=0) as f:
        f.write(slices.tobytes())
    os.replace(tmp, OUT)
    print("wrote %s (%d bytes)" % (OUT, os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
