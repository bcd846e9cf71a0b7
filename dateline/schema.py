"""The warehouse's tables, defined once: every column with its type, what it holds and, where it is a
closed set, the values it takes.

What is built from this definition: the column lists the loader writes and the frames' date columns
(warehouse.py, pipeline.py), and the README's schema table (`python -m dateline.schema`). What tests
check against it (tests/test_schema.py): the numbered migrations in `sql/migrations/`, the extractors'
records (`dateline/records.py`), the value sets and columns of `expectations/*.json`, and the README.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

from dateline.vocab import packaged

QUOTE_KINDS = ("direct", "indirect", "mixed")
EVENT_MODES = ("asserted", "negated", "future", "conditional", "obliged")  # how an event is reported
RESOLUTIONS = ("named", "resolved", "group", "document", "unresolved")  # how a speaker's name was found
CHANGES = ("=", "~", "up", "down", ">", "<")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB's type name
    about: str = ""
    values: tuple[str, ...] | None = None  # a closed set of values, or None


@dataclass(frozen=True)
class Table:
    name: str
    about: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name: str, type_: str = "VARCHAR", about: str = "", values: tuple[str, ...] | None = None) -> Column:
    return Column(name, type_, about, values)


def event_types() -> tuple[str, ...]:
    return tuple(packaged().mapping("events.toml", "event_types"))


def quad_classes() -> tuple[str, ...]:
    return tuple(dict.fromkeys(packaged().mapping("events.toml", "event_types").values()))


def entity_types() -> tuple[str, ...]:
    return packaged().word_list("entities.toml", "name_labels", lower=False)


OFFSET = "character offset into articles.body"


ARTICLES = Table("articles", "one row per article: its text, where it came from, when it was loaded", (
    _c("article_id", about="the source's id, or the text file's path relative to its folder"),
    _c("source"), _c("url"), _c("title"), _c("published_date", "DATE"), _c("dateline_city"),
    _c("body", about="the text every offset points into"), _c("content_hash", about="SHA-256 of the normalised body"),
    _c("word_count", "INTEGER"), _c("extra", "JSON", "the source's other fields"),
    _c("run_id"), _c("loaded_at", "TIMESTAMP")))

ENTITIES = Table("entities", "names resolved inside each article to their fullest form", (
    _c("entity_id"), _c("name", about='the fullest form in the article: "Shah Mahmood Qureshi"'),
    _c("type", about="spaCy label", values=entity_types()), _c("country_code", about="ISO 3166 alpha-3")))

MENTIONS = Table("mentions", "each place an entity is named", (
    _c("article_id"), _c("entity_id"), _c("start", "INTEGER", OFFSET), _c("end", "INTEGER", OFFSET), _c("text")))

QUOTES = Table("quotes", "who said what", (
    _c("quote_id"), _c("article_id"), _c("quote_text"), _c("quote_start", "INTEGER", OFFSET),
    _c("quote_end", "INTEGER", OFFSET), _c("kind", values=QUOTE_KINDS), _c("cue"),
    _c("speaker", about="the speaker as written"), _c("speaker_start", "INTEGER", OFFSET),
    _c("speaker_end", "INTEGER", OFFSET), _c("speaker_name", about="the entity the speaker stands for; for \"they\", the group named before"),
    _c("speaker_entity_id"),
    _c("speaker_resolution", about="how the speaker was found", values=RESOLUTIONS)))

METRICS = Table("metrics", "numbers with their unit, change and meaning", (
    _c("metric_id"), _c("article_id"), _c("value", "DOUBLE"), _c("value_max", "DOUBLE", "a range's upper end"),
    _c("unit", about="as written"), _c("normalized_unit", about="quantulum3's name; - for a bare count"),
    _c("change", values=CHANGES), _c("concept", about="what is measured"),
    _c("start", "INTEGER", OFFSET), _c("end", "INTEGER", OFFSET), _c("text")))

EVENTS = Table("events", "PLOVER events: who did what to whom, where, when", (
    _c("event_id"), _c("article_id"), _c("event_type", about="PLOVER", values=event_types()),
    _c("quad_class", values=quad_classes()), _c("trigger"), _c("source_actor"), _c("source_country"),
    _c("target_actor"), _c("target_country"), _c("event_date", "DATE"), _c("location"),
    _c("location_country"), _c("sentence_start", "INTEGER", OFFSET), _c("sentence_end", "INTEGER", OFFSET),
    _c("negated", "BOOLEAN"), _c("trigger_start", "INTEGER", OFFSET), _c("trigger_end", "INTEGER", OFFSET),
    _c("mode", about="what the sentence says of it", values=EVENT_MODES)))

RUNS = Table("runs", "one row per run: when, status, counts, time per stage", (
    _c("run_id"), _c("started_at", "TIMESTAMP"), _c("finished_at", "TIMESTAMP"),
    _c("status", values=("completed", "failed")), _c("articles_new", "INTEGER"),
    _c("articles_changed", "INTEGER"), _c("articles_unchanged", "INTEGER"), _c("articles_rejected", "INTEGER"),
    _c("rows_quarantined", "INTEGER"), _c("seconds", "DOUBLE"), _c("model"), _c("sources"), _c("message"),
    _c("stage_seconds", "JSON"), _c("workers", "INTEGER")))

REJECTED_ARTICLES = Table("rejected_articles", "input that could not be loaded, and why", (
    _c("run_id"), _c("source"), _c("location"), _c("reason"), _c("excerpt"), _c("rejected_at", "TIMESTAMP")))

QUARANTINE = Table("quarantine", "rows that failed validation, as JSON, with the expectations they failed", (
    _c("run_id"), _c("table_name"), _c("row_json", "JSON"), _c("failed_expectations")))

VALIDATION_RESULTS = Table("validation_results", "one row per expectation per run", (
    _c("run_id"), _c("suite"), _c("expectation"), _c("column"), _c("success", "BOOLEAN"),
    _c("unexpected_count", "INTEGER"), _c("element_count", "INTEGER")))

SOURCES = Table("sources", "each source's state after its last poll", (
    _c("source"), _c("kind", values=("folder", "file", "feed")), _c("last_polled", "TIMESTAMP"),
    _c("last_success", "TIMESTAMP"), _c("last_error"), _c("error_count", "INTEGER", "consecutive failed polls"),
    _c("etag"), _c("last_modified"), _c("watermark"), _c("articles_read", "INTEGER"), _c("run_id")))

SCHEMA_MIGRATIONS = Table("schema_migrations", "the numbered migrations applied", (
    _c("version", "INTEGER"), _c("name"), _c("applied_at", "TIMESTAMP")))


TABLES = (ARTICLES, ENTITIES, MENTIONS, QUOTES, METRICS, EVENTS, RUNS, REJECTED_ARTICLES, QUARANTINE, VALIDATION_RESULTS, SOURCES, SCHEMA_MIGRATIONS)  # in the order a load writes them


def tables() -> dict[str, Table]:
    return {t.name: t for t in TABLES}


EXTRACTED = ("entities", "mentions", "quotes", "metrics", "events")  # the tables the extractors fill
FACTS = ("mentions", "quotes", "metrics", "events")  # rows of one article each, replaced when it changes
RUN_TABLES = ("rejected_articles", "quarantine", "validation_results", "runs")  # appended once per run


def table(name: str) -> Table:
    return tables()[name]


def date_columns() -> set[str]:
    return {c.name for t in tables().values() for c in t.columns if c.type == "DATE"}


def markdown() -> str:
    """The README's schema table."""
    lines = ["| table | columns |", "|---|---|"]
    for t in tables().values():
        cols = ", ".join(c.name + (f" ({c.about})" if c.about and c.about != OFFSET else "")
                         + (" (" + " / ".join(f"`{v}`" for v in c.values) + ")" if c.values and len(c.values) <= 6 else "")
                         for c in t.columns)
        lines.append(f"| `{t.name}` | {cols} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(markdown() + "\n")
