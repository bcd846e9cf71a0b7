"""JSON Lines (`.jsonl`, `.jsonl.gz`) and CSV: one article a line or a row, with the contract's field names."""
from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path
from typing import Iterator

from dateline.parse import BadInput, decode
from dateline.records import RawArticle, Rejection

BODY_KEYS = ("body", "text", "content")
KNOWN_KEYS = {"id", "date", "title", "city", "url", "source", *BODY_KEYS}


def record_to_article(record: dict, source: str, location: str) -> RawArticle | Rejection:
    """One JSON object or CSV row to a raw article; a row without a body is a rejection."""
    body = next((record[k] for k in BODY_KEYS if isinstance(record.get(k), str) and record[k].strip()), None)
    if body is None:
        return Rejection(source, location, "no body (expected a non-empty `body`, `text` or `content` field)",
                         json.dumps(record, ensure_ascii=False, default=str)[:200])
    article_id = str(record.get("id") or location)
    extra = {k: v for k, v in record.items() if k not in KNOWN_KEYS}

    def text(key: str) -> str | None:
        value = record.get(key)
        return str(value) if value not in (None, "") else None

    return RawArticle(article_id=article_id, source=text("source") or source, text=body, title=text("title"),
                      url=text("url"), date=text("date"), city=text("city"), extra=extra)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if path.name.lower().endswith(".gz"):
        data = gzip.decompress(data)
    return decode(data)


def read_jsonl(path: Path, root: Path) -> Iterator[RawArticle | Rejection]:
    source = str(path)
    try:
        text = _read_text(path)
    except (BadInput, OSError, EOFError, gzip.BadGzipFile) as exc:
        yield Rejection(source, path.name, f"cannot read JSON Lines file: {exc}")
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        location = f"{path.name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(source, location, f"malformed JSON: {exc.msg} at column {exc.colno}", line[:200])
            continue
        if not isinstance(record, dict):
            yield Rejection(source, location, "a JSON line must be an object", line[:200])
            continue
        yield record_to_article(record, source, location)


def read_csv(path: Path, root: Path) -> Iterator[RawArticle | Rejection]:
    source = str(path)
    try:
        text = _read_text(path)
    except (BadInput, OSError) as exc:
        yield Rejection(source, path.name, f"cannot read CSV file: {exc}")
        return
    csv.field_size_limit(64 * 1024 * 1024)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for rowno, row in enumerate(reader, start=2):
            yield record_to_article({k: v for k, v in row.items() if k}, source, f"{path.name}:{rowno}")
    except csv.Error as exc:
        yield Rejection(source, f"{path.name}:{reader.line_num}", f"malformed CSV: {exc}")
