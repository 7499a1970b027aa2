#!/usr/bin/env bash
# The console's real-window smoke test: launches ./flowdeck under Xvfb (with a small window manager), waits until the
# pipeline runs, saves two screenshots of the window a few seconds apart into the folder it is given (they must differ:
# the data moves), closes the window as a user would, and checks that no process is left behind.
#
#   app/src/test/scripts/window-smoke.sh [OUT_DIR]      (default: target/window-smoke)
#
# Needs xvfb, libgtk-3-0, xdotool, imagemagick, openbox and wmctrl; installs the missing ones when run as root.
# Exit 0 on success; otherwise one "FAIL: ..." line and exit 1. The last line is a one-line summary.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
cd "$repo"
out="${1:-target/window-smoke}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
fail() { echo "FAIL: $*"; exit 1; }

pkgs=(xvfb libgtk-3-0 xdotool imagemagick openbox wmctrl)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  [[ $(id -u) == 0 ]] || fail "missing packages: ${missing[*]} (apt-get install them, or run as root)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") \
    >"$out/apt.log" 2>&1 || fail "could not install ${missing[*]} (see $out/apt.log)"
fi

# A free display number, so parallel runs do not collide.
display=""
for n in $(seq 120 160); do
  if [[ ! -e /tmp/.X11-unix/X$n && ! -e /tmp/.X$n-lock ]]; then display=":$n"; break; fi
done
[[ -n $display ]] || fail "no free X display between :120 and :160"
export DISPLAY=$display
Xvfb "$display" -screen 0 1600x1000x24 >"$out/xvfb.log" 2>&1 & xvfb=$!
app=""
wm=""
cleanup() {
  [[ -n $app ]] && kill -9 -- "-$app" 2>/dev/null || true
  [[ -n $wm ]] && kill "$wm" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; [[ -e /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done
openbox >"$out/openbox.log" 2>&1 & wm=$!

work=$(mktemp -d /tmp/flowdeck-window-smoke.XXXXXX)
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
export FLOWDECK_JAVA_OPTS="${FLOWDECK_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseParallelGC}"
[[ -f app/target/flowdeck-app-0.1.0.jar && -d app/target/lib ]] || mvn -q -B -DskipTests package >"$out/build.log" 2>&1 \
  || fail "build failed (see $out/build.log)"

t0=$(date +%s.%N)
setsid ./flowdeck >"$out/console.log" 2>&1 & app=$!
win=""
for _ in $(seq 1 240); do
  win=$(xdotool search --onlyvisible --name '^Flowdeck' 2>/dev/null | head -1 || true)
  [[ -n $win ]] && break
  kill -0 "$app" 2>/dev/null || fail "the console exited before showing a window (see $out/console.log)"
  sleep 0.25
done
[[ -n $win ]] || fail "no visible window named Flowdeck within 60 s"
t1=$(date +%s.%N)

running=""
for _ in $(seq 1 240); do
  grep -q "pipeline running on profile" "$out/console.log" && { running=1; break; }
  grep -q "could not start profile" "$out/console.log" && fail "the pipeline did not start: $(grep 'could not start' "$out/console.log" | tail -1 | cut -c1-200)"
  sleep 0.5
done
[[ -n $running ]] || fail "the pipeline was not running within 120 s (see $out/console.log)"
t2=$(date +%s.%N)

sleep 12  # let the charts fill
import -window "$win" "$out/console-window.png" 2>>"$out/import.log" || fail "screenshot failed"
sleep 3
import -window "$win" "$out/console-window-later.png" 2>>"$out/import.log" || fail "second screenshot failed"
sd=$(convert "$out/console-window.png" -colorspace Gray -format '%[fx:standard_deviation]' info:)
python3 -c "import sys; sys.exit(0 if float('$sd') > 0.02 else 1)" || fail "the window looks blank (gray stddev $sd)"
diff=$(compare -metric AE "$out/console-window.png" "$out/console-window-later.png" null: 2>&1 || true)
python3 -c "import sys; sys.exit(0 if float('${diff%% *}') > 100 else 1)" || fail "nothing moved in 3 s ($diff pixels differ)"

t3=$(date +%s.%N)
wmctrl -i -c "$win" || fail "could not ask the window to close"
left=1
for _ in $(seq 1 60); do
  if ! pgrep -s "$app" >/dev/null; then left=0; break; fi
  sleep 0.5
done
((left == 0)) || { pgrep -a -s "$app" >"$out/left-over.txt" || true; fail "processes still running 30 s after the window was closed (see $out/left-over.txt)"; }
t4=$(date +%s.%N)
app=""
rm -rf "$work"
printf 'window visible after %.1f s; pipeline running after %.1f s; %s pixels changed in 3 s; closed in %.1f s, no process left; screenshots in %s\n' \
  "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t0" | bc)" "${diff%% *}" "$(echo "$t4 - $t3" | bc)" "$out"
