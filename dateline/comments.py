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
