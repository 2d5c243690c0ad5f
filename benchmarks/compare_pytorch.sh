#!/usr/bin/env bash
# Times atsbench and PyTorch training steps side by side and writes benchmarks/RESULTS.md.
#
# Models: VGG8, ResNet14, ResNet110, WRN28-1, and the distillation step (ResNet110 teacher
# eval forward, then a VGG8 training step). atsbench runs twice: with OpenBLAS as this
# environment configures it, and with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for that
# one command, as on a user's machine. PyTorch comes from PyPI into benchmarks/.venv; it is
# a benchmark peer only, never a dependency of atsbench.
#
# Usage: benchmarks/compare_pytorch.sh [steps] (default 30 timed steps after 3 warm-up steps).
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-30}
warmup=3
threads=2

if [[ ! -x benchmarks/.venv/bin/python ]]; then
  python3 -m venv benchmarks/.venv
fi
if ! benchmarks/.venv/bin/python -c "import torch, numpy" 2>/dev/null; then
  benchmarks/.venv/bin/pip install --quiet torch numpy
fi
swift build -c release --product atsbench-benchmark >/dev/null

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
configurations=("--model VGG8" "--model ResNet14" "--model ResNet110" "--model WRN28-1"
                "--model VGG8 --teacher ResNet110")
for configuration in "${configurations[@]}"; do
  # shellcheck disable=SC2086  # each configuration is a list of arguments
  common=($configuration --steps "$steps" --warmup "$warmup" --threads "$threads")
  .build/release/atsbench-benchmark "${common[@]}" | tee -a "$results/atsbench-environment.jsonl"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .build/release/atsbench-benchmark "${common[@]}" \
    | tee -a "$results/atsbench-unset.jsonl"
  benchmarks/.venv/bin/python -W ignore benchmarks/pytorch_step.py "${common[@]}" | tee -a "$results/pytorch.jsonl"
done

python3 benchmarks/format_results.py "$results" "$steps" "$warmup" "$threads" > benchmarks/RESULTS.md
echo "wrote benchmarks/RESULTS.md"
