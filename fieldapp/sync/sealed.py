"""Encrypted ("sealed") bundles, encrypted and decrypted as a stream.

File layout::

    FIELDAPP-SEALED-2\\n
    80 bytes   libsodium sealed box (X25519, ephemeral sender key) of a random 32-byte stream key
    24 bytes   crypto_secretstream_xchacha20poly1305 header
    chunks     1 MiB of the bundle each, + 17 bytes of tag and MAC; the last one carries TAG_FINAL

Only the recipient's private key opens the stream key. Each chunk is authenticated and ordered, and
a missing end (TAG_FINAL) is detected, so a truncated file fails. Nothing plain is ever written
under a file name: the writer builds the ZIP in an unnamed temporary file, and the reader decrypts
into one (``tempfile.TemporaryFile``: unlinked at creation, so even a killed import leaves nothing).
"""
from __future__ import annotations

import tempfile

from nacl import bindings as sodium
from nacl.exceptions import CryptoError
from nacl.public import SealedBox
from nacl.utils import random

from .errors import BundleCorrupt, BundleError

MAGIC = b"FIELDAPP-SEALED-2\n"
OLD_MAGIC = b"FIELDAPP-SEALED-1\n"
CHUNK = 1 << 20
KEY_BOX = 32 + 48  # sealed box of a 32-byte key
ABYTES = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
HEADER = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES


def is_sealed(path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(len(MAGIC))
    if head == OLD_MAGIC:
        raise BundleError("this encrypted bundle uses an old format; update FieldApp on the sending laptop "
                          "and export it again")
    return head == MAGIC


def seal(src, dst, recipient) -> None:
    """Encrypt the whole of file object ``src`` (from its start) into file object ``dst``."""
    key = random(32)
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    header = sodium.crypto_secretstream_xchacha20poly1305_init_push(state, key)
    dst.write(MAGIC + SealedBox(recipient).encrypt(key) + header)
    src.seek(0)
    chunk = src.read(CHUNK)
    while True:
        nxt = src.read(CHUNK)
        tag = (sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL if not nxt
               else sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)
        dst.write(sodium.crypto_secretstream_xchacha20poly1305_push(state, chunk, None, tag))
        if not nxt:
            return
        chunk = nxt


def unseal(path, private_key):
    """Decrypt ``path`` into an unnamed temporary file, returned open at position 0."""
    out = tempfile.TemporaryFile(prefix="fieldapp-")
    try:
        with open(path, "rb") as fh:
            fh.seek(len(MAGIC))
            boxed, header = fh.read(KEY_BOX), fh.read(HEADER)
            try:
                key = SealedBox(private_key).decrypt(boxed)
                state = sodium.crypto_secretstream_xchacha20poly1305_state()
                sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, header, key)
                final = False
                while True:
                    block = fh.read(CHUNK + ABYTES)
                    if not block:
                        break
                    if final:
                        raise CryptoError("data after the final chunk")
                    plain, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, block, None)
                    out.write(plain)
                    final = tag == sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
            except (CryptoError, ValueError, TypeError) as exc:
                raise BundleCorrupt("the bundle is encrypted to another key, or it was altered or truncated "
                                    "(decryption failed)") from exc
            if not final:
                raise BundleCorrupt("the encrypted bundle is truncated (its last part is missing)")
        out.seek(0)
        return out
    except BaseException:
        out.close()
        raise
