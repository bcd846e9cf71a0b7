"""A DuckLake warehouse (`--db NAME.ducklake`): the same tables and rows as a DuckDB file, one snapshot per
run tagged with its id, changed articles replaced, readers confined to the lake, BI recipes that open it."""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dateline import lake, warehouse
from dateline.bi import connection_settings
from dateline.readonly import ReadOnlyViolation, run_read_only

from .lakeload import load
from .test_reliability import dateline, snapshot

ROOT = Path(__file__).resolve().parents[1]


def test_keys_are_left_out_of_the_migrations_for_a_lake():
    ddl = "CREATE TABLE t (\n    id VARCHAR PRIMARY KEY,\n    x INT\n);\nALTER TABLE t ADD PRIMARY KEY (id);\n"
    assert lake.without_keys(ddl) == "CREATE TABLE t (\n    id VARCHAR,\n    x INT\n);\n"
    for _, sql in warehouse.sql_files("migrations"):
        statements = [line for line in lake.without_keys(sql).splitlines() if not line.lstrip().startswith("--")]
        assert "PRIMARY KEY" not in "\n".join(statements).upper()


def test_each_publish_is_one_snapshot_named_by_its_run_and_replaces_changed_articles(tmp_path):
    db = tmp_path / "w.ducklake"
    load(db, ["a", "b"], "r1")
    load(db, ["b"], "r2")
    load(db, ["b"], "r3")
    quotes = run_read_only(db, "SELECT article_id, quote_id FROM quotes ORDER BY 1")
    assert quotes.to_dict("records") == [{"article_id": "a", "quote_id": "qar1"}, {"article_id": "b", "quote_id": "qbr3"}]
    assert run_read_only(db, "SELECT count(*) n FROM entities")["n"][0] == 1  # an entity once, however often loaded
    tags = run_read_only(db, warehouse.sql_text("queries/run_snapshots.sql")).sort_values("snapshot")
    assert tags["run_id"].tolist() == ["r1", "r2", "r3"]
    assert tags["snapshot"].diff().dropna().tolist() == [1, 1]  # one snapshot a run: views are not re-created
    first = int(tags["snapshot"].iloc[0])
    as_of = run_read_only(db, f"SELECT quote_id FROM quotes AT (VERSION => {first}) ORDER BY 1")
    assert as_of["quote_id"].tolist() == ["qar1", "qbr1"]
    assert not (tmp_path / "w.ducklake.staging").exists()


def test_a_failed_load_commits_no_snapshot(tmp_path):
    db = tmp_path / "w.ducklake"
    load(db, ["a"], "r1")
    before = run_read_only(db, "SELECT max(snapshot_id) s FROM dateline.snapshots()")["s"][0]
    bad = pd.DataFrame([{"article_id": None, "body": None, "content_hash": None}])  # violates NOT NULL
    with pytest.raises(duckdb.Error):
        warehouse.publish(db, warehouse.LoadBatch({"articles": bad}, {"a"}))
    assert run_read_only(db, "SELECT max(snapshot_id) s FROM dateline.snapshots()")["s"][0] == before
    assert run_read_only(db, "SELECT count(*) n FROM articles")["n"][0] == 1


def test_sql_on_a_lake_reads_it_and_nothing_else(tmp_path):
    db = tmp_path / "w.ducklake"
    load(db, ["a"], "r1")
    (tmp_path / "secret.csv").write_text("x\n1\n")
    for statement in (f"SELECT * FROM read_csv('{tmp_path / 'secret.csv'}')", "DELETE FROM quotes",
                      "SET enable_external_access = true"):
        with pytest.raises(ReadOnlyViolation):
            run_read_only(db, statement)
    assert run_read_only(db, "SELECT count(*) n FROM quotes")["n"][0] == 1


@pytest.fixture(scope="module")
def lake_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("lake")
    done = dateline("run", "--db", "w.ducklake", cwd=work)
    assert done.returncode == 0, done.stderr
    return work


@pytest.mark.slow
def test_a_lake_holds_the_rows_a_duckdb_file_holds(lake_run, sample_run):
    assert snapshot(lake_run / "w.ducklake") == snapshot(sample_run[0] / "w.duckdb")
    runs = subprocess.run([sys.executable, "-m", "dateline.cli", "runs", "--db", "w.ducklake", "-f", "csv"],
                          cwd=lake_run, capture_output=True, text=True, timeout=120)
    header, first = runs.stdout.splitlines()[:2]
    assert header.startswith("run_id,snapshot,") and first.split(",")[1].isdigit()
    exported = subprocess.run([sys.executable, "-m", "dateline.cli", "export", "export", "--db", "w.ducklake"],
                              cwd=lake_run, capture_output=True, text=True, timeout=300)
    assert exported.returncode == 0, exported.stderr
    events = run_read_only(lake_run / "w.ducklake", "SELECT count(*) n FROM fact_events")["n"][0]
    assert duckdb.sql(f"SELECT count(*) FROM '{lake_run / 'export' / 'bi' / 'fact_events.parquet'}'").fetchone()[0] == events


