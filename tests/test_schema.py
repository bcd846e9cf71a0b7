"""One definition of each table (dateline/schema.py): the migrations, the extractors' records, the
validation suites and the README must all say what it says."""
from __future__ import annotations

import dataclasses
import json
import re
from importlib import resources

import duckdb
import pytest

from dateline import records, schema, validate, warehouse

from .conftest import REPO

ROW_KEYS = {"quotes": ("quote_id", "article_id"), "metrics": ("metric_id", "article_id"),
            "events": ("event_id", "article_id")}


def test_the_migrations_make_the_tables_the_schema_defines():
    with duckdb.connect() as con:
        warehouse.migrate(con)
        for table in schema.tables().values():
            described = con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                    "WHERE table_name = ? ORDER BY ordinal_position", [table.name]).fetchall()
            assert described == [(c.name, c.type) for c in table.columns], table.name


@pytest.mark.parametrize("table, record", [("quotes", records.Quote), ("metrics", records.Metric),
                                           ("events", records.Event)])
def test_each_extractor_record_is_its_table_less_the_ids(table, record):
    fields = [f.name for f in dataclasses.fields(record)]
    assert set(fields) | set(ROW_KEYS[table]) == set(schema.table(table).names)


def _suites() -> dict[str, dict]:
    root = resources.files("dateline.expectations")
    return {p.name[:-5]: json.loads(p.read_text(encoding="utf-8")) for p in root.iterdir() if p.name.endswith(".json")}


def test_every_suite_checks_columns_the_schema_defines_with_its_value_sets():
    checked_sets = 0
    for name, suite in _suites().items():
        table = schema.table(name)
        for expectation in suite["expectations"]:
            kwargs = expectation["kwargs"]
            for key in ("column", "column_A", "column_B"):
                if key in kwargs:
                    assert kwargs[key] in table.names + list(validate.DERIVED.get(name, ())), \
                        f"{name}.json: no column {kwargs[key]!r}"
            if expectation["type"] == "expect_column_values_to_be_in_set":
                values = table.column(kwargs["column"]).values
                allowed = set(kwargs["value_set"])
                # a rule allows exactly the schema's values; a monitor (mostly) watches the share of some of them
                assert values is not None and (allowed < set(values) if validate.is_monitor(kwargs) else
                                               allowed == set(values)), \
                    f"{name}.json: {kwargs['column']} allows {kwargs['value_set']}, schema.py says {values}"
                checked_sets += 1
    assert checked_sets >= 5


def test_every_closed_value_set_of_an_extracted_table_is_validated():
    validated = {(name, e["kwargs"]["column"]) for name, suite in _suites().items() for e in suite["expectations"]
                 if e["type"] == "expect_column_values_to_be_in_set" and not validate.is_monitor(e["kwargs"])}
    closed = {(t, c.name) for t in schema.EXTRACTED for c in schema.table(t).columns if c.values}
    assert closed and closed <= validated


def test_the_readme_schema_table_is_the_one_schema_py_prints():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert schema.markdown() in readme, "README's schema table is out of date: python -m dateline.schema prints it"


def test_event_types_and_quad_classes_come_from_the_vocabulary():
    assert len(schema.event_types()) == 18 and "PROTEST" in schema.event_types()
    assert set(schema.quad_classes()) == {"verbal cooperation", "material cooperation", "verbal conflict",
                                          "material conflict"}
    assert all(re.fullmatch(r"[A-Z_]+", t) for t in schema.entity_types())
