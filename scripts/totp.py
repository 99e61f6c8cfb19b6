#!/usr/bin/env python3
"""Print the RFC 6238 code of a base32 seed, as an authenticator app would.

    scripts/totp.py SECRET [OFFSET_SECONDS]

OFFSET_SECONDS (default 0) shifts the clock, e.g. 30 for the next code.
"""
import base64
import hashlib
import hmac
import struct
import sys
import time

secret = sys.argv[1]
offset = int(sys.argv[2]) if len(sys.argv) > 2 else 0
key = base64.b32decode(secret + "=" * (-len(secret) % 8))
counter = int((time.time() + offset) // 30)
digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
start = digest[-1] & 0x0F
code = (struct.unpack(">I", digest[start:start + 4])[0] & 0x7FFFFFFF) % 1_000_000
print(f"{code:06d}")
