#!/usr/bin/env bash
# Install the LeukoTrack bundle for the current user only (no root, no system folders):
#   the app        -> ~/.local/opt/LeukoTrack/          (LEUKOTRACK_INSTALL_DIR to change it)
#   a command      -> ~/.local/bin/leukotrack          (a link to the app)
#   the launcher   -> ~/.local/share/applications/io.github.leukotrack.LeukoTrack.desktop
#   the icons      -> ~/.local/share/icons/hicolor/<size>/apps/io.github.leukotrack.LeukoTrack.png
#   the metainfo   -> ~/.local/share/metainfo/io.github.leukotrack.LeukoTrack.metainfo.xml
# Your records (in ~/.local/share/LeukoTrack) are never touched.
# Usage: packaging/linux/install.sh [BUNDLE_DIR]     (default: dist/LeukoTrack, from `make bundle`)
set -euo pipefail

APP_ID=io.github.leukotrack.LeukoTrack
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bundle=$(cd "${1:-$root/dist/LeukoTrack}" 2>/dev/null && pwd) || {
  echo "install: no bundle at ${1:-$root/dist/LeukoTrack}; build it first with 'make bundle'." >&2
  exit 1
}
[[ -x "$bundle/leukotrack" ]] || {
  echo "install: $bundle has no 'leukotrack' program; is it a LeukoTrack bundle?" >&2
  exit 1
}
[[ -z "${SUDO_USER:-}" ]] || {
  echo "install: this installs for one user and needs no sudo; run it as yourself." >&2
  exit 1
}

data_home=${XDG_DATA_HOME:-$HOME/.local/share}
target=${LEUKOTRACK_INSTALL_DIR:-$HOME/.local/opt/LeukoTrack}
case "$target" in
  *[\"\`\$\\]*)
    echo "install: a launcher cannot start a program from $target (it has \" \` \$ or \\ in it);" \
      "choose another folder with LEUKOTRACK_INSTALL_DIR=..." >&2
    exit 1
    ;;
esac
bin_dir=$HOME/.local/bin
apps=$data_home/applications
metainfo=$data_home/metainfo
icons=$data_home/icons/hicolor

if [[ "$(realpath -m "$target")" == "$bundle" ]]; then
  echo "install: $bundle is already the installed copy; install from the dist/LeukoTrack folder." >&2
  exit 1
fi

# Copy beside the old install first, then swap, so a failed copy never leaves half an app.
mkdir -p "$(dirname "$target")"
rm -rf "$target.new"
cp -a "$bundle" "$target.new"
rm -rf "$target"
mv "$target.new" "$target"

mkdir -p "$bin_dir" "$apps" "$metainfo"
ln -sfn "$target/leukotrack" "$bin_dir/leukotrack"

while IFS= read -r line; do
  case "$line" in
    Exec=*) printf 'Exec="%s"\n' "$target/leukotrack" ;;
    TryExec=*) printf 'TryExec=%s\n' "$target/leukotrack" ;;
    *) printf '%s\n' "$line" ;;
  esac
done <"$root/resources/linux/$APP_ID.desktop" >"$apps/$APP_ID.desktop"
cp "$root/resources/linux/$APP_ID.metainfo.xml" "$metainfo/$APP_ID.metainfo.xml"

for png in "$root"/leukotrack/resources/icons/leukotrack-*.png; do
  size=${png##*-}
  size=${size%.png}
  mkdir -p "$icons/${size}x${size}/apps"
  cp "$png" "$icons/${size}x${size}/apps/$APP_ID.png"
done
mkdir -p "$icons/scalable/apps"
cp "$root/leukotrack/resources/icons/leukotrack.svg" "$icons/scalable/apps/$APP_ID.svg"

command -v update-desktop-database >/dev/null && update-desktop-database -q "$apps" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t -f "$icons" || true

echo "LeukoTrack is installed in $target."
echo "Open it from your applications menu (it may take a moment to appear), or run: $bin_dir/leukotrack"
