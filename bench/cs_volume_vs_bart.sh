#!/bin/bash
# Issue 12's time goal on a whole volume: `./accelmr reconstruct` with its defaults (lambda=auto, tolerance,
# our ESPIRiT, JVM start included) against BART `pics` (200 iterations, its best λ, maps from `ecalib -m1`
# precomputed and not timed), both on 1 thread, on the same undersampled multi-slice k-space.
# usage: bench/cs_volume_vs_bart.sh [FULLY_SAMPLED.npy]
#   The input is fully sampled k-space (slices, coils, H, W); without one, 8 axial slices of Debian mricron-data's
#   ch2 (Colin27) are resized to SIZE² and turned into 16-coil k-space by `./accelmr simulate` (noise 0.002).
#   env: METHODS="tv wavelet" SIZE=192 R=4 CF=0.08 LAMBDAS="0.0005 0.001 0.002 0.005 0.01" (BART's λ grid, run
#   on the middle slice; the best is then timed on every slice) OUT=dir (kept; default a temporary one)
# Needs: apt-get install bart python3-numpy python3-scipy mricron-data time.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$(mktemp -d)}
PY=/usr/bin/python3
METHODS=${METHODS:-"tv wavelet"}
LAMBDAS=${LAMBDAS:-"0.0005 0.001 0.002 0.005 0.01"}
mkdir -p "$OUT"; cd "$OUT"
export OMP_NUM_THREADS=1
full=${1:-}
if [ -z "$full" ]; then
  $PY - "${SIZE:-192}" <<'PYEOF'
import gzip, struct, sys, numpy as np
from scipy.ndimage import zoom
size = int(sys.argv[1])
raw = gzip.open('/usr/share/mricron/templates/ch2.nii.gz').read()
dims = struct.unpack('<8h', raw[40:56]); code = struct.unpack('<h', raw[70:72])[0]
offset = int(struct.unpack('<f', raw[108:112])[0]); dtype = {2: np.uint8, 4: np.int16, 16: np.float32}[code]
n = dims[1] * dims[2] * dims[3]
v = np.frombuffer(raw[offset:offset + n * np.dtype(dtype).itemsize], dtype).reshape(dims[3], dims[2], dims[1])
slices = [zoom(s.astype(np.float32), (size / s.shape[0], size / s.shape[1]), order=1) for s in v[76:84]]
out = np.stack(slices).astype(np.float32); np.save('anatomy.npy', out / out.max())
PYEOF
  "$ROOT/accelmr" simulate input=anatomy.npy output=full.npy coils=16 noise=0.002 seed=7 >/dev/null
  full=$OUT/full.npy
fi
"$ROOT/accelmr" undersample input="$full" output=under.npy mask=random acceleration="${R:-4}" \
  center_fraction="${CF:-0.08}" seed=42 mask_output=mask.npy >/dev/null
# BART layout per slice: k-space (H, W, 1, coils); reference: RSS of the fully sampled coil images
$PY - "$full" <<'PYEOF'
import sys, numpy as np
def writecfl(name, a):
    with open(name + '.hdr', 'w') as f: f.write('# Dimensions\n' + ' '.join(map(str, a.shape)) + '\n')
    a.astype(np.complex64).ravel(order='F').tofile(name + '.cfl')
k = np.load('under.npy'); k = k[:, None] if k.ndim == 3 else k
for s in range(k.shape[0]): writecfl('ku%d' % s, np.moveaxis(k[s], 0, -1)[:, :, None, :])
PYEOF
slices=$($PY -c "import numpy as np; print(np.load('under.npy', mmap_mode='r').shape[0])")
for s in $(seq 0 $((slices - 1))); do bart ecalib -m1 ku$s sens$s >/dev/null 2>&1; done
psnr_bart() { # PSNR of BART's slices rec0..recN against the fully sampled reference, with accelmr evaluate
  $PY -c "
import numpy as np
def readcfl(n):
    d = [int(x) for x in open(n + '.hdr').read().split('\n')[1].split()]
    return np.fromfile(n + '.cfl', np.complex64).reshape(d, order='F')
np.save('bart.npy', np.stack([np.abs(readcfl('rec%d' % s)).squeeze() for s in range($1)]).astype(np.float32))"
  "$ROOT/accelmr" evaluate reference="$full" reconstruction=bart.npy 2>&1 | awk '/PSNR/{print $2}'
}
echo "| method | BART λ (middle slice grid) | BART PSNR | BART s ($slices slices) | ours λ (auto, per slice: range) | ours PSNR | ours s (defaults, ESPIRiT and JVM incl.) | ours / BART |"
echo "|---|---|---|---|---|---|---|---|"
mid=$((slices / 2))
for method in $METHODS; do
  reg=T; [ "$method" = wavelet ] && reg=W
  best=""; bestp=-1
  for l in $LAMBDAS; do
    bart pics -S -i 200 -R $reg:3:0:$l ku$mid sens$mid rec$mid >/dev/null 2>&1
    p=$($PY -c "
import numpy as np
def readcfl(n):
    d = [int(x) for x in open(n + '.hdr').read().split('\n')[1].split()]
    return np.fromfile(n + '.cfl', np.complex64).reshape(d, order='F')
k = np.load('$full', mmap_mode='r')[$mid]; k = k[None] if k.ndim == 2 else k
img = np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(k, axes=(-2, -1)), norm='ortho'), axes=(-2, -1))
ref = np.sqrt((abs(img) ** 2).sum(0)); r = abs(readcfl('rec$mid')).squeeze()
print(10 * np.log10(ref.max() ** 2 / ((ref - r) ** 2).mean()))")
    if $PY -c "import sys; sys.exit(0 if $p > $bestp else 1)"; then best=$l; bestp=$p; fi
  done
  start=$(date +%s.%N)
  for s in $(seq 0 $((slices - 1))); do bart pics -S -i 200 -R $reg:3:0:$best ku$s sens$s rec$s >/dev/null 2>&1; done
  bart_s=$($PY -c "import time; print('%.1f' % ($(date +%s.%N) - $start))")
  bart_psnr=$(psnr_bart $slices)
  start=$(date +%s.%N)
  "$ROOT/accelmr" reconstruct input=under.npy mask=mask.npy output=ours_$method.npy method=$method threads=1 > ours_$method.log 2>&1
  ours_s=$($PY -c "import time; print('%.1f' % ($(date +%s.%N) - $start))")
  ours_psnr=$("$ROOT/accelmr" evaluate reference="$full" reconstruction=ours_$method.npy 2>&1 | awk '/PSNR/{print $2}')
  lambda=$(grep -o 'λ [0-9.eE-]* (automatic' ours_$method.log | awk '{print $2}' | sort -g | sed -n '1p;$p' | paste -sd '-')
  echo "| $method | $best | $(printf %.2f $bart_psnr) | $bart_s | $lambda | $(printf %.2f $ours_psnr) | $ours_s | $($PY -c "print('%.2f' % ($ours_s / $bart_s))") |"
done
