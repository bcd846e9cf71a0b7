"""Ready-to-paste connection settings for BI tools. Every one opens the warehouse read-only:
a run publishes a new file by renaming it over the old one, so a reader is never blocked and never
sees a half-loaded state; reconnecting (or the tool's next query) sees the new data."""
from __future__ import annotations

from pathlib import Path


def connection_settings(db: Path) -> dict[str, str]:
    p = str(db)
    return {
        "Superset (SQLAlchemy URI, needs duckdb-engine and SQLAlchemy < 2.1)":
            f"duckdb:///{p}?access_mode=read_only",
        "Metabase (DuckDB driver)":
            f"Database file: {p}\nRead only: on (or add `access_mode=read_only` to the connection properties)",
        "Tableau / Power BI (DuckDB ODBC driver)":
            f"DSN-less connection string:\nDriver=DuckDB Driver;Database={p};access_mode=read_only",
        "Evidence (sources/dateline/connection.yaml)":
            f"name: dateline\ntype: duckdb\noptions:\n  filename: {p}\n  read_only: true",
        "DuckDB CLI / Python":
            f"duckdb -readonly {p}\npython -c \"import duckdb; duckdb.connect('{p}', read_only=True)\"",
        "Files (Parquet) instead":
            f"dateline export ./export --db {p}   # then point the tool at ./export/*.parquet",
    }