@pytest.mark.slow
def test_the_duckdb_recipes_open_the_lake_read_only(lake_run, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}  # DuckDB's extension folder is under HOME: not the user's
    installed = subprocess.run([sys.executable, "-m", "dateline.cli", "bi", "--install-extensions"], env=env,
                               capture_output=True, text=True, timeout=120)
    assert installed.returncode == 0 and str(home) in installed.stdout, installed.stderr
    lines = connection_settings(lake_run / "w.ducklake")["DuckDB CLI / Python (DuckDB 1.5.5)"].splitlines()
    python_line = shlex.split(lines[-1])
    assert python_line[:2] == ["python", "-c"]
    events = run_read_only(lake_run / "w.ducklake", "SELECT count(*) n FROM fact_events")["n"][0]
    assert events > 0
    script = python_line[2].replace("read_only=True)", "read_only=True).sql('SELECT count(*) FROM fact_events').fetchall())")
    read = subprocess.run([sys.executable, "-c", script.replace("duckdb.connect", "print(duckdb.connect", 1)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert read.returncode == 0 and read.stdout.strip() == f"[({events},)]", read.stderr
    write = subprocess.run([sys.executable, "-c", python_line[2] + ".execute('DELETE FROM quotes')"], env=env,
                           capture_output=True, text=True, timeout=120)
    assert write.returncode != 0 and "read-only" in write.stderr


def test_compaction_merges_the_files_runs_leave_and_keeps_every_row(tmp_path):
    db = tmp_path / "w.ducklake"
    for run in range(4):
        load(db, [f"a{run}-{k}" for k in range(12)] + ["same"], f"r{run}")  # beyond what DuckLake inlines
    rows = run_read_only(db, "SELECT article_id, quote_id FROM quotes ORDER BY 1, 2")
    parquet = lambda: len(list(lake.data_path(db).rglob("*.parquet")))  # noqa: E731
    on_disk = parquet()
    files = lake.compact(db)
    assert files["files_after"] < files["files_before"]
    assert run_read_only(db, "SELECT article_id, quote_id FROM quotes ORDER BY 1, 2").equals(rows)
    assert lake.compact(db, expire_days=0)["files_after"] == files["files_after"]
    assert parquet() < on_disk  # the files only old snapshots read are gone
    assert run_read_only(db, "SELECT article_id, quote_id FROM quotes ORDER BY 1, 2").equals(rows)


def publish_in_a_child(db: Path, run_id: str, ids: list[str], fault: str | None = None) -> int:
    """The load of one run in a process of its own (killed at `fault`); its exit code."""
    env = {**os.environ, **({"DATELINE_FAULT": fault} if fault else {})}
    return subprocess.run([sys.executable, "-m", "tests.lakeload", str(db), run_id, ",".join(ids)], cwd=ROOT, env=env,
                          capture_output=True, timeout=120).returncode


@pytest.mark.parametrize("stage", ["load", "publish"])
def test_sigkill_mid_load_or_before_the_commit_leaves_the_last_snapshot(tmp_path, stage):
    db = tmp_path / "w.ducklake"
    load(db, ["a"], "r1")
    before = snapshot(db)
    ids = [f"b{k}" for k in range(20)]  # more rows than DuckLake inlines: Parquet files are written, then orphaned
    assert publish_in_a_child(db, "r2", ids, fault=stage) == -9
    assert snapshot(db) == before
    assert publish_in_a_child(db, "r3", ids) == 0  # the next run completes, as if nothing had happened
    after = snapshot(db)
    assert len(after["articles"]) == 21 and set(before["articles"]) <= set(after["articles"])
    assert run_read_only(db, "SELECT count(*) n FROM quotes WHERE quote_id LIKE '%r2'")["n"][0] == 0


READER = """
import json, os, sys, time
from dateline.readonly import run_read_only
counts, errors = [], []
while not os.path.exists(sys.argv[2]):
    try:
        counts.append(int(run_read_only(sys.argv[1], "SELECT count(*) n FROM articles")["n"][0]))
        open(sys.argv[2] + ".reading", "w").close()
    except Exception as exc:
        errors.append(repr(exc))
    time.sleep(0.02)
print(json.dumps({"counts": counts, "errors": errors}))
"""


def test_a_reader_process_in_a_loop_sees_no_error_across_publishes(tmp_path):
    db, done = tmp_path / "w.ducklake", tmp_path / "done"
    load(db, ["a"], "r0")
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db), str(done)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    for _ in range(300):  # the reader is reading before the first publish
        if Path(f"{done}.reading").exists() or reader.poll() is not None:
            break
        time.sleep(0.1)
    for run in range(1, 5):
        load(db, [f"r{run}-{k}" for k in range(15)], f"r{run}")
        time.sleep(0.3)  # reads between the publishes too
    done.touch()
    out, err = reader.communicate(timeout=120)
    seen = json.loads(out)
    assert seen["errors"] == [], err
    assert seen["counts"] and seen["counts"] == sorted(seen["counts"]) and seen["counts"][-1] == 61
    assert len(set(seen["counts"])) >= 2  # it read across publishes, not only before or after them
