#!/bin/sh
# Takes a screenshot of a report's index.html with headless Chromium, for review.
#
# Usage: scripts/screenshot-report.sh REPORT_DIR OUT.png [WIDTH [HEIGHT]]
#
# WIDTH and HEIGHT are the window size in CSS pixels (default 1280 x 9000). The image
# is cut at HEIGHT, so raise it for a long report. Needs Debian's chromium package
# (apt-get install -y chromium). The page loads from disk and Chromium's own background
# requests are switched off, so nothing goes to the network.
set -eu

if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT_DIR OUT.png [WIDTH [HEIGHT]]" >&2
    exit 2
fi
report_dir=$1
out=$2
width=${3:-1280}
height=${4:-9000}

case $width$height in
    *[!0-9]*)
        echo "error: WIDTH and HEIGHT must be whole numbers of pixels, got '$width' and '$height'" >&2
        exit 2 ;;
esac
if [ -d "$out" ]; then
    echo "error: $out is a folder; pass the path of the PNG to write" >&2
    exit 2
fi
if [ ! -f "$report_dir/index.html" ]; then
    echo "error: $report_dir/index.html not found; pass a folder written by 'atsbench report'" >&2
    exit 1
fi
if ! command -v chromium >/dev/null 2>&1; then
    echo "error: chromium not found; install it with 'apt-get install -y chromium'" >&2
    exit 1
fi

page="file://$(cd "$report_dir" && pwd)/index.html"
case $out in
    /*) out_path=$out ;;
    *) out_path="$(pwd)/$out" ;;
esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# Chromium 156 exits as root with "Running as root without --no-sandbox is not supported",
# so only root gets --no-sandbox. The page is a local file without scripts.
sandbox_flag=""
if [ "$(id -u)" -eq 0 ]; then
    sandbox_flag="--no-sandbox"
fi

chromium --headless $sandbox_flag --disable-gpu --hide-scrollbars --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --window-size="$width,$height" \
    --screenshot="$out_path" "$page" >/dev/null 2>&1 || {
    echo "error: chromium failed to take the screenshot of $page" >&2
    exit 1
}
if [ ! -s "$out_path" ]; then
    echo "error: chromium wrote no image to $out_path" >&2
    exit 1
fi
echo "$out_path"
