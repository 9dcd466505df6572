#!/usr/bin/python3
"""Validation curve of a training run, from the lines `./accelmr train` prints (its log file).

    bench/plot_training.py LOG [LOG ...] --out docs/figures/varnet_validation.png [--labels A,B]

Plots validation SSIM and PSNR against training time for each log, with the zero-filled (and, for a VarNet that
starts from a compressed-sensing image, the start image's) scores as dashed lines, and prints a Markdown table of
the epochs (epoch, steps, minutes, slices/s, SSIM, PSNR). Needs python3-matplotlib (Debian).
"""
import argparse
import re
import sys

EPOCH = re.compile(r"epoch (\d+)/\d+ done: train loss ([\d.]+), validation SSIM ([\d.]+) PSNR ([\d.]+) dB "
                   r"\(zero-filled ([\d.]+) / ([\d.]+) dB(?:, start image SSIM ([\d.]+), PSNR ([\d.]+) dB)?\).*?, "
                   r"(?:(\d+)h)?(\d+)m(\d+)s elapsed")
STEP = re.compile(r"step (\d+)/\d+ loss [\d.]+, ([\d.]+) slices/s")


def parse(path):
    epochs, rate = [], None
    for line in open(path, encoding="utf-8", errors="replace"):
        m = STEP.search(line)
        if m:
            rate = float(m.group(2))
        m = EPOCH.search(line)
        if m:
            hours = int(m.group(9) or 0)
            minutes = 60 * hours + int(m.group(10)) + int(m.group(11)) / 60
            epochs.append(dict(epoch=int(m.group(1)), loss=float(m.group(2)), ssim=float(m.group(3)),
                               psnr=float(m.group(4)), zf_ssim=float(m.group(5)), zf_psnr=float(m.group(6)),
                               start_ssim=float(m.group(7)) if m.group(7) else None,
                               start_psnr=float(m.group(8)) if m.group(8) else None, minutes=minutes, rate=rate))
    return epochs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("logs", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--labels", default="")
    a = ap.parse_args()
    labels = a.labels.split(",") if a.labels else a.logs
    runs = [(label, parse(log)) for label, log in zip(labels, a.logs)]
    if not any(r for _, r in runs):
        sys.exit("no 'epoch N/M done' lines in " + ", ".join(a.logs))
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for (label, run), colour in zip(runs, ["C0", "C1", "C2", "C3"]):
        if not run:
            continue
        t = [e["minutes"] for e in run]
        for ax, key in zip(axes, ["ssim", "psnr"]):
            ax.plot(t, [e[key] for e in run], "o-", color=colour, label=label)
            ax.axhline(run[0]["zf_" + key], color=colour, ls=":", lw=1, label=label + ": zero-filled")
            if run[0]["start_" + key] is not None:
                ax.axhline(run[0]["start_" + key], color=colour, ls="--", lw=1, label=label + ": start image (CS)")
        print(f"\n{label}\n\n| epoch | minutes | slices/s | val SSIM | val PSNR dB |\n|---|---|---|---|---|")
        for e in run:
            print(f"| {e['epoch']} | {e['minutes']:.1f} | {e['rate'] or float('nan'):.2f} | {e['ssim']:.4f} | "
                  f"{e['psnr']:.2f} |")
    axes[0].set_ylabel("validation SSIM")
    axes[1].set_ylabel("validation PSNR (dB)")
    for ax in axes:
        ax.set_xlabel("training minutes")
        ax.grid(alpha=0.3)
    axes[1].legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(a.out, dpi=110)
    print("\nwrote " + a.out)


if __name__ == "__main__":
    main()
