# atsbench build entry points. `make test` is what CI runs.

# Every Debian package the project needs: BLAS, statistics, PNG, gzip, drawing, fonts,
# the result store, the default data set, pkg-config for the build, and pngcheck for a
# test of the PNG encoder, and the sqlite3 shell for a test of foreign store files.
PACKAGES = libopenblas-dev libgsl-dev libpng-dev zlib1g-dev libcairo2-dev \
           fonts-dejavu-core libsqlite3-dev sqlite3 dataset-fashion-mnist pkg-config pngcheck

SWIFT ?= swift

.PHONY: setup build test demo benchmark clean

# Installs only what is missing, so a second run changes nothing and needs no network.
setup:
	@missing=""; \
	for package in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" \
	    || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	else \
	  echo "all Debian packages present"; \
	fi

build: setup
	$(SWIFT) build -c release

# Release mode: the training tests run real kernels, which are far slower unoptimised. The
# tool is built first because some tests run it as a user does.
test: setup
	$(SWIFT) build -c release
	$(SWIFT) test -c release

# The main job: the ATS study of specs/demo.json on Fashion-MNIST, report in reports/demo/.
demo: build
	.build/release/atsbench demo

# Times atsbench and PyTorch training steps side by side and writes benchmarks/RESULTS.md;
# PyTorch is installed from PyPI into benchmarks/.venv for this only.
benchmark: setup
	benchmarks/compare_pytorch.sh

clean:
	rm -rf .build
