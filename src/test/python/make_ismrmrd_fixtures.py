#!/usr/bin/python3
"""Makes the small ISMRMRD files the ISMRMRD reader tests read, with Debian's ismrmrd-tools, and the results of an
independent numpy reading of them that the tests compare with.

Run from the project root:  /usr/bin/python3 src/test/python/make_ismrmrd_fixtures.py
Needs: apt-get install ismrmrd-tools python3-h5py python3-numpy.   Output: src/test/resources/io/ismrmrd/

  shepp_r2.h5        ismrmrd_generate_cartesian_shepp_logan -m 32 -c 4 -O 2 -a 2 -w 8 -C: 4 coils, readout
                     oversampling 2 (encoded 64 x 32, recon 32 x 32), acceleration 2 with 8 calibration lines
                     (flags 20/21), one noise acquisition, 2 repetitions (odd and even lines)
  shepp_r2_kspace.npy  numpy's reading of repetition 0's imaging lines: (coils, readout 64, phase encoding 32)
  shepp_r2_calib.npy   the same for the calibration lines (flags 20 and 21)
  shepp_full.h5      the same without acceleration (fully sampled, 1 repetition)
  shepp_full_rss.npy numpy's zero-filled root-sum-of-squares image cropped to the recon space (32 x 32), the
                     centred orthonormal FFT of fastMRI
  bad_*.h5           from a 16 x 16, 2-coil file: no XML header; an acquisition of 48 samples where the header
                     encodes 32; a radial trajectory; a noise acquisition of 1 channel

The generated files are stripped to /dataset/data and /dataset/xml (the generator also stores its phantom, coil
maps and coil images). By hand, the script also compares shepp_full.h5 with ismrmrd_recon_cartesian_2d's own
reconstruction (printed; its FFT is not orthonormal, so both are normalised to their maximum).
"""
import os
import subprocess
import tempfile
import numpy as np
import h5py

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "io", "ismrmrd")
NOISE, CALIB, CALIB_AND_IMAGING = 1 << 18, 1 << 19, 1 << 20


def generate(path, *args):
    subprocess.run(["ismrmrd_generate_cartesian_shepp_logan", "-o", path, *args], check=True,
                   stdout=subprocess.DEVNULL)


def strip(src, dst, edit=None, xml_edit=None, keep_xml=True):
    """Copies /dataset/data (edited by edit(array) -> array) and /dataset/xml into a new small file."""
    with h5py.File(src, "r") as f:
        data = f["/dataset/data"][...]
        xml = f["/dataset/xml"][0]
        dtype = f["/dataset/data"].dtype
    xml = xml.decode() if isinstance(xml, bytes) else xml
    if edit is not None:
        data = edit(data)
    if xml_edit is not None:
        xml = xml_edit(xml)
    with h5py.File(dst, "w") as f:
        g = f.create_group("dataset")
        g.create_dataset("data", data=data, dtype=dtype)
        if keep_xml:
            g.create_dataset("xml", data=[xml], dtype=h5py.string_dtype())


def numpy_reading(path, want):
    """k-space (coils, readout, phase encoding) of repetition 0's lines whose flags pass want(flags)."""
    with h5py.File(path, "r") as f:
        data = f["/dataset/data"][...]
    head = data["head"]
    ny = 32
    nx = int(head["number_of_samples"][1])
    nc = int(head["active_channels"][1])
    k = np.zeros((nc, nx, ny), np.complex64)
    for a in range(len(data)):
        flags = int(head["flags"][a])
        if flags & NOISE or head["idx"]["repetition"][a] != 0 or not want(flags):
            continue
        d = data["data"][a].view(np.complex64).reshape(nc, nx)
        k[:, :, head["idx"]["kspace_encode_step_1"][a]] = d
    return k


def rss_image(k, crop):
    img = np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(k, axes=(-2, -1)), norm="ortho"), axes=(-2, -1))
    rss = np.sqrt((np.abs(img) ** 2).sum(0))
    y0 = (rss.shape[0] - crop) // 2
    return rss[y0:y0 + crop].astype(np.float32)


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "r2.h5")
        generate(raw, "-m", "32", "-c", "4", "-O", "2", "-a", "2", "-w", "8", "-C")
        strip(raw, os.path.join(OUT, "shepp_r2.h5"))
        np.save(os.path.join(OUT, "shepp_r2_kspace.npy"), numpy_reading(raw, lambda f: not (f & CALIB)))
        np.save(os.path.join(OUT, "shepp_r2_calib.npy"), numpy_reading(raw, lambda f: bool(f & (CALIB | CALIB_AND_IMAGING))))

        full = os.path.join(tmp, "full.h5")
        generate(full, "-m", "32", "-c", "4", "-O", "2", "-C")
        strip(full, os.path.join(OUT, "shepp_full.h5"))
        k = numpy_reading(full, lambda f: True)
        rss = rss_image(k, 32)
        np.save(os.path.join(OUT, "shepp_full_rss.npy"), rss)
        subprocess.run(["ismrmrd_recon_cartesian_2d", full], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        with h5py.File(full, "r") as f:
            names = []
            f.visit(names.append)
            recon = [n for n in names if n.endswith("cpp/data")]
            if recon:
                theirs = np.abs(np.squeeze(f[recon[-1]][...]))
                mine = rss.T  # theirs is phase encoding x readout
                d = np.abs(theirs / theirs.max() - mine / mine.max()).max()
                print("ismrmrd_recon_cartesian_2d vs numpy RSS (%s): max abs difference of max-normalised "
                      "images %.2e" % (recon[-1], d))

        small = os.path.join(tmp, "small.h5")
        generate(small, "-m", "16", "-c", "2", "-O", "2", "-C")
        strip(small, os.path.join(OUT, "bad_no_xml.h5"), keep_xml=False)

        def more_samples(data):
            data = data.copy()
            a = 3
            data["head"]["number_of_samples"][a] = 48
            data["data"][a] = np.zeros(2 * 2 * 48, np.float32)
            return data
        strip(small, os.path.join(OUT, "bad_samples.h5"), edit=more_samples)
        strip(small, os.path.join(OUT, "bad_radial.h5"),
              xml_edit=lambda x: x.replace("<trajectory>cartesian</trajectory>", "<trajectory>radial</trajectory>"))

        def one_channel_noise(data):
            data = data.copy()
            n = int(np.nonzero(data["head"]["flags"] & NOISE)[0][0])
            ns = int(data["head"]["number_of_samples"][n])
            data["head"]["active_channels"][n] = 1
            data["data"][n] = data["data"][n][:2 * ns].copy()
            return data
        strip(small, os.path.join(OUT, "bad_noise_coils.h5"), edit=one_channel_noise)
    for name in sorted(os.listdir(OUT)):
        print(name, os.path.getsize(os.path.join(OUT, name)))


if __name__ == "__main__":
    main()
