#!/usr/bin/env python3
"""Writes zlib streams made by the reference C zlib (through Python's zlib
module) with a range of levels, strategies, window sizes and flushes, for
internal/compress to decode. Run from this directory: python3 gen.py"""
import zlib

lines = [f"Claim 169 line {i}: identity data, repeated and varied {i * i % 97}\n" for i in range(60)]
plain = "".join(lines).encode() + bytes(range(256)) * 2
open("plain.bin", "wb").write(plain)


def stream(level=9, wbits=15, mem=8, strategy=zlib.Z_DEFAULT_STRATEGY, flush_every=0, data=plain):
    c = zlib.compressobj(level, zlib.DEFLATED, wbits, mem, strategy)
    out = b""
    if flush_every:
        for i in range(0, len(data), flush_every):
            out += c.compress(data[i:i + flush_every])
            out += c.flush(zlib.Z_SYNC_FLUSH if i % 2 == 0 else zlib.Z_FULL_FLUSH)
    else:
        out += c.compress(data)
    return out + c.flush(zlib.Z_FINISH)


cases = {f"level{lvl}": stream(level=lvl) for lvl in range(0, 10)}
cases.update({
    "huffman-only": stream(strategy=zlib.Z_HUFFMAN_ONLY),
    "rle": stream(strategy=zlib.Z_RLE),
    "fixed": stream(strategy=zlib.Z_FIXED),
    "filtered": stream(strategy=zlib.Z_FILTERED),
    "window512": stream(wbits=9),
    "window4k": stream(wbits=12),
    "memlevel1": stream(mem=1),
    "flushes": stream(flush_every=333),
    "stored-flushes": stream(level=0, flush_every=100),
})
for name, z in cases.items():
    assert zlib.decompress(z) == plain
    open(f"{name}.zz", "wb").write(z)
empty = zlib.compress(b"", 9)
open("empty.zz", "wb").write(empty)
