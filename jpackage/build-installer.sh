#!/usr/bin/env bash
# Builds Flowdeck's installer for the system this runs on, in plain steps (modelled on JPackageScriptFX's
# build_app_linux.sh). Maven's installer profile calls it after copying the jars:
#
#   mvn -B -Pinstaller -DskipTests package     ->  jpackage/target/{app-image/, *.deb | *.msi | *.dmg}
#
#   1. jars      Maven has put the app jar and every runtime jar into target/jars
#   2. natives   RocksDB, zstd, Snappy and LZ4 carry native code for every OS and CPU: copy them with this
#                platform's library only (RocksDB: 72 MB -> 6 MB)
#   3. jdeps     the JDK modules those jars use, plus the ones jdeps cannot see
#   4. jlink     a Java runtime with just those modules
#   5. jpackage  the app image, then the installer made from it: Linux .deb, Windows .msi, macOS .dmg
#
# Usage: build-installer.sh VERSION TARGET_DIR
#        FLOWDECK_APP_IMAGE_ONLY=1 stops after the app image (a quicker try: target/app-image/*/bin/flowdeck).
# Runs with bash on Linux, macOS (also its bash 3.2: hence ${a[@]+"${a[@]}"} for arrays that may be empty) and
# Windows (Git Bash), with the JDK in JAVA_HOME or on the PATH (17 or newer, with its jmods/ folder).
set -euo pipefail

version=${1:?usage: build-installer.sh VERSION TARGET_DIR}
target=${2:?usage: build-installer.sh VERSION TARGET_DIR}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
icons="$here/../assets/icons"
started=$SECONDS

say() { printf '[installer] %s\n' "$*"; }
die() { printf '[installer] error: %s\n' "$*" >&2; exit 1; }
step() { say "$(printf '%3ds' $((SECONDS - started))) $*"; }

# --- What the installed program is --------------------------------------------------------------------------------
main_class=dev.flowdeck.app.Main
main_jar="flowdeck-app-$version.jar"
description="A desktop control console for live data pipelines"
vendor="Flowdeck"
# The same JVM options as ./flowdeck. No --add-opens: everything is on the class path and no library reaches into
# the JDK's internals (checked by ci-installer-check.sh, which fails on an InaccessibleObjectException or an
# illegal-access warning in the installed program's log).
# CICompilerCount=3 (one C1 and two C2 compiler threads) is what ./flowdeck adds on machines of fewer than four cores,
# where the JVM would give C2 a single thread and the first seconds crawl (docs/benchmarks.md, "Compiler threads");
# the launcher's options are fixed, so it is always set here: from four cores on it is the JVM's own choice or below.
java_options=(-Xms256m -Xmx1g -XX:+UseParallelGC -XX:CICompilerCount=3 -Dflowdeck.launcher=flowdeck)

# JDK modules that jdeps cannot find, because they are loaded by name or as a service rather than imported:
extra_modules=(
  jdk.crypto.ec           # elliptic-curve TLS (ECDHE, EC certificates): SSL to real Kafka clusters and PostgreSQL
  jdk.crypto.cryptoki     # the PKCS#11 security provider named in java.security (hardware tokens, FIPS set-ups)
  jdk.security.auth       # JAAS login modules Kafka's SASL configs name by class (Kerberos, JNDI, keystore)
  jdk.security.jgss       # Kerberos / GSSAPI for SASL_SSL clusters
  jdk.zipfs               # the zip file system provider (ServiceLoader)
  jdk.httpserver          # com.sun.net.httpserver: the edge and cloud tiers' HTTP endpoints
  jdk.localedata          # number and date formats for locales other than English
  jdk.charsets            # the console code pages of Windows and legacy database encodings
  jdk.net                 # extended socket options (Kafka's and PostgreSQL's TCP keep-alive settings)
)

# --- This platform ------------------------------------------------------------------------------------------------
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=macos ;;
  MINGW* | MSYS* | CYGWIN*) os=windows ;;
  *) die "unsupported system $(uname -s): installers are built on Linux, Windows or macOS" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) cpu=x64 ;;
  aarch64 | arm64) cpu=aarch64 ;;
  *) die "unsupported CPU $(uname -m)" ;;
esac

# The native library to keep in each multi-platform jar (a regex over the jar's entry names):
#   rocksdbjni: librocksdbjni-<platform>.<ext> at the root; zstd-jni: <os>/<cpu>/; LZ4: net/jpountz/util/<os>/<cpu>/;
#   Snappy: org/xerial/snappy/native/<OS>/<cpu>/
case "$os-$cpu" in
  linux-x64) keep_natives='^librocksdbjni-linux64\.so$|(^|/)linux/amd64/|/Linux/x86_64/' ;;
  linux-aarch64) keep_natives='^librocksdbjni-linux-aarch64\.so$|(^|/)linux/aarch64/|/Linux/aarch64/' ;;
  windows-x64) keep_natives='^librocksdbjni-win64\.dll$|(^|/)win/amd64/|(^|/)windows/amd64/|/Windows/x86_64/' ;;
  macos-x64) keep_natives='^librocksdbjni-osx-x86_64\.jnilib$|(^|/)darwin/x86_64/|/Mac/x86_64/' ;;
  macos-aarch64) keep_natives='^librocksdbjni-osx-arm64\.jnilib$|(^|/)darwin/aarch64/|/Mac/aarch64/' ;;
  *) die "no installer configuration for $os-$cpu" ;;
