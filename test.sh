#!/usr/bin/env bash
# Runs every test of UCV: installs the Debian packages the tests need (when missing), then the
# whole Maven build: unit tests and the integration tests against the real distribution (Java 17
# and Java 25), then a smoke run of the benchmark. Extra arguments go to Maven (e.g. -o).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Debian packages used by the tests: reference encoders/decoders and real protocol peers.
packages=(ffmpeg
  gir1.2-gst-rtsp-server-1.0 python3-gi gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-tools
  motion
  onvif-tools python3-prometheus-client
  chromium)

missing=()
if command -v dpkg >/dev/null 2>&1; then
  for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
else
  echo "test.sh: no dpkg here; make sure these are installed: ${packages[*]}" >&2
fi
if ((${#missing[@]} > 0)); then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "test.sh: missing Debian packages (${missing[*]}) and neither root nor sudo to install them" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]}"
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

mvn -B -ntp install "$@"

# The benchmark is not a test: a few-second run keeps the harness working and asserts no speed.
mvn -B -ntp -q -pl bench exec:java -Dexec.args=--smoke "$@"
