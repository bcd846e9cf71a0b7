"""Dateline text files: first line `date YYYY-MM-DD City:` then the body."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from dateline.parse import MAX_ARTICLE_BYTES, BadInput, decode
from dateline.records import RawArticle, Rejection


def read_text_file(path: Path, root: Path) -> Iterator[RawArticle | Rejection]:
    article_id = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    source = str(root)
    try:
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            raise BadInput(f"file larger than the {MAX_ARTICLE_BYTES // (1024 * 1024)} MB cap for one article")
        text = decode(path.read_bytes())
    except BadInput as exc:
        yield Rejection(source, article_id, str(exc), _excerpt(path))
        return
    except OSError as exc:
        yield Rejection(source, article_id, f"cannot read file: {exc.strerror or exc}")
        return
    yield RawArticle(article_id=article_id, source=source, text=text, has_header=True)


def _excerpt(path: Path) -> str:
    try:
        return path.read_bytes()[:120].decode("latin-1").encode("unicode_escape").decode("ascii")
    except OSError:
        return ""
