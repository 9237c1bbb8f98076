"""Near-duplicate phrases: normalised keys, character 3-grams, MinHash signatures and LSH bands.

Two phrases are near-duplicates when the Jaccard similarity of the 3-grams of their keys is at
least `JACCARD_MIN`. Candidates are found through MinHash bands: `BANDS` bands of `ROWS` values,
so keys with Jaccard ≥ 0.8 share a band with probability ~0.9. Signatures are stored as 64-byte
blobs (`signature_blob`) and bands as 64-bit integers, both stable across processes and runs.
"""

from __future__ import annotations

import hashlib
import re
import struct
from functools import lru_cache

COUNTY_MARK = "〔本县〕"
JACCARD_MIN = 0.8
BANDS, ROWS = 4, 4
SHINGLE_CACHE = 1 << 17
"""Shingles whose hashes are remembered (about 0.2 kB each); report wording repeats a lot."""
SIGNATURE_CACHE = 1 << 14
"""Keys whose signatures are remembered (about 0.8 kB each); many phrases recur verbatim."""
_KEY_SLOT = re.compile(r"⟦[^⟦⟧]*⟧|【待填：[^】]*】|〔[上本下]年〕|\d+(?:[.,]\d+)*[万亿]?%?")
_KEY_DROP = re.compile(r"[^\u3400-\u9fff#@A-Za-z]")
_HASHES = struct.Struct(f"={BANDS * ROWS}I")
SIGNATURE_BYTES = _HASHES.size
_BAND = struct.Struct(f"<{ROWS + 1}I")
BAND_IDS = struct.Struct(f"={BANDS}q")
"""The band ids of one phrase, packed."""


def phrase_key(text: str, county: str | None = None) -> str:
    """Normalised text: slots, figures and years as `#`, the county as `@`, no punctuation."""
    if county:
        text = text.replace(county, COUNTY_MARK)
    text = text.replace(COUNTY_MARK, "@")
    return _KEY_DROP.sub("", _KEY_SLOT.sub("#", text))


def shingles(key: str, size: int = 3) -> frozenset[str]:
    """Character n-grams of a key (the key itself when shorter)."""
    if len(key) <= size:
        return frozenset({key})
    return frozenset([key[i : i + size] for i in range(len(key) - size + 1)])


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


@lru_cache(maxsize=SHINGLE_CACHE)
def _shingle_digest(shingle: str) -> bytes:
    return hashlib.blake2b(shingle.encode(), digest_size=_HASHES.size).digest()


@lru_cache(maxsize=SIGNATURE_CACHE)
def sketch(key: str) -> tuple[tuple[int, ...], int]:
    """(MinHash signature, number of distinct 3-grams) of a phrase key.

    The hash functions are the 32-bit words of one BLAKE2b digest per shingle (stable across
    processes, unlike `hash`).
    """
    grams = shingles(key)
    size = BANDS * ROWS
    words = memoryview(b"".join(map(_shingle_digest, grams))).cast("I")
    return tuple(min(words[i::size]) for i in range(size)), len(grams)


def minhash_signature(key: str) -> tuple[int, ...]:
    """MinHash signature of a phrase key over its character 3-grams (`BANDS * ROWS` values)."""
    return sketch(key)[0]


def signature_blob(signature: tuple[int, ...]) -> bytes:
    """A signature as stored (64 bytes)."""
    return _HASHES.pack(*signature)


def signature_of_blob(blob: bytes) -> tuple[int, ...]:
    return _HASHES.unpack(blob)


def signatures_of_blob(blob: bytes) -> list[tuple[int, ...]]:
    """Signatures packed one after another by `signature_blob`."""
    return list(_HASHES.iter_unpack(blob))


def estimated_jaccard(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Share of equal values of two signatures (an estimate of the keys' Jaccard similarity)."""
    return sum(map(int.__eq__, a, b)) / len(a)


def minhash_bands(key: str, signature: tuple[int, ...] | None = None) -> list[int]:
    """LSH band ids of a phrase key: keys with Jaccard ≥ 0.8 share a band with probability ~0.9.

    A band id is a signed 64-bit BLAKE2b hash of the band's number and values.
    """
    values = signature or minhash_signature(key)
    return [
        int.from_bytes(
            hashlib.blake2b(
                _BAND.pack(band, *values[band * ROWS : (band + 1) * ROWS]), digest_size=8
            ).digest(),
            "little",
            signed=True,
        )
        for band in range(BANDS)
    ]
