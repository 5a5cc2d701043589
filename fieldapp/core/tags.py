"""Short, stable names for installations, used where a number or code must not clash across teams.

``device_tag`` is 4 characters of base32 (A-Z, 2-7) from the SHA-256 of the installation's device id:
the same on every laptop that holds a record of that device, readable over the phone, and different
for two installations except by a 1-in-a-million chance (which the merge still handles).
"""
from __future__ import annotations

import base64
import hashlib


def device_tag(device_id: str) -> str:
    return base64.b32encode(hashlib.sha256(device_id.encode()).digest()).decode()[:4]
