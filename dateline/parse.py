"""From raw input to an `Article`: decoding, the dateline header, dates, size cap and content hash."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata

from dateline.records import Article, RawArticle, Rejection

MAX_ARTICLE_BYTES = 20 * 1024 * 1024  # articles above 20 MB are rejected, not truncated
HEADER_RE = re.compile(r"\A\s*date\s+(\S+)\s+([^:\n]{0,100}):[ \t]*")
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")


class BadInput(ValueError):
    """Raised with a plain reason when input cannot become an article."""


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) first, then Windows-1252, then Latin-1.

    Binary data (NUL bytes, many control characters) is refused rather than guessed at.
    """
    if not data.strip():
        raise BadInput("empty file")
    sample = data[:65536]
    if b"\x00" in data:
        raise BadInput("binary file (contains NUL bytes)")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(8, len(sample) // 100):
        raise BadInput("binary file (too many control characters)")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BadInput("undecodable text")  # pragma: no cover - latin-1 decodes any byte


def parse_iso_date(value: str | None) -> str | None:
    """An ISO date (or datetime) string to `YYYY-MM-DD`; BadInput when it is not a real date."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            raise BadInput(f"invalid date {text!r}") from None


def split_header(text: str) -> tuple[str | None, str | None, str, bool]:
    """Split a dateline text file into (date, city, body, had_header).

    The header is `date YYYY-MM-DD City:` on the first line; leading whitespace is allowed.
    """
    match = HEADER_RE.match(text)
    if not match:
        return None, None, text, False
    date = parse_iso_date(match.group(1))
    city = match.group(2).strip() or None
    return date, city, text[match.end():], True


def normalise(text: str) -> str:
    """The form the content hash is taken over: NFC, whitespace folded, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(body: str) -> str:
    return hashlib.sha256(normalise(body).encode("utf-8")).hexdigest()


def parse_article(raw: RawArticle) -> Article:
    """Parse one raw article; raises BadInput with a plain reason when it cannot be loaded."""
    text = raw.text
    if len(text.encode("utf-8", errors="ignore")) > MAX_ARTICLE_BYTES:
        raise BadInput(f"article larger than the {MAX_ARTICLE_BYTES // (1024 * 1024)} MB cap")
    warnings: list[str] = []
    date, city = parse_iso_date(raw.date), raw.city
    body = text
    if raw.has_header:
        h_date, h_city, body, found = split_header(text)
        if found:
            date, city = h_date or date, h_city or city
        else:
            warnings.append("no `date YYYY-MM-DD City:` header; loaded with a NULL date")
    if not body.strip():
        raise BadInput("no body text")
    from dateline.nlp import MAX_CHARS

    if len(body) > MAX_CHARS:
        warnings.append(f"longer than {MAX_CHARS:,} characters: only the first {MAX_CHARS:,} are analysed")
    return Article(
        article_id=raw.article_id,
        source=raw.source,
        body=body,
        content_hash=content_hash(body),
        title=raw.title,
        url=raw.url,
        published_date=date,
        dateline_city=city,
        word_count=len(WORD_RE.findall(body)),
        extra=raw.extra,
        warnings=warnings,
    )


def valid_unicode(value):
    """A string with its lone surrogates (a JSON "\\ud800", a file name that is not UTF-8) as U+FFFD, which
    every later step can encode; other values as they are, dicts and lists walked."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace") if _has_surrogate(value) else value
    if isinstance(value, dict):
        return {valid_unicode(k): valid_unicode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [valid_unicode(v) for v in value]
    return value


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def _clean(raw: RawArticle) -> RawArticle:
    fields = {f: getattr(raw, f) for f in ("article_id", "source", "text", "title", "url", "date", "city", "extra")}
    cleaned = {f: valid_unicode(v) for f, v in fields.items()}
    return raw if cleaned == fields else dataclasses.replace(raw, **cleaned)


def parse_all(raws: list[RawArticle]) -> tuple[list[Article], list[Rejection]]:
    """Parse a batch; what fails becomes a Rejection, and the rest goes on."""
    articles: list[Article] = []
    rejections: list[Rejection] = []
    seen: dict[str, str] = {}
    for raw in map(_clean, raws):
        try:
            article = parse_article(raw)
        except BadInput as exc:
            rejections.append(Rejection(raw.source, raw.article_id, str(exc), raw.text[:200]))
            continue
        if article.article_id in seen:
            rejections.append(Rejection(raw.source, raw.article_id,
                                        f"duplicate article id (already read from {seen[article.article_id]})",
                                        article.body[:200]))
            continue
        seen[article.article_id] = raw.source
        articles.append(article)
    return articles, rejections
