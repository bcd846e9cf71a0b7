"""Running dateline day to day: the tests' own Prefect, mistakes that exit non-zero in one line, output
that fits, a run's page in the UI, and Ctrl-C / SIGTERM that stop a run cleanly."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from .test_flow_e2e import dateline

SAMPLE_TEXT = ("date 2024-03-06 Paris: France and Germany held talks on Monday. \"We agreed on a plan,\" said "
               "Foreign Minister Anne Martin. Exports rose 12 per cent to 4.5 billion euros.")


def cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dateline.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, env={**os.environ, **(env or {})})


def test_the_tests_never_touch_the_users_prefect_or_warehouse():
    from dateline import cache

    home = Path(os.environ["PREFECT_HOME"]).resolve()
    assert home.is_relative_to(Path(tempfile.gettempdir()).resolve())
    assert cache.folder().resolve().is_relative_to(home)  # the built tables too: not ~/.cache/dateline
    assert home != (Path.home() / ".prefect").resolve()
    assert Path(os.environ["PREFECT_PROFILES_PATH"]).resolve().is_relative_to(home)
    assert "DATELINE_DB" not in os.environ
    api = os.environ.get("PREFECT_API_URL")
    assert api is None or api.startswith("http://127.0.0.1:")  # the session's own server (conftest)


def test_a_missing_source_exits_2_in_one_line_and_creates_nothing(tmp_path):
    done = cli("run", "--source", "./typo", "--db", "w.duckdb", cwd=tmp_path)
    assert done.returncode == 2
    assert "no such source: ./typo" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("args, message", [
    (("runs", "--db", "none.duckdb"), "no warehouse at none.duckdb"),
    (("export", "out", "--db", "none.duckdb"), "no warehouse at none.duckdb"),
    (("sql", "SELECT 1", "--db", "none.duckdb", "--format", "xml"), "unknown --format 'xml'"),
    (("report", "top_speakers", "-p", "limit=abc", "--db", "none.duckdb"), "limit must be a whole number"),
    (("report", "quotes_about_entity", "--db", "none.duckdb"), "needs -p entity="),
    (("report", "top_speakers", "-p", "limit", "--db", "none.duckdb"), "a parameter is key=value"),
])
def test_mistakes_exit_2_with_one_clear_line(tmp_path, args, message):
    done = cli(*args, cwd=tmp_path)
    assert done.returncode == 2 and message in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


def test_version(tmp_path):
    done = cli("--version", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("dateline ")


def test_wide_rows_are_shown_down_and_redirected_tables_are_not_wrapped(sample_run):
    work = sample_run[0]
    narrow = cli("sql", "SELECT * FROM quotes LIMIT 2", "--db", "w.duckdb", cwd=work, env={"COLUMNS": "80"})
    assert narrow.returncode == 0 and "-[ row 1 ]" in narrow.stdout
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 80
    assert "(2 rows)" in narrow.stderr
    wide = cli("sql", "SELECT quote_id, speaker FROM quotes LIMIT 3", "--db", "w.duckdb", cwd=work)
    rows = [line for line in wide.stdout.splitlines() if line.startswith("│")]
    assert len(rows) == 3  # one line a row: nothing wrapped when the output is not a terminal


def test_a_run_page_in_the_ui_has_its_logs_and_its_counts(tmp_path, prefect_server):
    if not prefect_server:
        pytest.skip("the session's Prefect server did not start")
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey, LogFilter, LogFilterFlowRunId

    (tmp_path / "a.txt").write_text(SAMPLE_TEXT)
    done = dateline("run", "--source", "a.txt", "--db", "w.duckdb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    run_id = next(w for w in done.stderr.split() if w.endswith(":") and "T" in w)[:-1]
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["dateline-run-summary"])))
        mine = [a for a in artifacts if run_id in (a.description or "")]
        assert mine, [a.description for a in artifacts]
        counts = {row["what"]: row["count"] for row in json.loads(mine[0].data)}
        assert counts["articles new"] == 1 and counts["rows: quotes"] >= 1
        logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[mine[0].flow_run_id])))
        assert any("1 new" in log.message for log in logs)


def test_the_served_ui_knows_where_its_api_is(tmp_path):
    from dateline.prefect_server import local_server

    with local_server(tmp_path / "server.log") as url:
        assert url is not None, (tmp_path / "server.log").read_text()[-2000:]
        with urllib.request.urlopen(url[:-4] + "/ui-settings", timeout=10) as response:
            assert json.load(response)["api_url"] == url
        with urllib.request.urlopen(url + "/health", timeout=10) as response:
            assert response.status == 200


def _server_processes() -> int:
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return sum("prefect.server.api.server:create_app" in line and "dateline-prefect" not in line for line in out.splitlines())


@pytest.mark.slow
@pytest.mark.parametrize("how, code", [("SIGINT", 130), ("SIGTERM", 143)])
def test_an_interrupted_run_stops_in_seconds_with_one_line(tmp_path, how, code):
    """Ctrl-C is SIGINT to the whole process group, as a terminal sends it; its own temporary server."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for k in range(3000):
        (inbox / f"{k}.txt").write_text(SAMPLE_TEXT.replace("Monday", f"Monday {k}"))
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"TMPDIR": str(temp)}
    before = _server_processes()
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", "run", "--source", str(inbox), "--db", "w.duckdb",
                             "--workers", "2"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True, env=env)
    lines: list[str] = []
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        lines.append(line)
        if "extracting and validating" in line or not line:
            break
    time.sleep(3)
    sent = time.monotonic()
    if how == "SIGINT":
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGTERM)
    rest, _ = proc.communicate(timeout=60)
    elapsed = time.monotonic() - sent
    said = [line for line in rest.splitlines() if line.strip() and not re.match(r"\d\d:\d\d:\d\d ", line)]
    assert proc.returncode == code, "".join(lines) + rest
    assert elapsed < 15 and said == ["interrupted: nothing published, the warehouse is as it was"], rest
    assert not (tmp_path / "w.duckdb").exists() and not (tmp_path / "w.duckdb.staging").exists()
    assert not list(temp.glob("dateline-spill-*"))
    journal = (tmp_path / "w.duckdb.failed-runs.jsonl").read_text().splitlines()
    assert [json.loads(line)["message"] for line in journal] == ["interrupted"]  # `dateline runs` shows it
    time.sleep(2)
    assert _server_processes() <= before


