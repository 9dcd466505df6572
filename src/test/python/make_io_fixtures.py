#!/usr/bin/python3
"""Makes the small files the io tests read: fastMRI-layout HDF5 (single-coil, multi-coil, challenge files with
1-D and 2-D masks, bad inputs), NumPy .npy in C and Fortran order and several dtypes, and a BART .cfl/.hdr pair.

Run from the project root:  /usr/bin/python3 src/test/python/make_io_fixtures.py
Output: src/test/resources/io/. Every sample value follows one formula so a test can recompute it and a transposed
axis shows up as a wrong number:
    value(s, c, y, x) = s*1000 + c*100 + y*10 + x + 0.25      (real part)
    imag              = -value / 2
(s slice, c coil, y row = numpy axis -2, x column = numpy axis -1). All are exact in float32. A 3-D array is
(coils, H, W) except the single-coil k-space, references and volumes, which are (slices, H, W).
"""
import os
import numpy as np
import h5py

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "io")
S, C, H, W = 2, 2, 8, 6


def values(shape):
    """The formula over a (S, C, H, W)-like shape; missing leading axes count as 0."""
    full = (1,) * (4 - len(shape)) + tuple(shape)
    s, c, y, x = np.meshgrid(*[np.arange(n) for n in full], indexing="ij")
    return (s * 1000 + c * 100 + y * 10 + x + 0.25).reshape(shape)


def per_slice(shape):
    """The formula over (slices, H, W): slice on the first axis, no coil axis."""
    return values((shape[0], 1) + tuple(shape[1:])).reshape(shape)


def complex_values(shape, slices_first=False):
    v = per_slice(shape) if slices_first else values(shape)
    return (v - 1j * v / 2).astype(np.complex64)


def header(recon_w, recon_h, fov_w, fov_h):
    """ISMRMRD's x is the readout, the rows (numpy axis -2, height); y the phase encoding, the columns (width)."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<ismrmrdHeader xmlns="http://www.ismrm.org/ISMRMRD">'
        "<encoding><encodedSpace><matrixSize><x>%d</x><y>%d</y><z>1</z></matrixSize>"
        "<fieldOfView_mm><x>%g</x><y>%g</y><z>4</z></fieldOfView_mm></encodedSpace>"
        "<reconSpace><matrixSize><x>%d</x><y>%d</y><z>1</z></matrixSize>"
        "<fieldOfView_mm><x>%g</x><y>%g</y><z>3</z></fieldOfView_mm></reconSpace></encoding>"
        "</ismrmrdHeader>" % (H, W, fov_h, 2 * fov_w, recon_h, recon_w, fov_h, fov_w)
    ).encode()


def h5(name, **datasets):
    attrs = datasets.pop("attrs", {})
    chunks = datasets.pop("chunks", None)
    with h5py.File(os.path.join(OUT, name), "w") as f:
        for key, data in datasets.items():
            if key == "ismrmrd_header":
                f.create_dataset(key, data=np.bytes_(data))
            elif key == "kspace" and chunks is not None:
                f.create_dataset(key, data=data, chunks=chunks)
            else:
                f.create_dataset(key, data=data)
        for k, v in attrs.items():
            f.attrs[k] = v


def main():
    os.makedirs(OUT, exist_ok=True)
    # fastMRI single-coil training file: kspace (S, H, W), both references, header with a 4x4 recon matrix
    h5("singlecoil.h5",
       kspace=complex_values((S, H, W), True),
       reconstruction_esc=(per_slice((S, 4, 4)) + 0.5).astype(np.float32),
       reconstruction_rss=per_slice((S, 4, 4)).astype(np.float32),
       ismrmrd_header=header(4, 4, 120.0, 100.0),
       attrs={"acquisition": "CORPD_FBK", "max": 123.5, "norm": 45.25, "patient_id": "abc123"})
    # fastMRI multi-coil training file, chunked per slice and coil: kspace (S, C, H, W), rss reference only
    h5("multicoil.h5",
       kspace=complex_values((S, C, H, W)), chunks=(1, 1, H, W),
       reconstruction_rss=per_slice((S, 4, 4)).astype(np.float32),
       attrs={"acquisition": "AXT2", "max": 7.5})
    # challenge (test) files: already undersampled, a mask, no reference; recon size only from the header
    mask1d = np.array([1, 0, 1, 1, 0, 1], dtype=bool)
    k = complex_values((S, C, H, W)) * mask1d
    h5("challenge_mask1d.h5", kspace=k, mask=mask1d, ismrmrd_header=header(4, 2, 160.0, 90.0),
       attrs={"acceleration": 4, "num_low_frequency": 2, "acquisition": "CORPD_FBK"})
    rng = np.random.default_rng(7)
    mask2d = rng.random((H, W)) < 0.5
    mask2d[H // 2, W // 2] = True
    h5("challenge_mask2d.h5", kspace=complex_values((S, H, W), True) * mask2d, mask=mask2d)
    np.save(os.path.join(OUT, "challenge_mask2d_expected.npy"), mask2d)
    # bad inputs
    h5("bad_float_kspace.h5", kspace=values((S, H, W)).astype(np.float32))
    h5("bad_no_kspace.h5", reconstruction_rss=per_slice((S, 4, 4)).astype(np.float32))
    h5("bad_rank_kspace.h5", kspace=complex_values((W,)))
    h5("bad_mask_size.h5", kspace=complex_values((S, H, W), True), mask=np.ones(W + 1, dtype=bool))
    nan = complex_values((S, C, H, W))
    nan[1, 0, 3, 2] = np.nan
    h5("bad_nan_kspace.h5", kspace=nan)
    # NumPy files: k-space (S, C, H, W) complex64 C order, (C, H, W) complex128 Fortran order, (H, W) float,
    # masks as bool and uint8
    np.save(os.path.join(OUT, "ksp_c8_C.npy"), complex_values((S, C, H, W)))
    np.save(os.path.join(OUT, "ksp_c16_F.npy"), np.asfortranarray(complex_values((C, H, W)).astype(np.complex128)))
    np.save(os.path.join(OUT, "vol_f8_F.npy"), np.asfortranarray(per_slice((S, H, W))))
    np.save(os.path.join(OUT, "img_f4_C.npy"), values((H, W)).astype(np.float32))
    np.save(os.path.join(OUT, "mask_b1.npy"), mask1d)
    np.save(os.path.join(OUT, "mask_u1_2d.npy"), mask2d.astype(np.uint8))
    # BART .cfl/.hdr of (C, H, W) k-space: cfl dims (H, W, 1, C), column-major, as BART's writecfl
    ksp = complex_values((C, H, W))
    cfl = np.transpose(ksp, (1, 2, 0))[:, :, None, :]
    with open(os.path.join(OUT, "ksp_bart.hdr"), "w") as f:
        f.write("# Dimensions\n" + " ".join(str(n) for n in cfl.shape) + "\n")
    np.asfortranarray(cfl).astype(np.complex64).ravel(order="F").tofile(os.path.join(OUT, "ksp_bart.cfl"))


if __name__ == "__main__":
    main()
