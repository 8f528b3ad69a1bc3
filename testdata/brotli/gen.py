#!/usr/bin/python3
"""Writes Claim 169 credentials compressed by libbrotli, the C library, as QR
text: the COSE message of a golden vector (or of the specification's
example) compressed with the Brotli module of Debian's python3-brotli or with
the brotli command-line tool, then Base45 (RFC 9285). Run from this
directory with the system Python, which has the brotli module:

    /usr/bin/python3 gen.py
"""
import json
import subprocess
import zlib

import brotli

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def base45(data):
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        out += [ALPHABET[n % 45], ALPHABET[n // 45 % 45], ALPHABET[n // 2025]]
    if len(data) % 2:
        n = data[-1]
        out += [ALPHABET[n % 45], ALPHABET[n // 45]]
    return "".join(out)


def golden_cose(name):
    with open(f"../../internal/vectors/golden/{name}.json") as f:
        return bytes.fromhex(json.load(f)["cose"])


def spec_cose():
    with open("../../internal/vectors/mosip-spec/spec-example-cose.hex") as f:
        return bytes.fromhex(f.read().strip())


def python(data, q, w, text=False):
    mode = brotli.MODE_TEXT if text else brotli.MODE_GENERIC
    return brotli.compress(data, quality=q, lgwin=w, mode=mode)


def cli(data, q, w):
    return subprocess.run(["brotli", "-c", "-q", str(q), "-w", str(w)], input=data, capture_output=True, check=True).stdout


def sniffs_zlib(data):
    return len(data) >= 2 and data[0] == 0x78 and (data[0] * 256 + data[1]) % 31 == 0


cases = [
    ("01-minimal", golden_cose("01-minimal"), "python-q11-w16", lambda d: python(d, 11, 16)),
    ("02-demographics-full", golden_cose("02-demographics-full"), "python-q9-w22", lambda d: python(d, 9, 22)),
    ("02-demographics-full", golden_cose("02-demographics-full"), "cli-q11-w24", lambda d: cli(d, 11, 24)),
    ("06-kid-protected-tag61", golden_cose("06-kid-protected-tag61"), "python-q5-w18-text", lambda d: python(d, 5, 18, True)),
    ("12-deviations-spec-style", golden_cose("12-deviations-spec-style"), "cli-q4-w16", lambda d: cli(d, 4, 16)),
    ("mosip-spec", spec_cose(), "python-q11-w20", lambda d: python(d, 11, 20)),
]
for name, cose, how, compress in cases:
    br = compress(cose)
    assert brotli.decompress(br) == cose
    assert not sniffs_zlib(br), f"{name}.{how} would be read as zlib"
    with open(f"{name}.{how}.txt", "w") as f:
        f.write(base45(br) + "\n")
    print(f"{name}.{how}: {len(cose)} bytes of COSE, {len(br)} of Brotli, {len(zlib.compress(cose, 9))} of zlib")