def test_serve_drops_the_runs_an_earlier_serve_left_scheduled(prefect_server):
    if not prefect_server:
        pytest.skip("the session's Prefect server did not start")
    from prefect.client.orchestration import get_client
    from prefect.states import Scheduled

    from dateline.flows.ingest import ingest
    from dateline.flows.serve import drop_leftover_runs

    with get_client(sync_client=True) as client:
        flow_id = client.create_flow_from_name(ingest.name)
        deployment_id = client.create_deployment(flow_id=flow_id, name="leftover-test", entrypoint="flows/ingest.py:ingest")
        for _ in range(3):
            client.create_flow_run_from_deployment(deployment_id, state=Scheduled())
    assert drop_leftover_runs(f"{ingest.name}/leftover-test") == 3
    assert drop_leftover_runs(f"{ingest.name}/leftover-test") == 0


def test_a_program_holding_the_warehouse_read_write_is_named(tmp_path):
    import duckdb

    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "c.execute('CREATE TABLE t (x INT)'); print('ready', flush=True); time.sleep(120)",
                               str(tmp_path / "w.duckdb")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        done = cli("run", "--db", "w.duckdb", cwd=tmp_path)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 3, done.stderr
    assert "another program holds the warehouse open read-write" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr
    assert duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True).execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_a_run_says_each_stage_in_plain_lines_when_not_a_terminal(sample_run):
    said = sample_run[1].stderr
    for stage in ("reading sources", "articles read", "extracting and validating", "loading into the warehouse"):
        assert re.search(rf"^\d\d:\d\d:\d\d .*{stage}", said, re.M), said


@pytest.mark.parametrize("make, cause", [
    (lambda p: p.mkdir(), "names a folder"),
    (lambda p: p.write_bytes(b"not a database" * 400), "not a dateline warehouse"),
])
def test_a_broken_db_gets_one_line_at_once_and_no_retries(tmp_path, make, cause):
    make(tmp_path / "w.duckdb")
    started = time.monotonic()
    done = cli("run", "--db", "w.duckdb", cwd=tmp_path)
    assert done.returncode == 1 and cause in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert time.monotonic() - started < 60  # read_sources' retries are for the sources, not the warehouse


def test_a_bad_model_share_setting_is_one_clear_line(tmp_path):
    done = cli("run", "--db", "w.duckdb", cwd=tmp_path, env={"DATELINE_MAX_ANALYSED_CHARS": "lots"})
    assert done.returncode == 1 and "DATELINE_MAX_ANALYSED_CHARS must be a whole number" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "w.duckdb").exists()


