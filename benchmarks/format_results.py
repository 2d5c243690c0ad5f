"""Formats the JSON lines of atsbench-benchmark as benchmarks/RESULTS.md."""
import datetime
import json
import os
import platform
import subprocess
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
steps = sys.argv[2]
cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "unknown")
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]

print("# Training throughput")
print()
print(f"Measured {datetime.date.today().isoformat()} on {cpu}, {os.cpu_count()} cores, "
      f"{platform.system()} {platform.release()}; {swift}; commit {commit}; "
      f"OpenBLAS core {rows[0]['openblas_core']}; OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}.")
print()
print(f"Command: `benchmarks/run.sh {steps}`. One training step is forward, cross-entropy, backward")
print("and SGD (momentum 0.9, weight decay 5e-4) at batch 128 on random 3x32x32 images with 100")
print(f"classes, median of {steps} steps after 3 warm-up steps, all cores. Effective GFLOP/s counts a")
print("step as 3 x 2 x forward multiply-accumulates x batch. Peak memory is the process's maximum")
print("resident set size.")
print()
print("| model | threads | images/s | median step (s) | effective GFLOP/s | peak memory (MB) |")
print("|---|---:|---:|---:|---:|---:|")
for row in rows:
    print(f"| {row['model']} | {row['threads']} | {row['images_per_second']:.1f} | {row['median_step_seconds']:.3f} "
          f"| {row['effective_gflops']:.1f} | {row['peak_rss_mb']:.0f} |")
