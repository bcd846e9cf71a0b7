"""The warehouse described for a semantic layer: a dbt sources file (`dateline bi --dbt FILE`) that BI tools
and dbt read. It carries what DuckDB's catalog alone does not give every tool: each table's and view's key,
the relationships between them (declared here, since DuckDB's foreign keys would forbid replacing a changed
article's rows in one transaction) and the descriptions, read back from the warehouse's own `COMMENT ON`s,
so there is one source of them (`schema.py`). Each key becomes dbt's `unique` and `not_null` tests, each
relationship a `relationships` test: `dbt test` checks that the data keeps them.
"""
from __future__ import annotations

from pathlib import Path

KEYS = {  # the column that identifies a row of each table or view
    "articles": "article_id", "entities": "entity_id", "quotes": "quote_id", "metrics": "metric_id",
    "events": "event_id", "runs": "run_id", "countries": "iso3", "schema_migrations": "version",
    "sources": "source", "dim_article": "article_id", "dim_entities": "entity_id", "dim_country": "country_code",
    "dim_date": "date", "fact_quotes": "quote_id", "fact_metrics": "metric_id", "fact_events": "event_id",
}
REFERENCES = {  # a column of this name, anywhere, refers to (relation, column)
    "article_id": ("articles", "article_id"), "entity_id": ("entities", "entity_id"),
    "speaker_entity_id": ("entities", "entity_id"), "run_id": ("runs", "run_id"),
    "source_country": ("countries", "iso3"), "target_country": ("countries", "iso3"),
    "location_country": ("countries", "iso3"), "speaker_country": ("countries", "iso3"),
    "country_code": ("countries", "iso3"),
}
NOT_CHECKED = {"rejected_articles", "quarantine", "validation_results"}  # their run_id may name a failed run


def dbt_sources(relations: list[tuple[str, str, str | None]], columns: list[tuple[str, str, str, str | None]]) -> dict:
    """dbt's `sources:` document for the warehouse's tables and views (rows of described_relations.sql and
    described_columns.sql)."""
    by_relation: dict[str, list] = {}
    for relation, name, data_type, comment in columns:
        by_relation.setdefault(relation, []).append((name, data_type, comment))
    tables = [_relation(name, kind, comment, by_relation.get(name, [])) for name, kind, comment in relations]
    return {"version": 2, "sources": [{
        "name": "dateline", "schema": "main",
        "description": "The dateline warehouse: news articles as events, quotes and metrics.", "tables": tables}]}


def _relation(name: str, kind: str, comment: str | None, columns: list) -> dict:
    entry = {"name": name, "description": comment or "", "meta": {"kind": kind}}
    if name in KEYS:
        entry["meta"]["primary_key"] = KEYS[name]
    entry["columns"] = [_column(name, *column) for column in columns]
    return entry


def _column(relation: str, name: str, data_type: str, comment: str | None) -> dict:
    column = {"name": name, "data_type": data_type, "description": comment or ""}
    tests: list = []
    if KEYS.get(relation) == name:
        tests += ["unique", "not_null"]
    target = REFERENCES.get(name)
    if target and target != (relation, name) and relation not in NOT_CHECKED and KEYS.get(relation) != name:
        tests.append({"relationships": {"to": f"source('dateline', '{target[0]}')", "field": target[1]}})
    if tests:
        column["data_tests"] = tests
    return column


def write_dbt_sources(db: Path, out: Path) -> int:
    """Write the sources file for the warehouse at `db`; the number of tables and views described."""
    import yaml

    from dateline.readonly import run_read_only
    from dateline.warehouse import sql_text

    relations = run_read_only(db, sql_text("queries/described_relations.sql")).itertuples(index=False)
    columns = run_read_only(db, sql_text("queries/described_columns.sql")).itertuples(index=False)
    document = dbt_sources([tuple(r) for r in relations], [tuple(c) for c in columns])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("# written by `dateline bi --dbt`: the warehouse's keys, relationships and descriptions\n"
                   + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    return len(document["sources"][0]["tables"])
