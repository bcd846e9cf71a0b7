"""Faults a warehouse that runs unattended must survive: crashes, concurrent readers and writers, odd text."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.readonly import run_read_only

from .lakeload import load

pytestmark = pytest.mark.slow

TABLES = ("articles", "entities", "mentions", "quotes", "metrics", "events")


def dateline(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the command in its own process group, output to files: a run killed with SIGKILL leaves
    Prefect's temporary server behind, which would hold pipes open; the group is cleaned up after."""
    out, err = cwd / "stdout.log", cwd / "stderr.log"
    with open(out, "w") as fo, open(err, "w") as fe:
        proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", *args], cwd=cwd, stdout=fo, stderr=fe,
                                env={**os.environ, **(env or {})}, start_new_session=True)
        try:
            code = proc.wait(timeout=600)
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    return subprocess.CompletedProcess(proc.args, code, out.read_text(), err.read_text())


def snapshot(db: Path) -> dict[str, list]:
    """Every table's rows, sorted, without the columns that differ between runs by design."""
    out = {}
    for table in TABLES:
        frame = run_read_only(db, f"SELECT * FROM {table}")
        frame = frame.drop(columns=[c for c in ("run_id", "loaded_at") if c in frame.columns])
        out[table] = sorted(map(repr, frame.astype(str).values.tolist()))
    return out


@pytest.fixture(scope="module")
def baseline(sample_run):
    """The sample's rows after an uninterrupted run."""
    return snapshot(sample_run[0] / "w.duckdb")


DESIGNS = pytest.mark.parametrize("name", ["w.duckdb", "w.ducklake"])  # a DuckDB file; a DuckLake


