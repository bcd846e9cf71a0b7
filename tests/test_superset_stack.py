"""The warehouse as Superset sees it: SQLAlchemy 1.4.54 and duckdb-engine 0.17 (what `apache-superset
[duckdb]==6.1.0` installs), in a virtual environment of their own since Prefect needs SQLAlchemy 2. The
inspector reflects every BI view with typed, described columns, and a join of a fact view to dim_date
runs without an error while a run publishes."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.bi import connection_settings

from .lakeload import load

pytestmark = pytest.mark.slow

REFLECT = """
import json, os, sys, time
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

db, until = sys.argv[1], time.time() + float(sys.argv[2])  # or until the test writes the file `run-done`
engine = sa.create_engine(f"duckdb:///{db}?access_mode=read_only", poolclass=NullPool)
inspector = sa.inspect(engine)
views = {v: [(c["name"], str(c["type"]), c.get("comment")) for c in inspector.get_columns(v)]
         for v in inspector.get_view_names()}
comment = inspector.get_table_comment("quotes")["text"]
keys = {t: inspector.get_pk_constraint(t) for t in ("events", "quotes", "metrics", "articles")}
open("reflected", "w").close()  # the test starts its run now, while this loop joins
joins = errors = 0
while True:
    try:
        with engine.connect() as con:
            con.execute(sa.text("SELECT d.month, count(*) FROM fact_events f JOIN dim_date d "
                                "ON d.date = f.event_date GROUP BY 1")).fetchall()
        joins += 1
    except Exception as exc:
        errors += 1
        print(repr(exc), file=sys.stderr)
    if time.time() > until or os.path.exists("run-done"):
        break
    time.sleep(0.1)
print(json.dumps({"version": sa.__version__, "views": views, "comment": comment, "keys": keys, "joins": joins, "errors": errors}))
"""


@pytest.fixture(scope="module")
def superset_python(tmp_path_factory) -> Path:
    venv = tmp_path_factory.mktemp("superset") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "sqlalchemy==1.4.54"], capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.skip(f"SQLAlchemy 1.4.54 cannot be installed here: {done.stderr.strip().splitlines()[-1:]}")
    return python


def after_reflection(reader: subprocess.Popen, folder: Path) -> None:
    """Wait until the reader has reflected the warehouse, so that its joins, not its reflection, span the run."""
    for _ in range(600):
        if (folder / "reflected").exists() or reader.poll() is not None:
            return
        time.sleep(0.2)


def test_superset_reflects_the_bi_views_and_joins_during_a_publish(sample_run, superset_python, tmp_path):
    work = tmp_path
    shutil.copy(sample_run[0] / "w.duckdb", work / "w.duckdb")
    (work / "more").mkdir()
    (work / "more" / "a.txt").write_text("date 2024-03-05 Rome: Italy and Spain signed two agreements on "
                                         "Tuesday, the foreign ministry said.")
    reader = subprocess.Popen([str(superset_python), "-c", REFLECT, str(work / "w.duckdb"), "60"], cwd=work,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    after_reflection(reader, work)
    run = subprocess.run([sys.executable, "-m", "dateline.cli", "run", "--source", "more", "--db", "w.duckdb"],
                         cwd=work, capture_output=True, text=True, timeout=600)
    (work / "run-done").touch()
    out, err = reader.communicate(timeout=300)
    assert run.returncode == 0, run.stderr
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["version"] == "1.4.54"
    assert seen["errors"] == 0 and seen["joins"] > 10, err
    assert seen["comment"], "quotes has no description"
    # duckdb-engine names each fact table's key but leaves constrained_columns empty (DuckDB's pg_index is
    # empty), and views carry no constraints: the BI views' keys are in the dbt file (test_semantic.py)
    assert {t: k["name"] for t, k in seen["keys"].items()} == {
        "events": "PRIMARY KEY(event_id)", "quotes": "PRIMARY KEY(quote_id)", "metrics": "PRIMARY KEY(metric_id)",
        "articles": "PRIMARY KEY(article_id)"}
    views = seen["views"]
    assert {"fact_events", "fact_quotes", "fact_metrics", "dim_date", "dim_article", "dim_country"} <= set(views)
    event_month = dict((name, kind) for name, kind, _ in views["fact_events"])["event_month"]
    assert event_month == "DATE"
    undescribed = [(v, c) for v, columns in views.items() for c, _, about in columns if not about]
    assert undescribed == []
    untyped = [(v, c) for v, columns in views.items() for c, kind, _ in columns if kind in ("NULL", "NullType")]
    assert untyped == []  # no list or JSON column that a BI tool cannot type


def test_superset_reads_a_lake_during_a_publish(superset_python, tmp_path):
    """The lake recipe of `dateline bi`: the URI `duckdb:///ducklake:sqlite:<catalog>`, once the extensions
    are installed (into a HOME of the test's own, not the user's)."""
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home)}
    dateline = [sys.executable, "-m", "dateline.cli"]
    assert subprocess.run([*dateline, "bi", "--install-extensions"], env=env, timeout=120).returncode == 0
    load(tmp_path / "w.ducklake", ["a"], "r0")  # a lake with its views; the run below is a real one
    uri = next(line for line in connection_settings(tmp_path / "w.ducklake")[
        next(k for k in connection_settings(tmp_path / "w.ducklake") if k.startswith("Superset"))].splitlines()
        if line.startswith("duckdb:///"))
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "a.txt").write_text("date 2024-03-05 Rome: Italy and Spain signed two agreements.")
    reader = subprocess.Popen([str(superset_python), "-c", REFLECT.replace('f"duckdb:///{db}?access_mode=read_only"', "db"),
                               uri, "60"], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    after_reflection(reader, tmp_path)
    run = subprocess.run([*dateline, "run", "--source", "more", "--db", "w.ducklake"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=600)
    (tmp_path / "run-done").touch()
    out, err = reader.communicate(timeout=300)
    assert run.returncode == 0, run.stderr
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["errors"] == 0 and seen["joins"] >= 3, err  # each join opens the lake anew (NullPool)
    assert seen["comment"], "quotes has no description"
    assert {"fact_events", "fact_quotes", "fact_metrics", "dim_date", "dim_article", "dim_country"} <= set(seen["views"])
    assert dict((name, kind) for name, kind, _ in seen["views"]["fact_events"])["event_month"] == "DATE"