esac
multi_platform_jars=(rocksdbjni zstd-jni snappy-java lz4-java)

# On Windows, paths in the mixed form (D:/a/b) work both in Git Bash and as arguments of the JDK's .exe tools.
if [[ $os == windows ]]; then
  here=$(cygpath -m "$here")
  target=$(cygpath -m "$target")
  icons=$(cygpath -m "$icons")
fi

# Each system's installer: its type, its icon, and its own options.
case $os in
  linux)
    name=flowdeck # the launcher /opt/flowdeck/bin/flowdeck; the menu shows "Flowdeck" (package/linux/*.desktop)
    type=deb
    icon="$icons/linux/flowdeck-256.png"
    app_version=$version
    image_options=()
    package_options=(
      --linux-package-name flowdeck
      --install-dir /opt # -> /opt/flowdeck
      --linux-package-deps libgtk-3-0 # JavaFX's native code (inside its jars) links against GTK 3
      --linux-shortcut
      --linux-menu-group Development
      --linux-app-category devel
      --linux-deb-maintainer "flowdeck@users.noreply.github.com"
      --resource-dir "$here/package/linux"
    )
    ;;
  windows)
    name=Flowdeck
    type=msi
    icon="$icons/windows/flowdeck.ico"
    app_version=$version
    # Flowdeck.exe is a GUI program, so Windows gives it no console: flowdeck-cli.exe is the same program with one,
    # for --headless and --help.
    image_options=(--add-launcher "flowdeck-cli=$here/package/windows/flowdeck-cli.properties")
    package_options=(
      --win-menu --win-menu-group Flowdeck
      --win-shortcut
      --win-dir-chooser
      # The same for every version, so that a newer .msi replaces an installed older one.
      --win-upgrade-uuid a8e237a2-c908-4c4d-af7b-9b41398bd475
    )
    ;;
  macos)
    name=Flowdeck
    type=dmg
    icon="$icons/macos/flowdeck.icns"
    # jpackage refuses a macOS bundle version whose first number is 0; 0.x.y is shipped as 1.x.y inside the bundle
    # and the .dmg keeps the POM's version in its file name.
    app_version=$version
    [[ $app_version == 0.* ]] && app_version="1.${app_version#0.}"
    image_options=(--mac-package-identifier dev.flowdeck.app --mac-package-name Flowdeck)
    package_options=()
    ;;
esac

# --- Tools --------------------------------------------------------------------------------------------------------
[[ $os == windows && -n ${JAVA_HOME:-} ]] && JAVA_HOME=$(cygpath -m "$JAVA_HOME")
jdk_tool() {
  local t=$1
  if [[ -n ${JAVA_HOME:-} ]] && [[ -x "$JAVA_HOME/bin/$t" || -x "$JAVA_HOME/bin/$t.exe" ]]; then
    echo "$JAVA_HOME/bin/$t"
  elif command -v "$t" >/dev/null; then
    command -v "$t"
  else
    die "$t not found: install a JDK 17+ (Debian: apt-get install openjdk-17-jdk) or set JAVA_HOME"
  fi
}
JAVA=$(jdk_tool java)
JAR=$(jdk_tool jar)
JDEPS=$(jdk_tool jdeps)
JLINK=$(jdk_tool jlink)
JPACKAGE=$(jdk_tool jpackage)
java_release=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | tr -d '\r')