@pytest.mark.parametrize("stage", ["load", "publish"])  # a kill in extraction comes before any write
def test_sigkill_leaves_the_published_warehouse_intact_and_the_next_run_completes(tmp_path, baseline, stage):
    name = "w.duckdb"  # a lake's crashes: tests/test_lake.py, where the storage layer is killed on its own
    db = tmp_path / name
    load(db, ["one"], "r0")  # a published warehouse of one article (its load only: no NLP needed)
    before = snapshot(db)
    from importlib import resources

    killed = dateline("run", "--db", name, "--source", str(resources.files("dateline.sample")), cwd=tmp_path,
                      env={"DATELINE_FAULT": stage})
    assert killed.returncode == -9
    assert snapshot(db) == before  # the published file is exactly what it was
    again = dateline("run", "--db", name, "--source", str(resources.files("dateline.sample")), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    after = snapshot(db)
    for table in TABLES:  # the sample's rows equal those of a run that was never interrupted
        assert set(baseline[table]) <= set(after[table]), table
    assert len(after["articles"]) == len(baseline["articles"]) + 1


def test_reader_in_a_loop_sees_no_error_across_publishes(tmp_path):
    name = "w.duckdb"
    db = tmp_path / name
    src = tmp_path / "src"
    src.mkdir()
    load(db, ["a"], "r0")
    errors, reads, stop = [], [], threading.Event()

    def read_loop() -> None:
        while not stop.is_set():
            try:
                reads.append(int(run_read_only(db, "SELECT count(*) n FROM articles")["n"][0]))
            except Exception as exc:  # noqa: BLE001 - any error is the failure we look for
                errors.append(repr(exc))
            time.sleep(0.05)

    reader = threading.Thread(target=read_loop)
    reader.start()
    try:
        for i in range(2):  # two publishes: the reader reads before, between and after them
            (src / f"b{i}.txt").write_text(f"date 2024-01-0{i + 2} Rome: Italy and Spain signed {i + 2} agreements.")
            run = dateline("run", "--db", name, "--source", str(src), cwd=tmp_path)
            assert run.returncode == 0, run.stderr
    finally:
        stop.set()
        reader.join()
    assert not errors
    assert reads and reads[-1] == 3 and reads == sorted(reads)


@DESIGNS
def test_two_runs_at_once_never_corrupt_the_warehouse(tmp_path, name):
    from importlib import resources

    sample = str(resources.files("dateline.sample"))
    cmd = [sys.executable, "-m", "dateline.cli", "run", "--db", name, "--source", sample]
    first = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [(p.wait(timeout=600), p.stderr.read()) for p in (first, second)]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 3]), results
    if codes == [0, 3]:
        assert any("another dateline run is writing" in err for _, err in results)
    assert int(run_read_only(tmp_path / name, "SELECT count(*) n FROM articles")["n"][0]) == 13


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([
    "Officials said", " \u201cWe will not sign,\u201d", " he said.", ' "Prices rose 4.5% to $12.3 billion', "\n\n",
    " according to the ministry,", " \u200b\u200f", " Russia and China agreed", " on Wednesday", " about 46 per cent",
    " \u2018odd\u2019 \"", " 1,750-1,780 tonnes", " (", ")", ":", "\u202e", " the minister added", " Lavrov",
]), min_size=1, max_size=25).map("".join))
def test_every_stored_span_equals_its_offsets(analyse, text):
    _, _, rows = analyse(text)
    for q in rows["quotes"]:
        assert text[q["quote_start"]:q["quote_end"]] == q["quote_text"]
        if q["speaker_start"] is not None:
            assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker"]
    for m in rows["metrics"]:
        assert text[m["start"]:m["end"]] == m["text"]
    for m in rows["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]
    for e in rows["events"]:
        assert 0 <= e["sentence_start"] < e["sentence_end"] <= len(text)


def test_huge_long_duplicate_and_invisible_inputs(tmp_path):
    """A 20 MB article is over the cap; a 300,000-character one loads with only its start analysed (the
    model's share lowered, for time, to 60,000 characters); a sentence of 5,000 words loads; the same story
    from two sources loads once; zero-width and right-to-left characters load."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "huge.txt").write_text("date 2024-01-01 Paris: " + "word " * (4 * 1024 * 1024 + 10))
    (src / "long.txt").write_text("date 2024-01-01 Paris: " + "France and Germany held talks. " * 10_000)
    (src / "sentence.txt").write_text("date 2024-01-01 Paris: Officials said " + "and talks " * 5_000 + "ended.")
    story = "Russia and China agreed on Monday to expand trade by 20 per cent, officials said."
    (src / "wire.txt").write_text("date 2024-01-02 Moscow: " + story)
    (tmp_path / "other.jsonl").write_text('{"id": "copy", "date": "2024-01-02", "body": "' + story + '"}\n')
    (src / "odd.txt").write_text("date 2024-01-03 Cairo: Egypt\u200b hosted talks \u202bwith Israel\u202c on Monday.")
    run = dateline("run", "--db", "w.duckdb", "--source", str(src), "--source", str(tmp_path / "other.jsonl"), cwd=tmp_path,
                   env={"DATELINE_MAX_ANALYSED_CHARS": "60000"})
    assert run.returncode == 0, run.stderr
    db = tmp_path / "w.duckdb"
    loaded = set(run_read_only(db, "SELECT article_id FROM articles")["article_id"])
    assert loaded == {"long.txt", "sentence.txt", "wire.txt", "odd.txt"}
    reasons = dict(run_read_only(db, "SELECT location, reason FROM rejected_articles").values.tolist())
    assert "20 MB cap" in reasons["huge.txt"]
    assert reasons["copy"].startswith("duplicate: the same text as article 'wire.txt'")
    assert "only the first 60,000 are analysed" in " ".join(run.stderr.split())  # rich wraps lines
    assert int(run_read_only(db, "SELECT count(*) n FROM events WHERE article_id = 'odd.txt'")["n"][0]) >= 1


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99), st.booleans())
def test_number_parser_reads_what_it_is_written(whole, cents, with_fraction):
    from dateline.extract.numbers import parse_number

    written = f"{whole:,}" + (f".{cents:02d}" if with_fraction else "")
    expected = whole + (cents / 100 if with_fraction else 0)
    assert parse_number(written) == pytest.approx(expected)
    assert parse_number(written.replace(",", "")) == pytest.approx(expected)
    for magnitude, scale in (("bn", 1e9), ("m", 1e6), ("k", 1e3)):
        assert parse_number(f"{whole}{magnitude}") == pytest.approx(whole * scale)


@given(st.integers(min_value=1, max_value=999))
def test_number_words_round_trip(n):
    from dateline.extract.numbers import parse_number

    ones = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
           "seventeen eighteen nineteen".split()
    tens = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()

    def words(k: int) -> str:
        if k < 20:
            return ones[k]
        if k < 100:
            return tens[k // 10] + ("-" + ones[k % 10] if k % 10 else "")
        return ones[k // 100] + " hundred" + (" " + words(k % 100) if k % 100 else "")

    assert parse_number(words(n)) == n
