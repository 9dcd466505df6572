#!/usr/bin/env bash
# Issue 9's goals, measured with ./accelmr itself: every method at its defaults on fully sampled k-space files,
# retrospectively undersampled with fastMRI-style random columns at R=4 and R=8, scored against the fully sampled
# RSS by ./accelmr evaluate. Prints a Markdown table (PSNR dB / SSIM, seconds per run including JVM start).
#   bench/network_goals.sh FILE.npy|.cfl|.h5 [FILE ...]
# Environment: METHODS (default "zero-filled tv wavelet unet varnet"), RATES (default "4 8"),
#   CF4/CF8 centre fractions at R=4/R=8 (default 0.08/0.04, fastMRI's), THREADS (default 2), EXTRA (more keys).
# Data to try it on: the real 16-coil phantom scan in the peers' benchmark folder; a single-coil T1 slice of
# another subject, e.g. a slice of Debian mricron-data's inia19-t1-brain.nii.gz turned into k-space with numpy.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
methods="${METHODS:-zero-filled tv wavelet unet varnet}"
rates="${RATES:-4 8}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf '| file | R | %s |\n' "$(echo $methods | sed 's/ / | /g')"
printf '|---|---|%s\n' "$(for m in $methods; do printf -- '---|'; done)"
for file in "$@"; do
	for r in $rates; do
		cf="${CF4:-0.08}"; [ "$r" = 8 ] && cf="${CF8:-0.04}"
		row="| $(basename "$file") | $r |"
		for m in $methods; do
			start=$(date +%s.%N)
			if ./accelmr reconstruct input="$file" output="$work/$m.npy" method="$m" mask=random acceleration="$r" \
				center_fraction="$cf" seed=42 threads="${THREADS:-2}" ${EXTRA:-} > "$work/log" 2>&1; then
				end=$(date +%s.%N)
				scores=$(./accelmr evaluate reference="$file" reconstruction="$work/$m.npy" 2>&1 | awk '/PSNR/{p=$2} /SSIM/{s=$2} END{printf "%.2f / %.3f", p, s}')
				row="$row $scores ($(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b - a}') s) |"
			else
				row="$row failed: $(tail -1 "$work/log") |"
			fi
		done
		echo "$row"
	done
done
