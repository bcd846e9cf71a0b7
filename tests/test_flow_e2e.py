"""The real Prefect flow, end to end through the `dateline` command, on the bundled sample and on bad input."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.readonly import run_read_only

from .conftest import SHARED, needs_shared

pytestmark = pytest.mark.slow


def dateline(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dateline.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def counts(db: Path) -> dict[str, int]:
    tables = ["articles", "entities", "mentions", "quotes", "metrics", "events"]
    return {t: int(run_read_only(db, f"SELECT count(*) n FROM {t}")["n"][0]) for t in tables}


def test_sample_run_fills_every_table(sample_run):
    work, first, n = sample_run
    assert n["articles"] >= 12
    assert all(n[t] > 0 for t in n), n
    assert "13 new" in first.stderr
    db = work / "w.duckdb"
    runs = run_read_only(db, "SELECT status, articles_new FROM runs")
    assert runs.to_dict("records") == [{"status": "completed", "articles_new": n["articles"]}]
    failed = run_read_only(db, "SELECT count(*) n FROM validation_results WHERE NOT success")["n"][0]
    assert failed == 0
    polled = run_read_only(db, "SELECT kind, articles_read, error_count FROM sources")
    assert polled.to_dict("records") == [{"kind": "folder", "articles_read": 13, "error_count": 0}]
    docs = work / "w_data_docs"
    index = (docs / "index.html").read_text()
    for table in ("articles", "quotes", "metrics", "events"):
        assert (docs / "expectations" / f"{table}.html").exists() and f"validations/{table}/" in index
    # the offset invariant, checked in SQL as a user would
    bad = run_read_only(db, """
        SELECT count(*) n FROM quotes q JOIN articles a USING (article_id)
        WHERE substr(a.body, q.quote_start + 1, q.quote_end - q.quote_start) <> q.quote_text""")["n"][0]
    assert bad == 0


def test_second_run_is_idempotent(sample_run):
    work, _, before = sample_run
    second = dateline("run", "--db", "w.duckdb", cwd=work)
    assert second.returncode == 0, second.stderr
    assert "0 new, 0 changed, 13 unchanged" in second.stderr
    assert counts(work / "w.duckdb") == before


def test_changed_article_replaces_its_rows_and_bad_input_is_rejected(sample_run, tmp_path):
    from importlib import resources

    src = tmp_path / "src"
    shutil.copytree(resources.files("dateline.sample"), src, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    shutil.copy(sample_run[0] / "w.duckdb", tmp_path / "w.duckdb")  # the sample as a first run loaded it
    article = src / "03_frankfurt_rates.txt"
    article.write_text(article.read_text().replace("3.75 per cent", "3.5 per cent"))
    (src / "bad.txt").write_bytes(b"\x00\x01binary")
    (src / "bad_date.txt").write_text("date 2021-02-30 Paris: Something happened.")
    (src / "feed.jsonl").write_text('{"id": "j1", "body": "Iran and Iraq held talks on Monday."}\n{oops\n')
    second = dateline("run", "--db", "w.duckdb", "--source", str(src), cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    db = tmp_path / "w.duckdb"
    values = run_read_only(db, "SELECT value FROM metrics WHERE article_id = '03_frankfurt_rates.txt'")["value"].tolist()
    assert 3.5 in values and 3.75 not in values
    rejected = run_read_only(db, "SELECT location, reason FROM rejected_articles ORDER BY location")
    assert set(rejected["location"]) == {"bad.txt", "bad_date.txt", "feed.jsonl:2"}
    run = run_read_only(db, "SELECT articles_new, articles_changed, articles_rejected FROM runs ORDER BY started_at DESC LIMIT 1")
    assert run.to_dict("records") == [{"articles_new": 1, "articles_changed": 1, "articles_rejected": 3}]
    strict = dateline("run", "--db", "w.duckdb", "--source", str(src), "--strict", cwd=tmp_path)
    assert strict.returncode == 1


def test_sql_command_formats_and_refuses_writes(sample_run):
    work, _, _ = sample_run
    ok = dateline("sql", "SELECT count(*) AS n FROM articles", "--db", "w.duckdb", "--format", "json", cwd=work)
    assert ok.returncode == 0 and json.loads(ok.stdout)[0]["n"] >= 12
    refused = dateline("sql", "DROP TABLE articles", "--db", "w.duckdb", cwd=work)
    assert refused.returncode == 2 and "refused" in refused.stderr


@needs_shared
def test_seed_article_gives_what_the_contract_lists(tmp_path):
    run = dateline("run", "--db", "w.duckdb", "--source", str(SHARED / "seed"), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    db = tmp_path / "w.duckdb"
    art = run_read_only(db, "SELECT published_date, dateline_city FROM articles").iloc[0]
    assert str(art["published_date"])[:10] == "2021-04-07" and art["dateline_city"] == "Islamabad"
    people = set(run_read_only(db, "SELECT name FROM entities WHERE type = 'PERSON'")["name"])
    assert {"Shah Mahmood Qureshi", "Sergey Lavrov"} <= people
    speakers = run_read_only(db, "SELECT speaker, speaker_name, quote_text FROM quotes")
    assert {"Shah Mahmood Qureshi", "Sergey Lavrov"} <= set(speakers["speaker_name"].dropna())
    he_said = speakers[speakers["quote_text"].str.startswith('"This is in the interest')]
    assert he_said["speaker_name"].tolist() == ["Sergey Lavrov"]
    events = run_read_only(db, "SELECT event_type, source_country, target_country, event_date FROM events")
    for kind in ("CONSULT", "AGREE"):
        rows = events[events["event_type"] == kind]
        assert any({r.source_country, r.target_country} == {"PAK", "RUS"} and str(r.event_date)[:10] == "2021-04-07"
                   for r in rows.itertuples()), (kind, events)
    metric = run_read_only(db, "SELECT value, normalized_unit, change, concept FROM metrics WHERE value = 46").iloc[0]
    assert (metric["normalized_unit"], metric["change"], metric["concept"]) == ("percentage", "up", "bilateral trade")


def test_small_batches_give_the_same_rows(sample_run, tmp_path):
    """Each batch is extracted, validated and spilled on its own; the warehouse is the same however it is cut."""
    _, _, whole = sample_run
    run = dateline("run", "--db", "w.duckdb", "--batch-size", "4", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert counts(tmp_path / "w.duckdb") == whole
