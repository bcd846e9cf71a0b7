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


# ------------------------------------------------------------------ what the extractors find in one article
# Each becomes a row of its table (dateline/schema.py) once `extract/rows.py` adds its id and article_id.
@dataclass
class Quote:
    quote_start: int
    quote_end: int
    quote_text: str
    kind: str  # direct, indirect or mixed
    cue: str | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None
    speaker_entity_id: str | None = None
    speaker_resolution: str | None = None  # named, resolved, group, document or unresolved


@dataclass
class Metric:
    value: float
    value_max: float | None
    unit: str
    normalized_unit: str
    change: str
    concept: str | None
    start: int
    end: int
    text: str


@dataclass
class Event:
    event_type: str
    quad_class: str
    trigger: str
    source_actor: str | None
    source_country: str | None
    target_actor: str | None
    target_country: str | None
    event_date: str | None
    location: str | None
    location_country: str | None
    sentence_start: int
    sentence_end: int
    negated: bool
    trigger_start: int
    trigger_end: int
    mode: str = "asserted"  # asserted, negated, future, conditional or obliged
