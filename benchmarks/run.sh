#!/usr/bin/env bash
# Times a training step (forward, cross-entropy, backward, SGD) at batch 128 on 3x32x32
# with 100 classes for VGG8, ResNet14 and ResNet110, one process per model, and prints one
# JSON line per model; benchmarks/compare_pytorch.sh writes benchmarks/RESULTS.md.
# Usage: benchmarks/run.sh [steps] (default 30 timed steps after 3 warm-up).
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-30}
swift build -c release --product atsbench-benchmark >/dev/null
for model in VGG8 ResNet14 ResNet110; do
  .build/release/atsbench-benchmark --model "$model" --steps "$steps" --warmup 3
done
