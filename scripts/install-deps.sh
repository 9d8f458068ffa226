#!/usr/bin/env bash
# Installs the Debian 12 packages factorlab needs (docs/design.md 11). Idempotent; run as root.
# libopenblas0-pthread matters: without it Debian's LibTorch uses a reference BLAS (~100x slower).
set -euo pipefail
pkgs=(
  build-essential cmake pkg-config git
  libtorch-dev libopenblas0-pthread
  libgudhi-dev libeigen3-dev libhnswlib-dev libboost-dev
  libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libstb-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  gnuplot-nox ripser python3-numpy python3-pandas
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
