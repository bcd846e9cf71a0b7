"""Readers, one per input form. Each yields `RawArticle`s or `Rejection`s and never raises on bad input.

`discover(location)` picks the reader: a folder is walked for every known file form, a file goes
by its suffix, an http(s) URL is read as a feed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from dateline.records import RawArticle, Rejection
from dateline.sources.tabular import read_csv, read_jsonl
from dateline.sources.text import read_text_file

Item = RawArticle | Rejection
FILE_READERS = {".txt": read_text_file, ".jsonl": read_jsonl, ".gz": read_jsonl, ".csv": read_csv}


def _reader_for(path: Path):
    name = path.name.lower()
    if name.endswith(".jsonl.gz") or name.endswith(".jsonl"):
        return read_jsonl
    if name.endswith(".xml") or name.endswith(".rss") or name.endswith(".atom"):
        from dateline.sources.feeds import read_feed

        return read_feed
    return FILE_READERS.get(path.suffix.lower()) if path.suffix.lower() != ".gz" else None


def discover(location: str, state: dict | None = None) -> Iterator[Item]:
    """Everything one `--source` names, as raw articles and rejections (`state`: see feeds.read_feed)."""
    if location.startswith(("http://", "https://")):
        from dateline.sources.feeds import read_feed

        yield from read_feed(location, state=state)
        return
    path = Path(location)
    if not path.exists():
        yield Rejection(location, location, "source not found")
        return
    if path.is_dir():
        yield from _read_folder(path, location)
        return
    reader = _reader_for(path)
    if reader is None:
        yield Rejection(location, location, f"unknown input form {path.suffix!r}; expected .txt, .jsonl, .jsonl.gz, .csv or a feed")
        return
    yield from reader(path, root=path.parent if reader is read_text_file else None)


def _read_folder(path: Path, location: str) -> Iterator[Item]:
    """Every known file under a folder; a link to such a file that leads nowhere (broken, or a loop) is
    a rejection, not skipped in silence."""
    candidates = sorted(p for p in path.rglob("*") if _reader_for(p))
    files = [p for p in candidates if p.is_file()]
    for link in (p for p in candidates if p.is_symlink() and not p.exists()):
        yield Rejection(location, link.relative_to(path).as_posix(), "symbolic link that leads nowhere (broken or a loop)")
    if not files and len(candidates) == 0:
        yield Rejection(location, location, "folder holds no .txt, .jsonl, .jsonl.gz, .csv or feed files")
    for file in files:
        yield from _reader_for(file)(file, root=path)
