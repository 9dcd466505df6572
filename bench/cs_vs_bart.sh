#!/bin/bash
# Compressed sensing, AccelMR vs BART side by side in one run: same k-space, same masks, 200 iterations,
# best PSNR over a lambda grid for TV and L1-wavelet, seconds per slice (BART 1 thread; ours 1 then 2 threads);
# then ours with its defaults (lambda=auto, default tolerance, our ESPIRiT included) against our best grid lambda,
# the seconds ours takes to reach BART's best 200-iteration PSNR, and PSNR-vs-seconds curves of both on the
# real 16-coil scan (docs/figures/cs_convergence_real.png; BART at -i 5..200, maps precomputed).
# Needs: apt-get install bart python3-numpy time; a built project (mvn -o test-compile).
# Data: the peer data set (PEERS=../shared/peers by default; phantom 1/8 coils, real 16-coil scan).
# Timing: median of 3 runs at the best λ (wall and CPU seconds; the CPU figure is steadier on a shared machine).
# usage: bench/cs_vs_bart.sh [OUTDIR]      env: ITERS=200 LAMBDAS="..." CASES="1:pd4 8:rnd4 ..." REPEATS=3 NOWRITE=1
#                                           METHODS="T W" (BART's letters: T = tv, W = wavelet)
# (NOWRITE=1 leaves docs alone; the tables stay in OUTDIR: cs_table.md, cs_defaults.md, cs_curves.txt)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEERS=${PEERS:-$ROOT/../../shared/peers}; [ -d "$PEERS" ] || PEERS=$ROOT/../shared/peers
OUT=${1:-$(mktemp -d)}
IT=${ITERS:-200}
REPEATS=${REPEATS:-3}
LAMBDAS=${LAMBDAS:-"0.0001 0.0002 0.0005 0.001 0.002 0.005 0.01 0.02 0.05 0.1"}
CASES=${CASES:-"1:rnd4 1:pd4 8:rnd4 8:pd4 real:rnd4 real:pd4"}
PY=/usr/bin/python3
M=$PEERS/metrics.py
mkdir -p "$OUT"; cd "$OUT"
export OMP_NUM_THREADS=1
# dependencies (skipped when OUT/lib exists, so a timed run can reuse them without starting Maven)
[ -d "$OUT/lib" ] || (cd "$ROOT" && mvn -B -q -o dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$OUT/lib" >/dev/null)
CP="$ROOT/target/classes:$ROOT/target/test-classes:$OUT/lib/*"
q() { "$@" >/dev/null 2>&1; }

# inputs as .npy (phantoms from the peer set, real scan + 128 masks made like bart_baseline.sh) and raw float32
$PY - "$PEERS" <<'PYEOF'
import sys, numpy as np
D = sys.argv[1] + '/data/'
def raw(a, n): (a.astype(np.complex64) if np.iscomplexobj(a) else a.astype(np.float32)).tofile(n + '.f32')
for d in ['1', '8']:
    k = np.load(D + 'ksp%s.npy' % d); k = k[None] if k.ndim == 2 else k
    np.save('k%s.npy' % d, k); raw(k, 'k%s' % d); raw(np.abs(np.load(D + 'ref%s.npy' % d)), 'ref%s' % d)
for m in ['rnd4', 'rnd8', 'pd4', 'pd8']:
    a = np.abs(np.load(D + 'm256_%s.npy' % m)); np.save('m256_%s.npy' % m, a); raw(a, 'm256_%s' % m)
k = np.load(D + 'real/pulseq_phantom_16ch.npy'); np.save('kreal.npy', k); raw(k, 'kreal')
img = np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(k, axes=(-2, -1)), norm='ortho'), axes=(-2, -1))
raw(np.sqrt((np.abs(img) ** 2).sum(0)), 'refreal')
PYEOF
mkdir -p m128
$PY "$M" mask1d m128/rnd4 128 4 0.16 42; $PY "$M" npy m128/rnd4 m128_rnd4.npy
q bart poisson -Y 128 -Z 128 -y 1.8 -z 1.8 -C 16 -e -s 1 p; q bart transpose 0 2 p m128/pd4; $PY "$M" npy m128/pd4 m128_pd4.npy
$PY -c "import numpy as np; [np.save('m128_%s.npy' % m, np.abs(np.load('m128_%s.npy' % m)).reshape(128, 128)) for m in ('rnd4', 'pd4')]"
for m in rnd4 pd4; do $PY -c "import numpy as np; np.abs(np.load('m128_$m.npy')).astype(np.float32).tofile('m128_$m.f32')"; done

