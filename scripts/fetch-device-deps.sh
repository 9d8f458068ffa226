#!/usr/bin/env bash
# Unpacks the Debian 12 packages of factorlab's small header-only dependencies (toml++, CLI11,
# nlohmann-json, stb) and GoogleTest's sources into a folder, for a machine that has none of our
# -dev packages: the GPU machine, where the folder travels with the working tree (docs/gpu.md).
# Run here, on the Debian machine: apt-get download + dpkg -x, no installation, nothing compiled.
# Usage: scripts/fetch-device-deps.sh [FOLDER]   (default: device-deps, git-ignored)
# Then: cmake -S . -B build-dev -DFACTORLAB_DEPS_DIR=$PWD/device-deps -DFACTORLAB_WITH_ANALYSIS=OFF
set -euo pipefail
dest=$(realpath -m "${1:-device-deps}")
pkgs=(libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libstb-dev googletest)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get -o APT::Sandbox::User=root download "${pkgs[@]}" >/dev/null) || {
  echo "fetch-device-deps: apt-get download failed (run apt-get update first, or check the network)" >&2
  exit 1
}
rm -rf "$dest.tmp"
mkdir -p "$dest.tmp"
for deb in "$work"/*.deb; do
  dpkg -x "$deb" "$dest.tmp"
  dpkg-deb -W --showformat='${Package} ${Version}\n' "$deb" >> "$dest.tmp/PACKAGES"
done
# Only headers, CMake files and GoogleTest's sources are used (cmake/device_deps.cmake).
rm -rf "$dest.tmp/usr/share/doc" "$dest.tmp/usr/share/doc-base" "$dest.tmp/usr/share/man" "$dest.tmp/usr/share/lintian"
rm -rf "$dest"
mv "$dest.tmp" "$dest"
echo "fetch-device-deps: $(wc -l < "$dest/PACKAGES") packages into $dest ($(du -sh "$dest" | cut -f1))"
