"""JSON Lines (`.jsonl`, `.jsonl.gz`) and CSV: one article a line or a row, with the contract's field names.

Both are read as streams (`lines.py`), so a file of any size costs one line of memory, and a bad line or
row is a rejection naming the file and line while the others load. A line without an `id` is keyed by
its file and line number: `a/news.jsonl:3` in a folder source, the path as given for a file source, so two
files of the same name in different folders never replace each other's articles.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Iterator

from dateline.records import RawArticle, Rejection
from dateline.sources.lines import CORRUPT, Line, is_gzip, read_lines

BODY_KEYS = ("body", "text", "content")
KNOWN_KEYS = {"id", "date", "title", "city", "url", "source", *BODY_KEYS}
MAX_BAD_LINES = 1000  # past this many rejected lines a file is not a JSON Lines file: stop reading it
DELIMITERS = (",", ";", "\t", "|")


def _type_name(value) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _article_id(record: dict, location: str) -> tuple[str | None, str | None]:
    """The record's id as text (numbers as written), else `location`; or a reason it has none usable."""
    value = record.get("id")
    if value is None or value == "":
        return location, None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, f"`id` must be text or a number, not {_type_name(value)}"
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else repr(value)), None
    return str(value), None


def _body(record: dict) -> tuple[str | None, str]:
    """The first non-empty body field, or None and why there is none."""
    for key in BODY_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value, ""
        if value is not None and not isinstance(value, str):
            return None, f"`{key}` must be text, not {_type_name(value)}"
    return None, "no body (expected a non-empty `body`, `text` or `content` field)"


def record_to_article(record: dict, source: str, location: str, default_id: str | None = None) -> RawArticle | Rejection:
    """One JSON object or CSV row to a raw article (`default_id` when it has no id, else `location`); a row
    without a usable body or id is a rejection."""
    body, why = _body(record)
    article_id, bad_id = _article_id(record, default_id or location)
    if body is None or article_id is None:
        return Rejection(source, location, why if body is None else bad_id,
                         json.dumps(record, ensure_ascii=False, default=str)[:200])
    extra = {k: v for k, v in record.items() if k not in KNOWN_KEYS}

    def text(key: str) -> str | None:
        value = record.get(key)
        return str(value) if value not in (None, "") else None

    return RawArticle(article_id=article_id, source=text("source") or source, text=body, title=text("title"),
                      url=text("url"), date=text("date"), city=text("city"), extra=extra)


def file_label(path: Path, root: Path | None) -> str:
    """The file as rejections name it: relative to a folder source, its name for a file source."""
    return path.relative_to(root).as_posix() if root is not None and path.is_relative_to(root) else path.name


def id_label(path: Path, root: Path | None) -> str:
    """The file as the ids of its id-less lines name it: relative to a folder source, as given for a file
    source (`a/news.jsonl` and `b/news.jsonl` given one by one stay apart)."""
    return file_label(path, root) if root is not None else path.as_posix()


def read_jsonl(path: Path, root: Path | None = None) -> Iterator[RawArticle | Rejection]:
    """A gzip file's articles are held back until its checksum has passed: corrupt data is one rejection."""
    items = _jsonl_items(path, root)
    if not is_gzip(path):
        yield from items
        return
    held = list(items)
    last = held[-1] if held else None
    if isinstance(last, Rejection) and last.reason.startswith(CORRUPT):
        yield last
        return
    yield from held


def _jsonl_items(path: Path, root: Path | None) -> Iterator[RawArticle | Rejection]:
    source, label, bad = str(path), file_label(path, root), 0
    try:
        for line in read_lines(path):
            item = _line_article(line, source, f"{label}:{line.number}", f"{id_label(path, root)}:{line.number}")
            if item is None:
                continue
            bad += isinstance(item, Rejection)
            yield item
            if line.stop:
                return
            if bad >= MAX_BAD_LINES:
                yield Rejection(source, f"{label}:{line.number}", f"{bad} bad lines: not a JSON Lines file? "
                                "The rest of it is not read")
                return
    except OSError as exc:
        yield Rejection(source, label, f"cannot read JSON Lines file: {exc.strerror or exc}")


def _line_article(line: Line, source: str, location: str, default_id: str) -> RawArticle | Rejection | None:
    if line.text is None:
        return Rejection(source, location, line.problem or "unreadable line")
    if not line.text.strip():
        return None
    try:
        record = json.loads(line.text)
    except json.JSONDecodeError as exc:
        return Rejection(source, location, f"malformed JSON: {exc.msg} at column {exc.colno}", line.text[:200])
    except RecursionError:
        return Rejection(source, location, "malformed JSON: nested too deeply", line.text[:200])
    if not isinstance(record, dict):
        return Rejection(source, location, "a JSON line must be an object", line.text[:200])
    return record_to_article(record, source, location, default_id)


def read_csv(path: Path, root: Path | None = None) -> Iterator[RawArticle | Rejection]:
    """Rows of a CSV file, streamed; the delimiter (`,` `;` tab `|`) is the one that makes the header name a
    body column. Records are split by the csv module over decoded lines, so quoted fields may span lines."""
    source, label = str(path), file_label(path, root)
    csv.field_size_limit(64 * 1024 * 1024)
    lines = read_lines(path)
    try:
        header = next((line for line in lines if line.text is None or line.text.strip()), None)
        if header is None or header.text is None:
            yield Rejection(source, label, f"cannot read CSV file: {header.problem if header else 'empty file'}")
            return
        delimiter = _delimiter(header.text)
        if delimiter is None:
            yield Rejection(source, f"{label}:{header.number}", "the CSV header names no `body`, `text` or "
                            "`content` column (delimiters tried: comma, semicolon, tab, bar)", header.text[:200])
            return
        yield from _csv_rows(header, lines, delimiter, source, (label, id_label(path, root)))
    except OSError as exc:
        yield Rejection(source, label, f"cannot read CSV file: {exc.strerror or exc}")


def _delimiter(header: str) -> str | None:
    for delimiter in DELIMITERS:
        names = next(csv.reader([header], delimiter=delimiter), [])
        if any(name.strip().lower() in BODY_KEYS for name in names):
            return delimiter
    return None


def _csv_rows(header: Line, lines: Iterator[Line], delimiter: str, source: str, labels: tuple[str, str]):
    """One record per row; a line that cannot be decoded rejects the row it is in. `labels`: the file as
    rejections and as default ids name it."""
    label, id_label_ = labels
    names = [name.strip() for name in next(csv.reader([header.text], delimiter=delimiter))]
    pending: list[str] = []
    start, broken, quotes = None, None, 0
    for line in lines:
        start = start or line.number
        broken = broken or line.problem
        pending.append(line.text or "")
        quotes += pending[-1].count('"')
        if quotes % 2:
            continue  # a quoted field goes on to the next line (an escaped "" counts twice)
        where = (f"{label}:{start}", f"{id_label_}:{start}")
        yield from _csv_record(names, "".join(pending), delimiter, source, where, broken)
        pending, start, broken, quotes = [], None, None, 0
        if line.stop:
            return
    if pending:
        yield Rejection(source, f"{label}:{start}", "malformed CSV: a quoted field is never closed", "".join(pending)[:200])


def _csv_record(names, text, delimiter, source, where, broken) -> Iterator[RawArticle | Rejection]:
    location, default_id = where
    if broken:
        yield Rejection(source, location, broken)
        return
    if not text.strip():
        return
    try:
        values = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        yield Rejection(source, location, f"malformed CSV: {exc}", text[:200])
        return
    yield record_to_article({k: v for k, v in zip(names, values) if k}, source, location, default_id)