table=cs_table.md; curves=cs_curves.txt; : > $curves; defaults=cs_defaults.md
{ echo "| data | mask | method | BART λ | BART PSNR | ours λ | ours PSNR | ours SSIM | BART s (1 thr) | ours s (1 thr) | ours s (2 thr) | ours/BART (1 thr) | BART CPU s | ours CPU s |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"; } > $table
{ echo "| data | mask | method | ours best grid λ | its PSNR | auto λ | defaults PSNR | gap (dB) | iterations | defaults s (ESPIRiT incl.) | auto / typed λ | s to BART's PSNR | BART s | ratio |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"; } > $defaults
mkdir -p figure
psnr_of() { $PY -c "
import numpy as np, sys; sys.path.insert(0, '$(dirname "$M")'); import metrics as mt
r = np.abs(mt.readcfl('$1')).squeeze(); t = np.fromfile('$2.f32', np.float32).reshape(r.shape)
print('%.2f' % mt.psnr(t, r))" 2>/dev/null || echo -1; }
median3() { printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"; }
for case in $CASES; do
  d=${case%%:*}; m=${case##*:}
  case $d in 1) c=1 n=256;; 8) c=8 n=256;; real) c=16 n=128;; esac
  ref=ref$d
  # BART layout: k-space (H, W, 1, coils), mask (H, W)
  $PY -c "
import numpy as np, sys; sys.path.insert(0, '$(dirname "$M")'); import metrics as mt
k = np.load('k$d.npy'); m = np.abs(np.load('m${n}_$m.npy')).astype(np.complex64)
mt.writecfl('ku', (np.moveaxis(k, 0, -1) * m[:, :, None])[:, :, None, :])"
  # 1 coil -> ones, else ecalib -m1 (real scan: -c 0, as the peer baseline)
  if [ $c = 1 ]; then q bart ones 2 $n $n sens
  else q bart ecalib -m1 $([ $d = real ] && echo "-c 0") ku sens; fi
  crop=$([ $d = real ] && echo 0 || echo 0.8)
  for reg in ${METHODS:-T W}; do
    meth=$([ $reg = T ] && echo tv || echo wavelet)
    best=-1; line="BART $d $m $meth"
    for lam in $LAMBDAS; do
      /usr/bin/time -f "%e %U" -o t.txt bart pics -S -i $IT -R $reg:3:0:$lam ku sens rec >/dev/null 2>&1
      p=$(psnr_of rec $ref); line="$line $lam:$p"
      if $PY -c "import sys; sys.exit(not $p > $best)"; then best=$p; bl=$lam; fi
    done
    echo "$line" >> $curves
    # time at the best λ: median of 3 runs (wall, and user + system CPU)
    walls=(); cpus=()
    for r in $(seq "$REPEATS"); do
      /usr/bin/time -f "%e %U %S" -o t.txt bart pics -S -i $IT -R $reg:3:0:$bl ku sens rec >/dev/null 2>&1
      read w u k < t.txt; walls+=($w); cpus+=($($PY -c "print('%.2f' % ($u + $k))"))
    done
    bs=$(median3 "${walls[@]}"); bc=$(median3 "${cpus[@]}")
    read ol on op os o1 o2 oe oc al ap ai as ar at <<< "$(java -Xmx1g -Drepeats=$REPEATS -Dtarget=$best -Dcurve=figure/ours_${d}_${m}_$meth.txt \
      -cp "$CP" org.accelmr.cs.CsBenchmark k$d.f32 $c $n $n m${n}_$m.f32 $ref.f32 $meth "$LAMBDAS" $IT $crop 2> ours.txt)"
    gap=$($PY -c "print('%.2f' % (float('$op') - float('$ap')))"); rr=$($PY -c "import math; a = float('$ar'); print('-' if math.isnan(a) else '%.2f' % (a / $bs))")
    echo "| $d | $m | $meth | $ol | $op | $al | $ap | $gap | $ai | $as | $at | $ar | $bs | $rr |" | tee -a $defaults
    if [ $d = real ]; then # BART's PSNR against its own seconds at the best λ, maps precomputed
      : > figure/bart_${d}_${m}_$meth.txt
      for i in 5 10 20 50 100 200; do
        /usr/bin/time -f "%e" -o t.txt bart pics -S -i $i -R $reg:3:0:$bl ku sens rec >/dev/null 2>&1
        echo "$(cat t.txt) $(psnr_of rec $ref)" >> figure/bart_${d}_${m}_$meth.txt
      done
    fi
    echo "ours $d $m $meth $(awk '{printf "%s:%s ", $2, $4}' ours.txt)" >> $curves
    ratio=$($PY -c "print('%.2f' % ($o1 / $bs))")
    echo "| $d | $m | $meth | $bl | $best | $ol | $op | $os | $bs | $o1 | $o2 | $ratio | $bc | $oc |" | tee -a $table
  done