def test_a_sqlite_file_as_db_fetches_no_extension(tmp_path):
    """Refused whether or not the user has DuckDB's sqlite_scanner installed (it opens SQLite files
    even with autoloading off); the extensions go into a HOME of the test's own."""
    import sqlite3

    from dateline import lake

    with sqlite3.connect(tmp_path / "lite.db") as con:
        con.execute("CREATE TABLE x (a)")
    lake.install_extensions(tmp_path / "home" / ".duckdb" / "extensions")
    done = cli("run", "--db", "lite.db", cwd=tmp_path, env={**os.environ, "HOME": str(tmp_path / "home")})
    assert done.returncode == 1 and "not a DuckDB warehouse" in done.stderr, done.stderr
    assert "Failed to download" not in done.stderr and "extensions.duckdb.org" not in done.stderr, done.stderr


def test_dateline_sql_cannot_lift_its_memory_cap(sample_run):
    done = cli("sql", "SET memory_limit='100GB'", "--db", "w.duckdb", cwd=sample_run[0])
    assert done.returncode == 2 and "configuration has been locked" in " ".join(done.stderr.split())


def test_dateline_sql_shows_a_bounded_result_of_one_statement(sample_run):
    work = sample_run[0]
    big = cli("sql", "SELECT * FROM range(50000)", "--db", "w.duckdb", "-f", "csv", cwd=work)
    assert big.returncode == 0 and len(big.stdout.splitlines()) == 10_001  # the header and 10,000 rows
    assert "only the first 10,000 rows are shown: --max-rows 0 for all" in big.stderr
    everything = cli("sql", "SELECT * FROM range(50000)", "--db", "w.duckdb", "-f", "csv", "--max-rows", "0", cwd=work)
    assert len(everything.stdout.splitlines()) == 50_001 and "only the first" not in everything.stderr
    started = time.monotonic()
    cross = cli("sql", "SELECT a.range * b.range FROM range(5000) a, range(5000) b", "--db", "w.duckdb",
                "-f", "csv", "--max-rows", "5", cwd=work)
    assert cross.returncode == 0 and len(cross.stdout.splitlines()) == 6 and time.monotonic() - started < 60
    two = cli("sql", "SELECT 1; SELECT 2", "--db", "w.duckdb", cwd=work)
    assert two.returncode == 2 and "one statement at a time" in two.stderr
    tight = cli("sql", "SELECT list(range) FROM range(20000000)", "--db", "w.duckdb", "--memory-limit", "50MB",
                cwd=work)
    assert tight.returncode == 1 and "memory" in tight.stderr.lower(), tight.stderr


def test_lone_surrogates_and_a_file_name_that_is_not_utf8_load_the_run(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "news.jsonl").write_text('{"id": "a\\ud800", "title": "T\\ud800", "body": "Paris: France and Germany '
                                    'held talks on Monday \\ud800 about trade."}\n'
                                    '{"id": "b", "body": "Rome: Italy and Spain signed two agreements on Tuesday."}\n')
    (src / os.fsdecode(b"bad\xff.txt")).write_text("date 2024-01-02 Oslo: Norway held talks on Monday.")
    done = cli("run", "--source", "src", "--db", "w.duckdb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with __import__("duckdb").connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        ids = sorted(r[0] for r in con.execute("SELECT article_id FROM articles").fetchall())
    assert ids == ["a\ufffd", "b", "bad\ufffd.txt"]


def test_a_run_that_failed_after_publishing_is_listed_once(sample_run, tmp_path):
    """Its row is in `runs` and its failure in the journal (e.g. Data Docs failed): `dateline runs` shows the row."""
    import shutil

    from dateline.readonly import run_read_only

    shutil.copy(sample_run[0] / "w.duckdb", tmp_path / "w.duckdb")
    stored = run_read_only(tmp_path / "w.duckdb", "SELECT run_id, status FROM runs")
    run_id = stored["run_id"][0]
    (tmp_path / "w.duckdb.failed-runs.jsonl").write_text(json.dumps(
        {"run_id": run_id, "started_at": "2026-01-01 00:00:00", "status": "failed", "message": "OSError: x"}) + "\n")
    shown = json.loads(cli("runs", "--db", "w.duckdb", "-f", "json", cwd=tmp_path).stdout)
    assert sorted((r["run_id"], r["status"]) for r in shown) == sorted(zip(stored["run_id"], stored["status"]))
    assert [r["status"] for r in shown if r["run_id"] == run_id] == ["completed"]  # once, as stored
