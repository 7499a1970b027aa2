#!/usr/bin/env bash
# The Linux installer end to end on this machine (Debian or Ubuntu; root, or sudo without a password):
#   1. builds the .deb (mvn -B -Pinstaller -DskipTests package) and checks it is at most 120 MB
#   2. removes xdg-utils (as on a fresh machine) and installs the .deb with the README's `apt install ./…deb`,
#      which fetches its dependencies
#   3. runs /opt/flowdeck/bin/flowdeck --headless --duration 15s (with --processor --tiers when the build has them)
#      with throwaway HOME and XDG folders: lost 0, duplicated 0, the data in $XDG_DATA_HOME/flowdeck, no
#      illegal-access errors; RocksDB loads from the installed (natives-stripped) jar with the installed runtime
#   4. opens the installed program's window under Xvfb (display :74) with a window manager, times it, saves a
#      screenshot, closes the window as a user would and checks that nothing is left running
#   5. removes the package with dpkg -r and checks that /opt/flowdeck and the menu entry are gone
# Screenshot and logs go to screenshots/installer/ (or $FLOWDECK_INSTALLER_CHECK_OUT). The last line is a summary,
# or "FAIL: <reason>" with exit code 1.
#
# Usage (from anywhere):  jpackage/ci-installer-check.sh [--no-build]
#   --no-build  use the newest jpackage/target/*.deb instead of building one
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
out=${FLOWDECK_INSTALLER_CHECK_OUT:-$repo/screenshots/installer}
display=:74
max_deb_mb=120
build=1
[[ ${1:-} == --no-build ]] && build=0

say() { printf '[installer-check] %s\n' "$*"; }
fail() { echo "FAIL: $*"; exit 1; }
as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo -n "$@"; fi; }
ensure_pkgs() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  say "installing ${missing[*]}"
  { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    >"$out/apt.log" 2>&1 || fail "could not install ${missing[*]} (see $out/apt.log)"
}
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }

rm -rf "$out"
mkdir -p "$out"
tmp=$(mktemp -d /tmp/flowdeck-installer-check.XXXXXX)
pids=()
installed=""
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done
  [[ -n $installed ]] && as_root dpkg -r "$installed" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# The tools for the window part, and its display free, before the long build.
ensure_pkgs xvfb xdotool wmctrl openbox imagemagick
! DISPLAY=$display xdotool getdisplaygeometry >/dev/null 2>&1 || fail "display $display is already in use by another X server: stop it first"

# --- 1. build ----------------------------------------------------------------------------------------------------
if ((build)); then
  say "building the .deb (mvn -B -Pinstaller -DskipTests package); log: $out/build.log"
  t0=$(date +%s%N)
  mvn -B -Pinstaller -DskipTests package >"$out/build.log" 2>&1 || fail "installer build failed: $(grep -E 'ERROR|error' "$out/build.log" | head -3 | tr '\n' ' ' | cut -c1-300)"
  build_s=$(elapsed "$t0" "$(date +%s%N)")
