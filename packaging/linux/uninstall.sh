#!/usr/bin/env bash
# Remove what install.sh put in place: the app, the command link, the launcher, the icons and
# the metainfo. Never the records: ~/.local/share/LeukoTrack (or your --data-dir) stays as it is.
set -euo pipefail

APP_ID=io.github.leukotrack.LeukoTrack
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
target=${LEUKOTRACK_INSTALL_DIR:-$HOME/.local/opt/LeukoTrack}
bin_link=$HOME/.local/bin/leukotrack
apps=$data_home/applications
icons=$data_home/icons/hicolor

records=$data_home/LeukoTrack
case "$(realpath -m "$records")/" in
  "$(realpath -m "$target")"/*)
    echo "uninstall: $target holds your records ($records); not removing it." >&2
    exit 1
    ;;
esac

removed=0
if [[ -d "$target" ]]; then
  if [[ ! -x "$target/leukotrack" ]]; then
    echo "uninstall: $target does not look like a LeukoTrack install (no 'leukotrack' in it); left alone." >&2
    exit 1
  fi
  rm -rf "$target"
  removed=1
fi
if [[ -L "$bin_link" && "$(readlink "$bin_link")" == "$target/leukotrack" ]]; then
  rm -f "$bin_link"
fi
rm -f "$apps/$APP_ID.desktop" "$data_home/metainfo/$APP_ID.metainfo.xml"
for icon in "$icons"/*/apps/"$APP_ID".png "$icons"/scalable/apps/"$APP_ID".svg; do
  [[ -e "$icon" ]] && rm -f "$icon"
done

command -v update-desktop-database >/dev/null && [[ -d "$apps" ]] && update-desktop-database -q "$apps" || true
command -v gtk-update-icon-cache >/dev/null && [[ -d "$icons" ]] && gtk-update-icon-cache -q -t -f "$icons" || true

[[ $removed -eq 1 ]] && echo "LeukoTrack was removed from $target." || echo "LeukoTrack was not installed in $target; removed any launcher and icons left behind."
if [[ -d "$records" ]]; then
  echo "Your records are still in $records (delete that folder yourself if you want them gone)."
fi
