"""Descriptions for BI tools: every table, column and view of the warehouse gets a `COMMENT ON`, from the
one definition of the tables (`schema.py`, the README's schema table comes from it too) and, for a view,
the first comment line of its file in `sql/views/`. Superset, Metabase, DBeaver and Evidence show them.

The statements are built here because `COMMENT ON` takes no bound parameters; every name and text comes
from the package itself (schema.py and the view files), never from input."""
from __future__ import annotations

import re

from dateline import schema


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def table_comments() -> list[str]:
    statements = []
    for table in schema.TABLES:
        statements.append(f"COMMENT ON TABLE {table.name} IS {_literal(table.about)}")
        statements += [f'COMMENT ON COLUMN {table.name}."{c.name}" IS {_literal(_column_text(c))}'
                       for c in table.columns if c.about]
    return statements


def _column_text(column: schema.Column) -> str:
    return column.about + (f" (one of: {', '.join(column.values)})" if column.values else "")


# view columns that no table has, described here; the others take their table column's description
VIEW_COLUMNS = {
    "article_ids": "the articles that report it, comma-separated",
    "article_source": "the article's source (articles.source)", "articles": "articles it appears in",
    "date": "the day (join any date column here)", "day_of_week": "ISO day of the week, 1 = Monday",
    "event_month": "the first day of the event's month (a DATE)", "first_loaded": "when it was first loaded",
    "first_seen": "the earliest article date it appears on", "last_seen": "the latest article date it appears on",
    "mention": "the quantity as written", "mentions": "times it is named", "month": "the first day of the month",
    "month_label": "the month as YYYY-MM", "quarter": "the first day of the quarter", "reports": "stories that report it",
    "source_actor_example": "one source actor as written", "speaker_country": "the speaker's country (ISO 3166 alpha-3)",
    "speaker_label": "the speaker's resolved name, else the speaker as written", "speaker_type": "the speaker's entity type",
    "target": "the target: its country, else the actor as written", "target_actor_example": "one target actor as written",
    "week": "the Monday of the ISO week", "year": "the year",
}
VIEW_TABLE = {"fact_events": "events", "events_deduplicated": "events", "fact_quotes": "quotes", "quotes_by_speaker": "quotes",
              "fact_metrics": "metrics", "metric_series": "metrics", "dim_article": "articles", "dim_entities": "entities",
              "dim_country": "countries"}


def description_sources() -> str:
    """Everything the descriptions are made from, as text: when it changes they are written again."""
    return "\n".join(table_comments()) + repr(VIEW_COLUMNS) + repr(VIEW_TABLE)


def view_column_comments(columns: list[tuple[str, str]]) -> list[str]:
    """`COMMENT ON COLUMN` for each (view, column): its own description, else its table's column's."""
    tables = schema.tables()
    statements = []
    for view, column in columns:
        home = tables.get(VIEW_TABLE.get(view, ""))
        text = VIEW_COLUMNS.get(column) or _table_column_text(home, column) or next(
            (_column_text(c) for t in tables.values() for c in t.columns if c.name == column and c.about), None)
        if text:
            statements.append(f'COMMENT ON COLUMN {view}."{column}" IS {_literal(text)}')
    return statements


def _table_column_text(table: schema.Table | None, column: str) -> str | None:
    if table is None or column not in table.names:
        return None
    return _column_text(table.column(column))


def view_comment(view_sql: str) -> str | None:
    """`COMMENT ON VIEW` from a view file's leading `--` comment lines, or None."""
    name = re.search(r"CREATE OR REPLACE VIEW\s+(\w+)", view_sql)
    lines = []
    for line in view_sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line[2:].strip())
    if name is None or not lines:
        return None
    return f"COMMENT ON VIEW {name.group(1)} IS {_literal(' '.join(lines))}"