# jpackage builds a .deb with dpkg-deb under fakeroot. Install what is missing (a clean CI machine has neither).
if [[ $os == linux ]]; then
  command -v dpkg-deb >/dev/null || die "dpkg-deb not found: the .deb is built on Debian or Ubuntu"
  missing=()
  command -v fakeroot >/dev/null || missing+=(fakeroot)
  command -v objcopy >/dev/null || missing+=(binutils)
  if ((${#missing[@]})); then
    sudo=()
    [[ $(id -u) == 0 ]] || sudo=(sudo -n)
    say "installing ${missing[*]} (needed by jpackage for a .deb)"
    { ${sudo[@]+"${sudo[@]}"} apt-get update -qq && ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null \
      || die "could not install ${missing[*]}: run 'sudo apt-get install ${missing[*]}'"
  fi
fi

# --- 1. jars ------------------------------------------------------------------------------------------------------
jars="$target/jars"
[[ -f "$jars/$main_jar" ]] || die "$jars/$main_jar is missing: run 'mvn -Pinstaller package' from the repository root"
work="$target/work"
input="$work/input"
rm -rf "$work" "$target/app-image" "$target"/*."$type"
mkdir -p "$input"
cp "$jars"/*.jar "$input/"
step "1. jars: $(ls "$input" | wc -l | tr -d ' ') jars from target/jars ($os-$cpu, JDK $java_release)"

# --- 2. natives ---------------------------------------------------------------------------------------------------
for prefix in "${multi_platform_jars[@]}"; do
  for jar in "$input/$prefix"-[0-9]*.jar; do
    [[ -f $jar ]] || continue
    "$JAVA" "$here/src/StripNatives.java" "$jar" "$jar" "$keep_natives" | sed 's/^/[installer]        /'
  done
done
step "2. natives: kept only the $os-$cpu libraries"

# --- 3. jdeps -----------------------------------------------------------------------------------------------------
# jdeps treats a jar with a module descriptor as a module and stops on its 'requires' (other jars here, not JDK
# modules), so there are two passes: the plain jars in one run, then the modular jars' classes without descriptors.
plain=()
modular=()
for jar in "$input"/*.jar; do
  # A zip stores entry names uncompressed: this finds module-info.class, also under META-INF/versions/N/.
  if grep -qa 'module-info\.class' "$jar"; then modular+=("$jar"); else plain+=("$jar"); fi
done
classes="$work/jdeps-classes"
mkdir -p "$classes"
extract_classes() { # unzip is quicker than jar; its exit code 11 means "no .class in this jar"
  if command -v unzip >/dev/null; then
    unzip -qo "$1" '*.class' -d "$classes" || (($? == 11))
  else
    (cd "$classes" && "$JAR" xf "$1")
  fi
}
for jar in ${modular[@]+"${modular[@]}"}; do extract_classes "$jar"; done
find "$classes" -name module-info.class -delete
found=$({
  "$JDEPS" -q --multi-release "$java_release" --ignore-missing-deps --print-module-deps "${plain[@]}"
  "$JDEPS" -q --ignore-missing-deps --print-module-deps "$classes"
} | tr ',' '\n' | tr -d '\r' | sort -u)
jdk_available=$("$JAVA" --list-modules | sed 's/@.*//' | tr -d '\r')
# Keep only the JDK's own modules.
modules=$(printf '%s\n' $found "${extra_modules[@]}" | grep -Fx -f <(printf '%s\n' "$jdk_available") | sort -u | paste -sd, -)
printf '%s\n' "$modules" | tr ',' '\n' >"$work/jdk-modules.txt"
step "3. jdeps: $(wc -l <"$work/jdk-modules.txt" | tr -d ' ') JDK modules ($modules)"

# --- 4. jlink -----------------------------------------------------------------------------------------------------
# No --compress: the installer compresses the runtime far better than jlink's zip does (measured: the runtime's share
# of the .deb drops from 40 to 22 MB), and classes then load without being inflated first. Locale data only for the languages JavaFX's own
# controls are translated into (all locales: +18 MB); other locales fall back to the root formats. A class-data-
# sharing archive of the JDK's classes makes every start faster (measured: 25 %); its twin for heaps of 32 GB and
# more (classes_nocoops.jsa, 11 MB) is never used with the 1 GB heap of java_options, so it goes.
runtime="$work/runtime"
"$JLINK" --add-modules "$modules" --output "$runtime" \
  --strip-debug --no-header-files --no-man-pages \
  --include-locales=en,de,es,fr,it,ja,ko,pt,sv,zh \
  --generate-cds-archive
rm -f "$runtime"/lib/server/classes_nocoops.jsa "$runtime"/bin/server/classes_nocoops.jsa
step "4. jlink: runtime $(du -sh "$runtime" | cut -f1)"

# --- 5. jpackage --------------------------------------------------------------------------------------------------
common=(--name "$name" --app-version "$app_version" --vendor "$vendor" --description "$description" --icon "$icon")
java_args=()
for o in "${java_options[@]}"; do java_args+=(--java-options "$o"); done
"$JPACKAGE" --type app-image "${common[@]}" \
  --input "$input" --main-jar "$main_jar" --main-class "$main_class" \
  --runtime-image "$runtime" "${java_args[@]}" ${image_options[@]+"${image_options[@]}"} \
  --dest "$target/app-image"
image=$(ls -d "$target/app-image"/*)
step "5a. jpackage: app image $(du -sh "$image" | cut -f1) in ${image#"$target"/}"

if [[ -n ${FLOWDECK_APP_IMAGE_ONLY:-} ]]; then
  say "done in $((SECONDS - started)) s: $image (FLOWDECK_APP_IMAGE_ONLY is set: no $type)"
  exit 0
fi
"$JPACKAGE" --type "$type" "${common[@]}" --app-image "$image" ${package_options[@]+"${package_options[@]}"} --dest "$target"
package=$(ls -t "$target"/*."$type" | head -1)
if [[ $os == macos && $app_version != "$version" ]]; then
  mv "$package" "$target/$name-$version.$type"
  package="$target/$name-$version.$type"
fi
step "5b. jpackage: $(basename "$package") $(du -h "$package" | cut -f1)"
say "done in $((SECONDS - started)) s: $package"
