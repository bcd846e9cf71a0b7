"""Reports, export, BI settings and the HTML page, on a warehouse built from the bundled sample."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dateline import reports, warehouse
from dateline.bi import SUPERSET, connection_settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("reports")
    run = subprocess.run([sys.executable, "-m", "dateline.cli", "run", "--db", "w.duckdb"], cwd=work,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return work / "w.duckdb"


def test_at_least_eight_reports_and_every_one_runs(db):
    known = reports.reports()
    assert len(known) >= 8
    params = {"a": "PHL", "b": "CHN", "entity": "Russia", "concept": "trade", "limit": "5", "as_of": "2099-01-01"}
    for name, report in known.items():
        frame = reports.run_report(db, name, {p: params[p] for p in report.params})
        assert list(frame.columns), name
    assert len(reports.run_report(db, "top_speakers", {"limit": "3"})) == 3
    between = reports.run_report(db, "events_between_countries", {"a": "phl", "b": "chn"})
    assert (between["events"] > 0).all() and len(between) >= 1
    assert len(reports.run_report(db, "run_health")) == 1


def test_unknown_report_and_parameters_are_refused(db):
    with pytest.raises(KeyError):
        reports.run_report(db, "nope")
    with pytest.raises(ValueError, match="takes limit"):
        reports.run_report(db, "top_speakers", {"colour": "red"})


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_round_trips(db, tmp_path, fmt):
    counts = reports.export(db, tmp_path, fmt)
    con = duckdb.connect()
    for table, n in counts.items():
        if fmt == "parquet" and table in reports.MONTHLY:
            pattern = f"{tmp_path}/{table}/**/*.parquet"
            got = con.execute(f"SELECT count(*) FROM read_parquet('{pattern}', hive_partitioning = true)").fetchone()[0] if n else 0
        elif fmt == "parquet":
            got = con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/{table}.parquet')").fetchone()[0]
        else:
            got = con.execute(f"SELECT count(*) FROM read_csv('{tmp_path}/{table}.csv')").fetchone()[0] if n else 0
        assert got == n, table


def test_html_report_has_real_charts(db, tmp_path):
    page = reports.html_report(db, tmp_path / "report.html").read_text()
    assert page.count("<svg") == 3  # events over time, top speakers, a metric over time
    assert "Christine Lagarde" in page or "Mike Henry" in page
    import re

    assert not re.search(r"""(src|href)=["']https?://""", page)  # self-contained: nothing fetched from outside
    assert "Validation of the latest run" in page and page.count("<td>passed</td>") >= 10  # readable offline


def test_bi_settings_name_the_file_read_only(db):
    settings = connection_settings(db)
    assert len(settings) >= 5
    assert all(str(db) in text for tool, text in settings.items() if "Files" not in tool and "Evidence" not in tool)
    evidence = next(text for tool, text in settings.items() if "Evidence" in tool)
    assert "filename: /" not in evidence and "read_only" not in evidence  # Evidence joins the path to its folder
    assert "access_mode=read_only" in settings[SUPERSET] and "Read-only connection: ON".lower() in str(settings).lower()


