"""The bundle file: a ZIP with a signed manifest, JSON Lines records, BLOB members and a checksum trailer.

Layout (see docs/bundle-format.md)::

    manifest.json          what the bundle holds, with the SHA-256 and size of every other member
    manifest.sig           Ed25519 signature (64 raw bytes) over the exact bytes of manifest.json
    records/<table>.jsonl  one JSON object per line, parents' tables before children's
    versions.jsonl         conflict versions kept for review (they travel too, so replicas converge)
    blobs/<sha256>         large BLOB values (attachments, report PDFs), stored once by content

The ZIP comment is ``fieldapp-sha256:<64 hex>``: the SHA-256 of every byte before those 64 hex
characters, so a flipped bit anywhere, even in ZIP metadata no hash covers, is caught first.
Reading never trusts sizes from the file: names, member counts, sizes and compression ratios are
checked against limits before a single member is decompressed.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .errors import BundleCorrupt, BundleUnsafe

TRAILER_PREFIX = b"fieldapp-sha256:"
_MEMBER_RE = re.compile(r"^(manifest\.json|manifest\.sig|versions\.jsonl|records/[a-z_][a-z0-9_]{0,62}\.jsonl"
                        r"|blobs/[0-9a-f]{64})$")


@dataclass
class Limits:
    max_file: int = 4 << 30          # bytes on disk
    max_members: int = 200_000
    max_member: int = 4 << 30        # one member, uncompressed
    max_total: int = 16 << 30        # all members, uncompressed
    max_ratio: float = 200.0         # uncompressed / compressed, for members above ratio_floor
    ratio_floor: int = 1 << 20
    max_line: int = 64 << 20         # one JSON Lines record


class BundleWriter:
    """Writes members with their hashes, then the manifest, signature and trailer; atomic rename.

    A plain bundle is written to ``.<name>.part`` beside the target; an encrypted one is built in an
    unnamed temporary file (no plain copy ever has a name) and only its encrypted form goes to the
    ``.part`` file.
    """

    def __init__(self, path: str | Path, sealed: bool = False):
        self.path = Path(path)
        self.tmp = self.path.with_name(f".{self.path.name}.part")
        self.plain = tempfile.TemporaryFile(prefix="fieldapp-") if sealed else open(self.tmp, "w+b")
        self.zf = zipfile.ZipFile(self.plain, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
        self.members: dict[str, dict] = {}

    def open_member(self, name: str):
        return _HashingWriter(self, name)

    def write_member(self, name: str, data: bytes, compress: bool = True) -> None:
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        self.zf.writestr(info, data)
        if name not in ("manifest.json", "manifest.sig"):
            self.members[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}

    def finish(self, manifest_bytes: bytes, signature: bytes, seal_to=None) -> Path:
        self.write_member("manifest.json", manifest_bytes)
        self.write_member("manifest.sig", signature, compress=False)
        self.zf.comment = TRAILER_PREFIX + b"0" * 64
        self.zf.close()
        fh = self.plain
        size = fh.seek(0, io.SEEK_END)
        digest = _hash_range(fh, size - 64)
        fh.seek(size - 64)
        fh.write(digest.encode())
        fh.flush()
        if seal_to is not None:
            from .sealed import seal

            with open(self.tmp, "wb") as out:
                seal(fh, out, seal_to)
                out.flush()
                os.fsync(out.fileno())
        else:
            os.fsync(fh.fileno())
        fh.close()
        os.replace(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        try:
            self.zf.close()
        finally:
            self.plain.close()
            self.tmp.unlink(missing_ok=True)


class _HashingWriter:
    def __init__(self, writer: BundleWriter, name: str):
        self.writer, self.name = writer, name
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        self.fh = writer.zf.open(info, "w", force_zip64=True)
        self.h = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.h.update(data)
        self.size += len(data)
        self.fh.write(data)

    def close(self) -> None:
        self.fh.close()
        self.writer.members[self.name] = {"sha256": self.h.hexdigest(), "size": self.size}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _hash_range(fh, length: int) -> str:
    fh.seek(0)
    h, left = hashlib.sha256(), length
    while left > 0:
        chunk = fh.read(min(left, 1 << 20))
        if not chunk:
            break
        h.update(chunk)
        left -= len(chunk)
    return h.hexdigest()


def open_checked(path: str | Path, limits: Limits, fileobj=None) -> zipfile.ZipFile:
    """Open a bundle ZIP after the trailer checksum, member-name and size/ratio checks.

    ``fileobj``: read the ZIP from this open file (a decrypted bundle) instead of ``path``.
    """
    path = Path(path)
    try:
        fh = fileobj or open(path, "rb")
    except OSError as exc:
        raise BundleCorrupt(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        return _open_checked(fh, path, limits)
    except BaseException:
        if fileobj is None:
            fh.close()
        raise


def _open_checked(fh, path: Path, limits: Limits) -> zipfile.ZipFile:
    size = fh.seek(0, io.SEEK_END)
    if size > limits.max_file:
        raise BundleUnsafe(f"the file is {size} bytes, more than the {limits.max_file}-byte limit")
    if size < 100:
        raise BundleCorrupt(f"{path.name} is only {size} bytes: truncated or not a bundle")
    fh.seek(size - 64 - len(TRAILER_PREFIX))
    tail = fh.read()
    if not tail.startswith(TRAILER_PREFIX) or not re.fullmatch(rb"[0-9a-f]{64}", tail[len(TRAILER_PREFIX):]):
        raise BundleCorrupt("the end-of-file checksum is missing: the file is truncated, altered, or not "
                            "a FieldApp bundle")
    if _hash_range(fh, size - 64) != tail[len(TRAILER_PREFIX):].decode():
        raise BundleCorrupt("the whole-file checksum does not match: the file was damaged or altered "
                            "(a flipped bit, a bad USB stick, an incomplete copy)")
    try:
        zf = zipfile.ZipFile(fh)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BundleCorrupt(f"not a readable ZIP bundle: {exc}") from exc
    check_members(infos, limits)
    zf.source = fh  # ZipFile does not close a file object it was given: VerifiedBundle.close does
    return zf


def check_members(infos, limits: Limits) -> None:
    if len(infos) > limits.max_members:
        raise BundleUnsafe(f"{len(infos)} members, more than the limit of {limits.max_members}")
    seen, total = set(), 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in name.split("/") \
                or "\\" in name or "\x00" in name:
            raise BundleUnsafe(f"member name {name!r} points outside the bundle (absolute path or '..')")
        if not _MEMBER_RE.match(name):
            raise BundleUnsafe(f"unexpected member {name!r}: not part of the bundle format")
        if name in seen:
            raise BundleUnsafe(f"member {name!r} appears twice")
        seen.add(name)
        if info.file_size > limits.max_member:
            raise BundleUnsafe(f"member {name} would unpack to {info.file_size} bytes "
                               f"(limit {limits.max_member})")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            raise BundleUnsafe(f"member {name} expands {ratio:.0f}× ({info.compress_size} -> {info.file_size} "
                               f"bytes): refused as a possible decompression bomb")
        total += info.file_size
    if total > limits.max_total:
        raise BundleUnsafe(f"the bundle would unpack to {total} bytes (limit {limits.max_total})")
    for required in ("manifest.json", "manifest.sig"):
        if required not in seen:
            raise BundleCorrupt(f"{required} is missing: not a complete FieldApp bundle")


def hash_member(zf: zipfile.ZipFile, name: str, limit: int, hasher) -> None:
    """Hash a (BLOB) member as it streams out, never holding it whole."""
    seen = 0
    try:
        with zf.open(name) as fh:
            while chunk := fh.read(1 << 20):
                seen += len(chunk)
                if seen > limit:
                    raise BundleUnsafe(f"member {name} is larger than {limit} bytes")
                hasher.update(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
        raise BundleCorrupt(f"member {name} cannot be read: {exc}") from exc


def read_member(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        with zf.open(name) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
        raise BundleCorrupt(f"member {name} cannot be read: {exc}") from exc
    if len(data) > limit:
        raise BundleUnsafe(f"member {name} is larger than {limit} bytes")
    return data


def iter_lines(zf: zipfile.ZipFile, name: str, limits: Limits, hasher=None):
    """Yield (line_no, raw line bytes) of a JSON Lines member, hashing as it reads."""
    try:
        with zf.open(name) as raw:
            buf = io.BufferedReader(raw, 1 << 20)
            n = 0
            while True:
                line = buf.readline(limits.max_line + 1)
                if not line:
                    break
                if hasher is not None:
                    hasher.update(line)
                n += 1
                if len(line) > limits.max_line:
                    raise BundleUnsafe(f"{name} line {n} is longer than {limits.max_line} bytes")
                yield n, line
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
        raise BundleCorrupt(f"member {name} cannot be read: {exc}") from exc
