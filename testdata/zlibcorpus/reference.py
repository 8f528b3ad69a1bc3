#!/usr/bin/env python3
"""Computes the length of the zlib stream that C zlib's level 9 writes for
each credential of corpus.jsonl.gz, with the defaults of zlib's
compress2(level 9): method DEFLATED, a 32 KiB window (wbits 15), memLevel 8
and Z_DEFAULT_STRATEGY. Writes reference.json beside the corpus.

Run from anywhere: python3 testdata/zlibcorpus/reference.py
Python's zlib module is C zlib; the version used is recorded in the output.
"""
import gzip
import json
import os
import zlib

here = os.path.dirname(os.path.abspath(__file__))


def czlib9(data):
    c = zlib.compressobj(9, zlib.DEFLATED, 15, 8, zlib.Z_DEFAULT_STRATEGY)
    return c.compress(data) + c.flush(zlib.Z_FINISH)


rows = []
with gzip.open(os.path.join(here, "corpus.jsonl.gz"), "rt", encoding="utf-8") as f:
    for line in f:
        cred = json.loads(line)
        data = bytes.fromhex(cred["cose"])
        out = czlib9(data)
        assert zlib.decompress(out) == data
        rows.append({"name": cred["name"], "length": len(data), "czlib9": len(out)})

with open(os.path.join(here, "reference.json"), "w", encoding="utf-8") as f:
    f.write('{"zlib": %s,\n "parameters": "level 9, DEFLATED, wbits 15, memLevel 8, Z_DEFAULT_STRATEGY",\n'
            % json.dumps(zlib.ZLIB_RUNTIME_VERSION))
    f.write(' "credentials": [\n')
    f.write(",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in rows))
    f.write("\n ]}\n")
print(len(rows), "credentials, zlib", zlib.ZLIB_RUNTIME_VERSION)
