"""Ready-to-paste connection settings for BI tools. Every one opens the warehouse read-only: a run
publishes a new file by renaming it over the old one (or commits a new DuckLake snapshot), so a reader is
never blocked and never sees a half-loaded state. A reader sees a new publish when it opens the file again
(docs/bi.md: pools)."""
from __future__ import annotations

import os
from pathlib import Path

SUPERSET = "Superset (SQLAlchemy URI; Superset 6.1 with its own SQLAlchemy 1.4 and duckdb-engine 0.17)"


def connection_settings(db: Path, evidence_sources: Path | None = None) -> dict[str, str]:
    from dateline.lake import is_lake

    if is_lake(db):
        return lake_settings(db)
    p = str(db)
    evidence = os.path.relpath(db, evidence_sources or Path.cwd() / "sources" / "dateline")
    return {
        SUPERSET:
            f"pip install 'apache-superset[duckdb]==6.1.0' rich cachetools 'flask-caching<2.4'\n"
            f"duckdb:///{p}?access_mode=read_only",
        "Metabase (DuckDB driver built on DuckDB 1.5 or later)":
            f"Database file: {p}\nEstablish a read-only connection: ON (it is off by default, and a read-write "
            f"connection blocks every run)",
        "Tableau / Power BI (DuckDB ODBC driver 1.5 or later)":
            f"DSN-less connection string:\nDriver=DuckDB Driver;Database={p};access_mode=read_only",
        "Evidence (sources/dateline/connection.yaml; a path relative to that folder)":
            f"name: dateline\ntype: duckdb\noptions:\n  filename: {evidence}\n"
            f"# package.json: \"overrides\": {{\"@duckdb/node-api\": \"1.5.6-r.1\"}} (the template's 1.4 cannot read the file)",
        "DuckDB CLI / Python (DuckDB 1.5 or later)":
            f"duckdb -readonly {p}\npython -c \"import duckdb; duckdb.connect('{p}', read_only=True)\"",
        "pandas / Polars":
            f"duckdb.connect('{p}', read_only=True).sql('FROM fact_events').df()   # .pl() for Polars\n"
            f"polars.read_parquet('export/bi/fact_events.parquet')   # after dateline export ./export",
        "Files (Parquet) instead":
            f"dateline export ./export --db {p}   # then point the tool at ./export/*.parquet",
    }


LAKE_ONCE = ("# once per machine and user: dateline bi --install-extensions (DuckLake's two extensions, "
             "from their wheels, into DuckDB's extension folder)")


def lake_settings(db: Path) -> dict[str, str]:
    """A DuckLake opens as the database `ducklake:sqlite:<catalog>` in any DuckDB 1.5.5 that has the
    extensions installed (they must match the tool's DuckDB version)."""
    p = f"ducklake:sqlite:{db}"
    return {
        SUPERSET + ", with duckdb==1.5.5":
            f"pip install 'apache-superset[duckdb]==6.1.0' rich cachetools 'flask-caching<2.4' duckdb==1.5.5\n"
            f"{LAKE_ONCE}\nduckdb:///{p}?access_mode=read_only",
        "Metabase, Tableau, Power BI (a driver on DuckDB 1.5.5, with the extensions in its extension folder)":
            f"Database file: {p}\nRead-only: ON (access_mode=read_only)",
        "Evidence": "# its connector joins the file name to its folder, so it cannot name a lake: "
                    f"use the files below, or a DuckDB-file warehouse\ndateline export ./export --db {db}",
        "DuckDB CLI / Python (DuckDB 1.5.5)":
            f"{LAKE_ONCE}\npip install duckdb-cli==1.5.5\nduckdb -readonly {p}\n"
            f"python -c \"import duckdb; duckdb.connect('{p}', read_only=True)\"",
        "pandas / Polars":
            f"duckdb.connect('{p}', read_only=True).sql('FROM fact_events').df()   # .pl() for Polars\n"
            f"polars.read_parquet('export/bi/fact_events.parquet')   # after dateline export ./export",
        "As of a run (time travel; snapshots in `dateline runs`)":
            "SELECT count(*) FROM events AT (VERSION => 3)",
        "Files (Parquet) instead":
            f"dateline export ./export --db {db}   # then point the tool at ./export/*.parquet",
    }