done
if [ -z "${NOWRITE:-}" ]; then
  doc=$ROOT/docs/benchmarks.md; mkdir -p "$(dirname "$doc")"; touch "$doc"
  tmp=$(mktemp "$doc.XXXX")
  awk '/^## Compressed sensing vs BART/{skip=1; next} /^## /{skip=0} !skip' "$doc" > "$tmp"
  { echo "## Compressed sensing vs BART"; echo; echo "bench/cs_vs_bart.sh, $(date -u +%F), BART $(bart version), $IT iterations, best PSNR over λ ∈ {$LAMBDAS}."
    echo "Seconds per slice: median of $REPEATS run(s) at the best λ (BART \`OMP_NUM_THREADS=1\`, ours threads=1, then 2); CPU = user + system seconds of BART's process, CPU seconds of our solving thread."; echo
    cat $table; echo; echo "PSNR (dB) per λ:"; echo; echo '```'; cat $curves; echo '```'; echo
    echo "### Defaults: automatic λ and convergence-based stopping"; echo
    echo "Ours with its defaults (\`lambda=auto\`, default tolerance, at most $IT iterations, our ESPIRiT included in the seconds) against our own best λ of the grid above at $IT iterations; seconds to first reach BART's best $IT-iteration PSNR (BART's column: $IT iterations at its best λ with its maps precomputed, 1 thread; '-': never reached). One run, medians of $REPEATS."; echo
    cat $defaults; echo; } >> "$tmp"
  mv "$tmp" "$doc"
  $PY - figure "$ROOT/docs/figures/cs_convergence_real.png" <<'PYEOF'
import sys, glob, os
import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
d, out = sys.argv[1], sys.argv[2]
fig, axes = plt.subplots(1, 4, figsize=(16, 4))
for ax, (m, meth) in zip(axes, [(m, t) for m in ('rnd4', 'pd4') for t in ('tv', 'wavelet')]):
    for who, style in (('ours', '-'), ('bart', 'o--')):
        f = '%s/%s_real_%s_%s.txt' % (d, who, m, meth)
        if not os.path.exists(f) or os.path.getsize(f) == 0: continue
        rows = [l.split() for l in open(f) if len(l.split()) == 2]
        ax.plot([float(r[0]) for r in rows], [float(r[1]) for r in rows], style,
                label='AccelMR (defaults, ESPIRiT incl.)' if who == 'ours' else 'BART pics (best λ, maps given)')
    ax.set_title('real 16-coil scan, %s, %s' % (m, meth)); ax.set_xlabel('seconds (1 thread)'); ax.set_ylabel('PSNR (dB)')
    ax.grid(alpha=.3); ax.legend(fontsize=8)
fig.tight_layout(); fig.savefig(out, dpi=110)
PYEOF
fi
echo "table: $OUT/$table"
