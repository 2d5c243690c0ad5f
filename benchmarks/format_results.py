"""Formats the JSON lines of benchmarks/compare_pytorch.sh as benchmarks/RESULTS.md.

usage: format_results.py RESULTS_DIR STEPS WARMUP THREADS, where RESULTS_DIR contains
atsbench-environment.jsonl, atsbench-unset.jsonl and pytorch.jsonl, one line per model.
"""
import datetime
import json
import os
import platform
import subprocess
import sys

directory, steps, warmup, threads = sys.argv[1:5]


def load(name):
    with open(os.path.join(directory, name)) as lines:
        return {row["model"]: row for row in map(json.loads, filter(str.strip, lines))}


environment = load("atsbench-environment.jsonl")
unset = load("atsbench-unset.jsonl")
pytorch = load("pytorch.jsonl")
cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
           "unknown")
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
first = next(iter(environment.values()))
first_unset = next(iter(unset.values()))
torch_version = next(iter(pytorch.values()))["torch_version"]

print("# Training throughput: atsbench against PyTorch")
print()
print(f"Measured {datetime.date.today().isoformat()} on {cpu}, {os.cpu_count()} cores, "
      f"{platform.system()} {platform.release()}; {swift}; commit {commit}; PyTorch {torch_version} (PyPI wheel, CPU).")
print()
print(f"Command: `benchmarks/compare_pytorch.sh {steps}`. One training step is forward, cross-entropy,")
print("backward and SGD (momentum 0.9, weight decay 5e-4) at batch 128 on random 3x32x32 images with")
print(f"100 classes, median of {steps} steps after {warmup} warm-up steps, {threads} threads (atsbench")
print("`--threads 2`, PyTorch `torch.set_num_threads(2)`), one process per row. The distillation row adds")
print("the ResNet110 teacher's eval forward (PyTorch under `no_grad`) before each VGG8 step; both leave")
print("out the KD loss, which costs O(N x classes). Peak memory is the process's maximum resident set.")
print()
print(f"- environment: OpenBLAS as this environment configures it, core {first['openblas_core']}, "
      f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}, "
      f"OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE', '(unset)')}.")
print(f"- unset: the same command under `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE`, core "
      f"{first_unset['openblas_core']}.")
print()
print("| model | atsbench images/s (environment) | atsbench images/s (unset) | PyTorch images/s "
      "| ratio (environment) | ratio (unset) | atsbench effective GFLOP/s (environment) "
      "| atsbench peak MB | PyTorch peak MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for model, row in environment.items():
    peer = pytorch[model]
    other = unset[model]
    print(f"| {model} | {row['images_per_second']:.1f} | {other['images_per_second']:.1f} "
          f"| {peer['images_per_second']:.1f} | {row['images_per_second'] / peer['images_per_second']:.2f} "
          f"| {other['images_per_second'] / peer['images_per_second']:.2f} "
          f"| {row['effective_gflops']:.1f} | {row['peak_rss_mb']:.0f} | {peer['peak_rss_mb']:.0f} |")
print()
print("Ratio is atsbench images/s over PyTorch images/s; above 1 means atsbench is faster.")
