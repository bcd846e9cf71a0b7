"""The plain records that pass between stages: what a source yields, and what it rejects."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawArticle:
    """One article as a source gave it, before parsing: `text` may still carry a dateline header."""

    article_id: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    city: str | None = None
    extra: dict = field(default_factory=dict)
    has_header: bool = False  # a dateline text file, whose first line is `date YYYY-MM-DD City:`


@dataclass
class Rejection:
    """Input that could not be loaded, and why: becomes a row of `rejected_articles`."""

    source: str
    location: str
    reason: str
    excerpt: str = ""


@dataclass
class Article:
    """A parsed article: the row of `articles`, with `body` the text that every offset points into."""

    article_id: str
    source: str
    body: str
    content_hash: str
    title: str | None = None
    url: str | None = None
    published_date: str | None = None  # ISO date
    dateline_city: str | None = None
    word_count: int = 0
    extra: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
