"""`dateline bi --dbt`: the semantic-layer file declares every table's and view's key and relationships with
their descriptions, and the data keeps every test it declares (run here as the SQL dbt would run)."""
from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from dateline.readonly import run_read_only

pytestmark = pytest.mark.slow


def declared_tests(document: dict):
    for table in document["sources"][0]["tables"]:
        for column in table["columns"]:
            for test in column.get("data_tests", []):
                yield table["name"], column["name"], test


def failures(db, relation: str, column: str, test) -> int:
    """The rows that break one dbt test (dbt's own SQL for unique, not_null and relationships)."""
    if test == "unique":
        sql = f'SELECT count(*) FROM (SELECT "{column}" FROM {relation} GROUP BY 1 HAVING count(*) > 1)'
    elif test == "not_null":
        sql = f'SELECT count(*) FROM {relation} WHERE "{column}" IS NULL'
    else:
        to = test["relationships"]["to"].split("'")[3]
        field = test["relationships"]["field"]
        sql = (f'SELECT count(*) FROM {relation} c LEFT JOIN {to} p ON c."{column}" = p."{field}" '
               f'WHERE c."{column}" IS NOT NULL AND p."{field}" IS NULL')
    return int(run_read_only(db, sql).iloc[0, 0])


def test_the_dbt_file_declares_keys_relationships_and_descriptions_that_hold(sample_run, tmp_path):
    work = sample_run[0]
    out = tmp_path / "models" / "dateline.yml"
    done = subprocess.run([sys.executable, "-m", "dateline.cli", "bi", "--db", "w.duckdb", "--dbt", str(out)],
                          cwd=work, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    document = yaml.safe_load(out.read_text())
    tables = {t["name"]: t for t in document["sources"][0]["tables"]}
    for name in ("articles", "quotes", "metrics", "events", "fact_events", "dim_date", "dim_article", "dim_country"):
        assert tables[name]["description"] and tables[name]["meta"]["primary_key"], name
    assert all(c["description"] for t in tables.values() for c in t["columns"]), "a column without a description"
    tests = list(declared_tests(document))
    kinds = {t if isinstance(t, str) else "relationships" for _, _, t in tests}
    assert kinds == {"unique", "not_null", "relationships"} and len(tests) > 40
    broken = {(r, c, str(t)): n for r, c, t in tests if (n := failures(work / "w.duckdb", r, c, t))}
    assert not broken, broken
