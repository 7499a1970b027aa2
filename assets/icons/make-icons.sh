#!/usr/bin/env bash
# Makes every application icon from the one source, flowdeck.svg:
#   linux/flowdeck-<N>.png   N = 16 24 32 48 64 128 256 512 (the freedesktop hicolor sizes)
#   windows/flowdeck.ico     16 24 32 48 64 128 256 in one file (256 stored as PNG)
#   macos/flowdeck.icns      16 32 48 128 256 512 1024 (png2icns picks the icon type from each size)
# The generated files are committed, so a build never needs these tools; run this after changing the SVG.
# Tools (Debian): librsvg2-bin (rsvg-convert), imagemagick (convert), icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

need=()
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
[[ -x /usr/bin/convert ]] || need+=(imagemagick)
command -v png2icns >/dev/null || need+=(icnsutils)
if ((${#need[@]})); then
  echo "make-icons: installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

render() { rsvg-convert --width "$1" --height "$1" flowdeck.svg --output "$2"; }

mkdir -p linux windows macos
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for n in 16 24 32 48 64 128 256 512; do
  render "$n" "linux/flowdeck-$n.png"
done

/usr/bin/convert linux/flowdeck-{16,24,32,48,64,128,256}.png windows/flowdeck.ico

for n in 16 32 48 128 256 512 1024; do
  render "$n" "$tmp/icon-$n.png"
done
png2icns macos/flowdeck.icns "$tmp"/icon-{16,32,48,128,256,512,1024}.png >/dev/null

echo "make-icons: $(ls linux | wc -l) PNGs, windows/flowdeck.ico, macos/flowdeck.icns"
