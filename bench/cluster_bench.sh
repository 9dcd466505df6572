#!/usr/bin/env bash
# Batch throughput on one machine: engine=local, engine=spark master=local[2], and a Spark standalone cluster of
# two one-core workers on 127.0.0.1, on the same folder of fastMRI-layout files (the built-in demo k-space, 4
# slices x 8 coils x 256x256, written N times with h5py). Prints a Markdown table for docs/cluster.md.
#   bench/cluster_bench.sh [FILES] [METHOD]      (defaults: 8 files, wavelet)
# Needs /usr/bin/python3 with numpy and h5py (Debian: python3-numpy python3-h5py).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
files="${1:-8}"
method="${2:-wavelet}"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do pkill -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

./accelmr simulate output="$work/k.npy" >/dev/null
mkdir -p "$work/in"
/usr/bin/python3 - "$work/k.npy" "$work/in" "$files" <<'PY'
import sys, numpy as np, h5py
k = np.load(sys.argv[1]).astype(np.complex64)          # (slices, coils, H, W)
img = np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(k, axes=(-2, -1)), norm="ortho"), axes=(-2, -1))
rss = np.sqrt((np.abs(img) ** 2).sum(axis=1)).astype(np.float32)
for i in range(int(sys.argv[3])):
    with h5py.File(f"{sys.argv[2]}/demo_{i:03d}.h5", "w") as f:
        f["kspace"] = k
        f["reconstruction_rss"] = rss
PY

timed() { # label, then the batch's extra keys
	local label="$1"; shift
	rm -rf "$work/out"
	local t0 t1
	t0=$(date +%s.%N)
	./accelmr batch input="$work/in" output="$work/out" method="$method" mask=random acceleration=4 threads=2 "$@" \
		> "$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
	t1=$(date +%s.%N)
	python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'| {sys.argv[3]} | {sys.argv[4]} | {s:.1f} | {60*int(sys.argv[4])/s:.1f} |')" \
		"$t0" "$t1" "$label" "$files"
}

echo "| engine | files | seconds (whole command) | files per minute |"
echo "|---|---|---|---|"
timed "engine=local, threads=2"
timed "engine=spark, master=local[2]" engine=spark "master=local[2]"

# a standalone cluster from the launcher's own jars (target/lib + target/spark-lib, made by the runs above)
jar="$(ls target/accelmr-*.jar | grep -v -e sources -e tests | head -1)"
cp="$(readlink -f "$jar"):$(readlink -f target/lib)/*:$(readlink -f target/spark-lib)/*"
opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
	--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
	--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
	--add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED)
mkdir -p "$work/spark-home/jars"
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
port=$((20000 + RANDOM % 20000))
java "${opens[@]}" -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
	--webui-port $((port + 1)) > "$work/master.log" 2>&1 & pids+=($!)
sleep 6
for w in 1 2; do
	java "${opens[@]}" -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g \
		--webui-port $((port + 1 + w)) --work-dir "$work/w$w" "spark://127.0.0.1:$port" > "$work/worker$w.log" 2>&1 &
	pids+=($!)
done
sleep 6
ACCELMR_JAVA_OPTS="-Dspark.executor.extraClassPath=$cp -Dspark.executor.memory=2g" \
	timed "standalone cluster, 2 workers x 1 core" engine=spark "master=spark://127.0.0.1:$port" threads=1

# Spark's fixed cost: one small file, local engine against local[2]
rm -rf "$work/in"/*; cp src/test/resources/batch/volume_b.h5 "$work/in/"
files=1 method=zero-filled
echo
echo "fixed cost (1 tiny file, zero-filled):"
timed "engine=local" 
timed "engine=spark, master=local[2]" engine=spark "master=local[2]"