def test_sqlalchemy_reader_works_while_a_run_publishes(db, tmp_path):
    """What Superset does: a read-only SQLAlchemy engine through duckdb-engine lists tables and columns
    and runs a report, again and again, while `dateline run` loads and publishes in another process."""
    import shutil
    import threading
    import time
    from importlib import resources

    import sqlalchemy as sa

    live = tmp_path / "live.duckdb"
    shutil.copy(db, live)
    src = tmp_path / "src"
    shutil.copytree(resources.files("dateline.sample"), src, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    (src / "extra.txt").write_text("date 2024-09-01 Paris: France and Italy agreed on Monday to hold talks.")
    sql = reports.reports()["top_speakers"].sql.replace("$limit", "5")
    errors, rounds, stop = [], [], threading.Event()

    def superset_like() -> None:
        while not stop.is_set():
            engine = sa.create_engine(f"duckdb:///{live}", connect_args={"read_only": True})
            try:
                inspector = sa.inspect(engine)
                tables = set(inspector.get_table_names())
                columns = {c["name"] for c in inspector.get_columns("quotes")}
                with engine.connect() as con:
                    rows = con.execute(sa.text(sql)).fetchall()
                assert {"articles", "events", "quotes", "metrics"} <= tables and "speaker_name" in columns and rows
                rounds.append(len(rows))
            except Exception as exc:  # noqa: BLE001 - any error is the failure we look for
                errors.append(repr(exc))
            finally:
                engine.dispose()
            time.sleep(0.1)

    reader = threading.Thread(target=superset_like)
    reader.start()
    try:
        run = subprocess.run([sys.executable, "-m", "dateline.cli", "run", "--db", str(live), "--source", str(src)],
                             cwd=tmp_path, capture_output=True, text=True, timeout=600)
    finally:
        stop.set()
        reader.join()
    assert run.returncode == 0, run.stderr
    assert not errors, errors[:3]
    assert len(rounds) >= 3


def test_bi_tools_see_descriptions_and_keys(db):
    """What Superset and Metabase read through SQLAlchemy: a description on every table, column and
    view, and a primary key on every fact table."""
    import sqlalchemy as sa

    from dateline import schema

    engine = sa.create_engine(f"duckdb:///{db}", connect_args={"read_only": True})
    try:
        inspector = sa.inspect(engine)
        for table in schema.TABLES:
            assert inspector.get_table_comment(table.name)["text"] == table.about
            comments = {c["name"]: c.get("comment") for c in inspector.get_columns(table.name)}
            assert all(comments[c.name] for c in table.columns), table.name
    finally:
        engine.dispose()
    with duckdb.connect(str(db), read_only=True) as con:
        undescribed = con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal AND comment IS NULL").fetchall()
        bare_columns = [r for r in con.execute(warehouse.sql_text("queries/view_columns.sql")).fetchall()
                        if con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = ? AND column_name = ?",
                                       list(r)).fetchall()[0][0] is None]
        keys = dict(con.execute("SELECT table_name, constraint_column_names FROM duckdb_constraints() "
                                "WHERE constraint_type = 'PRIMARY KEY'").fetchall())
    assert undescribed == [] and bare_columns == []
    # (duckdb-engine's inspector cannot read keys under SQLAlchemy 2: DuckDB's own catalogue is the check)
    assert {t: keys.get(t) for t in ("quotes", "metrics", "events", "articles")} == {
        "quotes": ["quote_id"], "metrics": ["metric_id"], "events": ["event_id"], "articles": ["article_id"]}


def test_a_star_schema_for_bi(db):
    with duckdb.connect(str(db), read_only=True) as con:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        assert q("SELECT DISTINCT typeof(event_month) FROM fact_events") == [("DATE",)]
        assert q("SELECT name, region FROM dim_country WHERE country_code = 'NOR'") == [("Norway", "Europe")]
        assert q("SELECT count(*) FROM fact_events f LEFT JOIN dim_article a USING (article_id) WHERE a.article_id IS NULL") == [(0,)]
        assert q("SELECT count(*) FROM fact_events f LEFT JOIN dim_date d ON d.date = f.published_date "
                 "WHERE f.published_date IS NOT NULL AND d.date IS NULL") == [(0,)]
        unknown = q("SELECT DISTINCT source_country FROM fact_events WHERE source_country IS NOT NULL "
                    "AND source_country NOT IN (SELECT country_code FROM dim_country)")
        assert unknown == []
        assert q("SELECT count(*) > 0 FROM fact_events f JOIN dim_country c ON c.country_code = f.source_country") == [(True,)]


def test_export_writes_the_star_schema_and_a_re_export_leaves_no_stale_month(db, tmp_path):
    import shutil

    counts = reports.export(db, tmp_path / "out")
    assert {"bi/fact_events", "bi/dim_date", "bi/dim_country", "bi/dim_article"} <= set(counts)
    assert counts["bi/dim_country"] > 200
    moved = tmp_path / "moved.duckdb"
    shutil.copy(db, moved)
    with duckdb.connect(str(moved)) as con:
        con.execute("UPDATE articles SET published_date = DATE '1999-01-15'")
    again = reports.export(moved, tmp_path / "out")
    with duckdb.connect() as con:
        got = con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/out/quotes/**/*.parquet', "
                          "hive_partitioning = true)").fetchall()[0][0]
    assert got == again["quotes"] == counts["quotes"] > 0
