"""The digest of everything that goes into the frozen build: sources, data, build files, and the
versions of the installed Python packages. scripts/build.sh writes it into dist/fieldapp/BUILD-INFO;
the test suite rebuilds only when it differs (tests/frozen/conftest.py).

    python scripts/source_digest.py        # prints the hex digest
"""
from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREES = ("fieldapp", "resources", "forms")
FILES = ("build.spec", "setup.py", "pyproject.toml", "scripts/build.sh")
SKIP_PARTS = {"__pycache__", ".pytest_cache"}


def source_files(root: Path = ROOT) -> list[Path]:
    found = [root / f for f in FILES if (root / f).is_file()]
    for tree in TREES:
        found += [p for p in (root / tree).rglob("*")
                  if p.is_file() and not SKIP_PARTS.intersection(p.parts) and p.suffix != ".pyc"]
    return sorted(found)


def digest(root: Path = ROOT) -> str:
    h = hashlib.sha256()
    for path in source_files(root):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    h.update("\n".join(packages).encode())
    h.update(sys.version.encode())
    return h.hexdigest()


if __name__ == "__main__":
    print(digest())
