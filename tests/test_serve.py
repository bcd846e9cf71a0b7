"""A real `dateline serve` on a short interval: two runs complete, and what arrives between them loads."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.readonly import run_read_only

pytestmark = pytest.mark.slow


def completed_runs(db: Path) -> int:
    try:
        return int(run_read_only(db, "SELECT count(*) n FROM runs WHERE status = 'completed'")["n"][0])
    except Exception:  # noqa: BLE001 - not published yet
        return 0


def wait_for(predicate, timeout: float, proc: subprocess.Popen) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if predicate():
            return True
        time.sleep(1)
    return False


def test_serve_runs_on_schedule_and_picks_up_new_articles(tmp_path, prefect_server):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("date 2024-01-01 Paris: France and Germany held talks on Monday.")
    db = tmp_path / "w.duckdb"
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", "serve", "--interval", "5", "--source", str(inbox),
                             "--db", str(db)], cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert wait_for(lambda: completed_runs(db) >= 1, 240, proc), (tmp_path / "serve.log").read_text()[-3000:]
        (inbox / "b.txt").write_text("date 2024-01-02 Rome: Italy and Spain signed two agreements on Tuesday.")
        assert wait_for(lambda: completed_runs(db) >= 2 and
                        int(run_read_only(db, "SELECT count(*) n FROM articles")["n"][0]) == 2, 240, proc), \
            (tmp_path / "serve.log").read_text()[-3000:]
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
    runs = run_read_only(db, "SELECT articles_new, articles_unchanged FROM runs ORDER BY started_at")
    assert runs["articles_new"].sum() == 2
    said = (tmp_path / "serve.log").read_text()
    assert "completed in" in said and "1 new" in said  # one summary line a scheduled run, in serve's terminal
    assert "Traceback" not in said
