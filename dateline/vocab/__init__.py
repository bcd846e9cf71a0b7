"""Vocabularies as data files: read once, checked as they are read, used by the extractors.

Two kinds of file:
- `*.tsv` / `*.txt`: one entry a line, tab-separated columns, `#` starting a comment line. Files whose
  name says `ggt`, `cameo` or `actor` were derived from public lexicons by `scripts/derive_vocab.py`,
  `attribution_cues.tsv` by `scripts/learn_cues.py`.
- `*.toml`: the named word lists of one extractor (`quotes.toml`, `metrics.toml`, …), each with a
  comment saying what it is for and where it came from. A list must hold no word twice, and a list
  read as lower case must hold no capitals: a mistake in a file fails at load, naming the file and key.

A `Vocab` reads from the packaged folder or from any folder holding the same files (a saved spaCy
pipeline keeps its own copies); it remembers which files it read, so they can be saved beside a model.
"""
from __future__ import annotations

import dataclasses
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


class VocabError(ValueError):
    """A vocabulary file that breaks its own rules (a duplicate, a capital in a lower-case list)."""


class Vocab:
    """The vocabulary files of one folder (the packaged one by default), each read and parsed once."""

    def __init__(self, folder: Path | str | None = None):
        self.folder = Path(folder) if folder is not None else None
        self.read: set[str] = set()
        self._cache: dict[tuple[str, str], Any] = {}

    def text(self, name: str) -> str:
        self.read.add(name)
        if self.folder is not None:
            return (self.folder / name).read_text(encoding="utf-8")
        return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")

    def _once(self, kind: str, name: str, build):
        """`build(name)` once per file and kind of reading."""
        key = (kind, name)
        if key not in self._cache:
            self._cache[key] = build(name)
        return self._cache[key]

    def lines(self, name: str) -> list[str]:
        return self._once("lines", name, lambda n: [
            line for line in self.text(n).splitlines() if line.strip() and not line.startswith("#")])

    def rows(self, name: str) -> list[list[str]]:
        return self._once("rows", name, lambda n: [[c.strip() for c in line.split("\t")] for line in self.lines(n)])

    def table(self, name: str) -> dict[str, str]:
        """A TSV as a dict from its first column (lower case) to the rest of the line (later lines win)."""
        def build(n: str) -> dict[str, str]:
            out = {}
            for line in self.lines(n):
                key, _, value = line.partition("\t")
                out[key.strip().lower()] = value.strip()
            return out
        return self._once("table", name, build)

    def words(self, name: str) -> frozenset[str]:
        """The first column of a list file, lower case."""
        return self._once("words", name, lambda n: frozenset(
            line.split("\t")[0].strip().lower() for line in self.lines(n)))

    def toml(self, name: str) -> dict[str, Any]:
        return self._once("toml", name, lambda n: tomllib.loads(self.text(n)))

    def entry(self, name: str, key: str) -> Any:
        """The value at a dotted key of a TOML file (`change.up`)."""
        value: Any = self.toml(name)
        for part in key.split("."):
            if not isinstance(value, dict) or part not in value:
                raise VocabError(f"{name}: no entry {key!r}")
            value = value[part]
        return value

    def word_list(self, name: str, key: str, lower: bool = True) -> tuple[str, ...]:
        """A TOML list of words in its order, checked: strings only, no word twice, lower case if asked."""
        items = self.entry(name, key)
        if not isinstance(items, list) or not items or not all(isinstance(w, str) and w for w in items):
            raise VocabError(f"{name}: {key} must be a non-empty list of words")
        seen: set[str] = set()
        for word in items:
            if word in seen:
                raise VocabError(f"{name}: {key} lists {word!r} twice")
            if lower and word != word.lower():
                raise VocabError(f"{name}: {key} is read as lower case but holds {word!r}")
            seen.add(word)
        return tuple(items)

    def word_set(self, name: str, key: str, lower: bool = True) -> frozenset[str]:
        return frozenset(self.word_list(name, key, lower))

    def mapping(self, name: str, key: str) -> dict[str, Any]:
        value = self.entry(name, key)
        if not isinstance(value, dict) or not value:
            raise VocabError(f"{name}: {key} must be a non-empty table")
        return dict(value)

    def word_fields(self, cls, name: str) -> dict[str, frozenset[str]]:
        """The word sets of a rules dataclass whose fields name their key: `field(metadata={"vocab": "a.b"})`,
        with `"case": True` for a list whose case matters."""
        return {f.name: self.word_set(name, f.metadata["vocab"], lower=not f.metadata.get("case"))
                for f in dataclasses.fields(cls) if "vocab" in f.metadata}

    def save(self, folder: Path) -> None:
        """Copy every file this vocabulary has read into `folder`."""
        folder.mkdir(parents=True, exist_ok=True)
        for name in sorted(self.read):
            (folder / name).write_text(self.text(name), encoding="utf-8")


def word_field(key: str, case: bool = False):
    """A field of a rules dataclass that `Vocab.word_fields` reads from the word list at `key` of the
    class's TOML file (`case`: the list is not lower case)."""
    return dataclasses.field(metadata={"vocab": key, "case": case})


@lru_cache(maxsize=1)
def packaged() -> Vocab:
    """The vocabulary shipped with dateline, shared by everything in one process."""
    return Vocab()


def table(name: str) -> dict[str, str]:
    return packaged().table(name)


def rows(name: str) -> list[list[str]]:
    return packaged().rows(name)


def words(name: str) -> frozenset[str]:
    return packaged().words(name)