fi
deb=$(ls -t jpackage/target/*.deb 2>/dev/null | head -1 || true)
[[ -n $deb ]] || fail "no .deb in jpackage/target/"
deb_bytes=$(stat -c %s "$deb")
deb_mb=$(awk -v b="$deb_bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
((deb_bytes <= max_deb_mb * 1048576)) || fail "$deb is $deb_mb MB, more than $max_deb_mb MB"
pkg=$(dpkg-deb -f "$deb" Package)
say "$deb: $deb_mb MB"

# --- 2. install ---------------------------------------------------------------------------------------------------
is_installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == 'install ok installed' ]]; }
if is_installed "$pkg"; then
  say "removing an installed $pkg first"
  as_root dpkg -r "$pkg" >/dev/null 2>&1 || fail "could not remove the $pkg installed before"
fi
# As on a fresh machine: a dependency the CI image happens to have (xdg-utils) is removed first, then the package is
# installed with the README's command, which must fetch it (a bare dpkg -i stops there).
if is_installed xdg-utils; then
  say "removing xdg-utils first, as on a fresh machine"
  as_root dpkg -r xdg-utils >/dev/null 2>&1 || say "xdg-utils stays: other installed packages depend on it"
fi
as_root apt-get update -qq >"$out/apt-update.log" 2>&1 || say "apt-get update failed (see $out/apt-update.log); trying the install anyway"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >"$out/dpkg-install.log" 2>&1 \
  || fail "apt-get install ./$deb failed: $(tail -3 "$out/dpkg-install.log" | tr '\n' ' ')"
is_installed xdg-utils || fail "installing $deb did not bring its dependency xdg-utils"
installed=$pkg
launcher=/opt/flowdeck/bin/flowdeck
[[ -x $launcher ]] || fail "no $launcher after the install"
desktop=$(grep -l 'Exec=/opt/flowdeck/bin/flowdeck' /usr/share/applications/*.desktop 2>/dev/null | head -1 || true)
[[ -n $desktop ]] || fail "no menu entry for $launcher in /usr/share/applications"
grep -q '^Categories=Development;' "$desktop" || fail "menu entry $desktop is not in the Development category"
installed_mb=$(du -sm /opt/flowdeck | cut -f1)
say "installed: $installed_mb MB in /opt/flowdeck, menu entry $desktop"

# --- 3. headless run ---------------------------------------------------------------------------------------------
# A throwaway user: HOME and the XDG folders point into $tmp, so nothing of the machine's own user is touched.
export HOME=$tmp/home XDG_DATA_HOME=$tmp/xdg-data XDG_CONFIG_HOME=$tmp/xdg-config XDG_CACHE_HOME=$tmp/xdg-cache
mkdir -p "$HOME"
# With the stream processor and the tiers when this build has them: Kafka Streams and the tiers' HTTP server
# (jdk.httpserver) then run in the installed runtime too.
extras=()
help=$("$launcher" --help 2>/dev/null || true)
grep -q -- '--processor' <<<"$help" && extras+=(--processor)
grep -q -- '--tiers' <<<"$help" && extras+=(--tiers)
say "headless run: $launcher --headless --duration 15s ${extras[*]:-}"
set +e
timeout 300 "$launcher" --headless --duration 15s ${extras[@]+"${extras[@]}"} >"$out/headless.json" 2>"$out/headless.log"
code=$?
set -e
summary=$(tail -1 "$out/headless.json")
((code == 0)) || fail "the installed headless run exited with $code: $(grep -v '^flowdeck: t=' "$out/headless.log" | tail -2 | tr '\n' ' ' | cut -c1-300)"
field() { grep -o "\"$1\":[0-9]*" <<<"$summary" | head -1 | cut -d: -f2; }
written=$(field rows_written)
lost=$(field lost)
duplicated=$(field duplicated)
[[ $lost == 0 && $duplicated == 0 && ${written:-0} -gt 0 ]] || fail "installed headless run: written=$written lost=$lost duplicated=$duplicated"
if [[ " ${extras[*]:-} " == *" --processor "* ]]; then
  processed=$(field events_processed)
  ((${processed:-0} > 0)) || fail "the installed processor processed no events"
fi
if [[ " ${extras[*]:-} " == *" --tiers "* ]]; then
  for n in $(grep -o '"completed":[0-9]*' <<<"$summary" | cut -d: -f2); do
    ((n > 0)) || fail "a tier completed no work in the installed run"
  done
fi
[[ -d $XDG_DATA_HOME/flowdeck/kafka && -d $XDG_DATA_HOME/flowdeck/h2 ]] \
  || fail "the headless run did not keep its data in \$XDG_DATA_HOME/flowdeck ($(ls "$XDG_DATA_HOME" 2>&1))"
illegal='InaccessibleObjectException|[Ii]llegal reflective access|WARNING: An illegal|NoClassDefFoundError|UnsatisfiedLinkError'
! grep -E "$illegal" "$out/headless.log" >/dev/null || fail "the headless run logged: $(grep -E "$illegal" "$out/headless.log" | head -1)"
say "headless: written $written, lost $lost, duplicated $duplicated${processed:+, processed $processed}; data in \$XDG_DATA_HOME/flowdeck"

javac=javac
[[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/javac ]] && javac=$JAVA_HOME/bin/javac
rocks_jar=$(ls /opt/flowdeck/lib/app/rocksdbjni-*.jar)
mkdir -p "$tmp/rocks-classes"
"$javac" -d "$tmp/rocks-classes" -cp "$rocks_jar" jpackage/src/RocksDbCheck.java
rocks=$(/opt/flowdeck/lib/runtime/bin/java -Djava.io.tmpdir="$tmp" -cp "$tmp/rocks-classes:$rocks_jar" RocksDbCheck "$tmp/rocksdb" 2>&1) \
  || fail "RocksDB does not load from the installed jar: $(tail -2 <<<"$rocks" | tr '\n' ' ')"
say "$rocks (installed runtime, installed jar)"

# --- 4. the window -----------------------------------------------------------------------------------------------
export DISPLAY=$display
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
xvfb=$!
pids+=("$xvfb")
for _ in $(seq 1 300); do
  xdotool getdisplaygeometry >/dev/null 2>&1 && break
  kill -0 "$xvfb" 2>/dev/null || fail "Xvfb did not start on $display (another X server there?): $(tail -1 "$out/xvfb.log")"
  sleep 0.1
done
xdotool getdisplaygeometry >/dev/null 2>&1 || fail "Xvfb on $display did not answer within 30 s"
openbox >"$out/openbox.log" 2>&1 &
pids+=($!)
sleep 1

say "opening the installed program's window on $display"
t0=$(date +%s%N)
setsid "$launcher" >"$out/window.log" 2>&1 &
app=$!
pids+=("$app")
win=""
for _ in $(seq 1 1200); do
  win=$(xdotool search --onlyvisible --name '^Flowdeck' 2>/dev/null | head -1 || true)
  [[ -n $win ]] && break
  kill -0 "$app" 2>/dev/null || fail "the installed program exited before showing a window: $(tail -2 "$out/window.log" | tr '\n' ' ')"
  sleep 0.05
done
[[ -n $win ]] || fail "no visible window named Flowdeck within 60 s"
window_s=$(elapsed "$t0" "$(date +%s%N)")
say "window '$(xdotool getwindowname "$win")' visible after $window_s s"
sleep 5 # let the first frames render
import -window root "$out/installed-window.png" 2>>"$out/window.log" || fail "screenshot failed"
wmctrl -i -c "$win"
for _ in $(seq 1 200); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
kill -0 "$app" 2>/dev/null && fail "the installed program still runs 20 s after its window was closed"
left=$(pgrep -s "$app" 2>/dev/null || true; pgrep -f '^/opt/flowdeck/' 2>/dev/null || true)
[[ -z $left ]] || fail "processes left running after the window closed: $(ps -o pid=,args= -p $(echo $left | tr ' ' ,) | head -3)"
! grep -E "$illegal" "$out/window.log" >/dev/null || fail "the window run logged: $(grep -E "$illegal" "$out/window.log" | head -1)"
say "window closed, nothing left running; screenshot $out/installed-window.png"

# --- 5. uninstall -------------------------------------------------------------------------------------------------
as_root dpkg -r "$pkg" >"$out/dpkg-remove.log" 2>&1 || fail "dpkg -r failed: $(tail -3 "$out/dpkg-remove.log" | tr '\n' ' ')"
installed=""
! is_installed "$pkg" || fail "dpkg still lists $pkg as installed after dpkg -r"
[[ ! -e /opt/flowdeck ]] || fail "/opt/flowdeck still exists after dpkg -r: $(find /opt/flowdeck | head -3 | tr '\n' ' ')"
[[ ! -e $desktop ]] || fail "menu entry $desktop still exists after dpkg -r"
say "removed: /opt/flowdeck and the menu entry are gone"

echo "installer ok: deb $deb_mb MB${build_s:+ (built in $build_s s)}, installed $installed_mb MB; headless wrote $written rows, lost 0, duplicated 0; window after $window_s s; screenshot $out/installed-window.png; removed cleanly"
