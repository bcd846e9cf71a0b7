"""Vocabularies as data files: loaded once, read by the extractors.

`*.tsv` files have one entry a line, tab-separated, `#` starting a comment line. Files whose name
says `ggt`, `cameo` or `actor` were derived from public lexicons by `scripts/derive_vocab.py`;
the others are the project's own.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, str]:
    """A two-column TSV as a dict from its first column to its second (later lines win)."""
    out = {}
    for line in _lines(name):
        key, _, value = line.partition("\t")
        out[key.strip().lower()] = value.strip()
    return out


@lru_cache(maxsize=None)
def rows(name: str) -> list[list[str]]:
    return [[c.strip() for c in line.split("\t")] for line in _lines(name)]


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for line in _lines(name) for w in line.split("\t")[:1])
