#!/usr/bin/env bash
# Idempotent setup for FieldApp on Debian 12 / Ubuntu.
#   scripts/setup.sh          system libraries + .venv with the app
#   scripts/setup.sh --test   the same, plus test tools (poppler, gdal, socat, xvfb, pytest...) and
#                             the build tool (the suite builds the one-folder app once)
#   scripts/setup.sh --build  the app plus PyInstaller (the "build" extra), for scripts/build.sh
# Installs apt packages as root directly, through `sudo -n` for a normal user, or prints
# the exact apt line and stops when neither is possible. Safe to run again: it only does
# what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WANT_TEST=0
WANT_BUILD=0
for arg in "$@"; do
  case "$arg" in
    --test) WANT_TEST=1; WANT_BUILD=1 ;;
    --build) WANT_BUILD=1 ;;
    *) echo "usage: scripts/setup.sh [--test] [--build]" >&2; exit 2 ;;
  esac
done

log() { printf '\033[1m[fieldapp setup]\033[0m %s\n' "$*" >&2; }

# --- system packages -------------------------------------------------------------------
APT_RUN=(python3 python3-venv python3-pip
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3
  libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libasound2 libxkbfile1
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
  libsqlite3-mod-spatialite fonts-wqy-zenhei
  # report faces (GB/T 9704 style): Song title and body, Kai headings, Times-metric Latin, symbols
  fonts-arphic-gbsn00lp fonts-arphic-uming fonts-arphic-ukai fonts-liberation2 fonts-dejavu-core)
APT_TEST=(poppler-utils socat spatialite-bin gdal-bin xvfb xauth zbar-tools
  postgresql-15 postgresql-15-postgis-3)  # the working group's server (fieldapp/server) is tested on a real PostGIS
want=("${APT_RUN[@]}")
[ $WANT_TEST = 1 ] && want+=("${APT_TEST[@]}")

missing=()
for p in "${want[@]}"; do
  # libasound2 is a virtual package on newer Ubuntu (libasound2t64): accept either.
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
     && ! dpkg-query -W -f='${Status}' "${p}t64" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n";
    elif command -v sudo >/dev/null && [ -t 0 ]; then SUDO="sudo";
    else
      log "These system packages are missing and I cannot install them without root:"
      echo "    sudo apt-get install -y ${missing[*]}" >&2
      log "Run that line (or ask your administrator), then run this command again."
      exit 2
    fi
  fi
  log "installing system packages: ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  apt_install() { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
  if ! apt_install "${missing[@]}"; then
    # a release without PostgreSQL 15 (e.g. newer Ubuntu): install the rest, say what the server tests need
    rest=(); pg=()
    for p in "${missing[@]}"; do case $p in postgresql-*) pg+=("$p") ;; *) rest+=("$p") ;; esac; done
    [ ${#pg[@]} -gt 0 ] || exit 2
    [ ${#rest[@]} -eq 0 ] || apt_install "${rest[@]}"
    log "could not install ${pg[*]}: the server tests (tests/server) will be skipped. Install them with:"
    echo "    sudo apt-get install -y ${pg[*]}" >&2
    # in CI the server tests must run: a machine without PostgreSQL is a failed setup, not a skip
    case "${CI:-}" in ""|0|false|no) ;; *) exit 2 ;; esac
  fi
fi

# --- python environment ----------------------------------------------------------------
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  log "creating .venv"
  "$PY" -m venv .venv
fi
VPY=.venv/bin/python
stamp=.venv/.fieldapp-installed
# extras wanted now; the stamp lists the extras installed so far (one word per line)
extras=()
[ $WANT_TEST = 1 ] && extras+=(test)
[ $WANT_BUILD = 1 ] && extras+=(build)
need_pip=1
# skip pip when pyproject.toml has not changed since the last install and every wanted extra is in
if [ -f "$stamp" ] && [ "$stamp" -nt pyproject.toml ] && [ "$stamp" -nt setup.py ] && grep -Fqx base "$stamp"; then
  need_pip=0
  for e in "${extras[@]}"; do grep -Fqx "$e" "$stamp" || need_pip=1; done
fi
if [ $need_pip = 1 ]; then
  # keep the extras an earlier run installed (pip would not remove them anyway)
  if [ -f "$stamp" ]; then
    while read -r e; do
      if [[ "$e" =~ ^[a-z]+$ ]] && [ "$e" != base ] && [[ " ${extras[*]} " != *" $e "* ]]; then extras+=("$e"); fi
    done < "$stamp"
  fi
  spec="."
  [ ${#extras[@]} -gt 0 ] && spec=".[$(IFS=,; echo "${extras[*]}")]"
  log "installing python packages ($spec)"
  "$VPY" -m pip install -q --disable-pip-version-check -e "$spec"
  { echo base; for e in "${extras[@]}"; do echo "$e"; done; } > "$stamp"
fi

# --- generated files: Qt forms, translations, offline web assets -----------------------
"$VPY" -m fieldapp.build_assets
log "ready"
