#!/usr/bin/env bash
# Build the laptop application from build.spec: dist/fieldapp/ (one folder: copy it anywhere and
# run dist/fieldapp/fieldapp) and the versioned archive dist/fieldapp-<version>-<platform>.tar.gz
# (.zip on Windows). The build runs on the kind of system it is for: build on Windows for Windows.
#
#   scripts/build.sh               set up (PyInstaller comes with the "build" extra), build, archive
#   scripts/build.sh --no-archive  the folder only
#
# dist/fieldapp/BUILD-INFO records the version, commit, source digest (scripts/source_digest.py),
# build time and size; the test suite reuses a build whose digest matches the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
ARCHIVE=1
for arg in "$@"; do
  case "$arg" in
    --no-archive) ARCHIVE=0 ;;
    *) echo "usage: scripts/build.sh [--no-archive]" >&2; exit 2 ;;
  esac
done
log() { printf '\033[1m[fieldapp build]\033[0m %s\n' "$*" >&2; }

scripts/setup.sh --build
VPY=.venv/bin/python
[ -x "$VPY" ] || VPY=.venv/Scripts/python.exe      # a Windows venv (Git Bash)
start=$(date +%s)
digest=$("$VPY" scripts/source_digest.py)
log "pyinstaller build.spec"
rm -rf dist/fieldapp
"$VPY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec
built=$(date +%s)

version=$("$VPY" -c "from importlib.metadata import version; print(version('fieldapp'))")
platform=$("$VPY" -c "import sysconfig; print(sysconfig.get_platform())")
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
size_mb=$(du -sm dist/fieldapp | cut -f1)
cat > dist/fieldapp/BUILD-INFO <<EOF
version: $version
platform: $platform
commit: $commit
source-digest: $digest
built: $(date -u +%Y-%m-%dT%H:%M:%SZ)
build-seconds: $((built - start))
size-mb: $size_mb
EOF
log "dist/fieldapp: ${size_mb} MB, built in $((built - start)) s"

if [ $ARCHIVE = 1 ]; then
  name="fieldapp-${version}-${platform}"
  rm -f "dist/${name}".*
  # tar.gz (zip on Windows), fast compression: the folder is mostly compiled libraries
  "$VPY" - "$name" <<'PY'
import os, sys, tarfile, zipfile
name = sys.argv[1]
os.chdir("dist")
if os.name == "nt":
    with zipfile.ZipFile(f"{name}.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=3) as zf:
        for folder, _dirs, files in os.walk("fieldapp"):
            for f in files:
                zf.write(os.path.join(folder, f))
    print(f"dist/{name}.zip")
else:
    with tarfile.open(f"{name}.tar.gz", "w:gz", compresslevel=3) as tf:
        tf.add("fieldapp")
    print(f"dist/{name}.tar.gz")
PY
  log "archive made in $(( $(date +%s) - built )) s"
fi
