#!/usr/bin/env bash
# Install the Debian packages Qt needs, Tesseract's English model for reading photos, and the
# tools the tests use, when they are missing.
# Runs apt-get only as root on a Debian-like system; otherwise it prints what to install.
set -euo pipefail

packages=(
  libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0 libdbus-1-3 libx11-6
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 poppler-utils fonts-dejavu-core
  desktop-file-utils appstream
  tesseract-ocr-eng  # the English model the OCR of photos reads with (docs/ocr-engine.md)
)
if [[ "${1:-}" == "--bundle" ]]; then
  packages+=(binutils libpython3.11)
fi

command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: nothing we can check

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
fi
