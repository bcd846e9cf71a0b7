"""Parallel NLP: worker processes and a Dask cluster give the same rows as one process."""
from __future__ import annotations

import pytest

from dateline.parse import content_hash
from dateline.records import Article
from dateline.workers import extract_articles

from .test_flow_e2e import counts, dateline

pytestmark = pytest.mark.slow

TEXTS = [
    "Pakistan's Foreign Minister Shah Mahmood Qureshi met Sergey Lavrov in Islamabad on Wednesday.",
    '"We reviewed our cooperation in the field of security," Qureshi said.',
    "Exports rose 12 per cent to $4.5 billion in March, the ministry said.",
    "Iran refused to meet the inspectors on Monday, officials told reporters.",
]


def articles(n: int) -> list[Article]:
    out = []
    for i in range(n):
        body = f"{TEXTS[i % len(TEXTS)]} Report number {i}."
        out.append(Article(f"a{i}", "test", body, content_hash(body), published_date="2021-04-07"))
    return out


def test_worker_processes_give_the_rows_of_one_process():
    batch = articles(140)  # more than two chunks, so the pool is used
    seen: list[int] = []
    serial = extract_articles(batch, n_process=0)
    parallel = extract_articles(batch, n_process=2, on_progress=seen.append)
    assert parallel == serial
    assert extract_articles(batch, n_process=1) == serial  # one model process beside this one
    assert sum(seen) == 140 and len(seen) > 1
    assert len(serial["quotes"]) >= 10 and len(serial["metrics"]) >= 10 and len(serial["events"]) >= 10


def test_dask_cluster_runs_the_nlp_batches(tmp_path, sample_run):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        done = dateline("run", "--db", "d.duckdb", "--task-runner", "dask", "--dask-address", cluster.scheduler_address,
                        "--batch-size", "4", cwd=tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "NLP batches on Dask" in done.stderr
        # the batches ran on the cluster: 13 articles in batches of 4
        keys = {str(entry[0]) for entry in cluster.scheduler.transition_log if "extract_batch" in str(entry[0])}
        assert len(keys) == 4, keys
    assert counts(tmp_path / "d.duckdb") == sample_run[2]


def test_slow_tables_are_built_once_per_version_and_read_back(tmp_path, monkeypatch):
    from dateline import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    builds: list[int] = []

    def build() -> dict:
        builds.append(1)
        return {"miles": "mile"}

    assert cache.json_table("units-1.0.json", build) == {"miles": "mile"}
    assert cache.json_table("units-1.0.json", build) == {"miles": "mile"}
    assert builds == [1] and (tmp_path / "dateline" / "units-1.0.json").is_file()


def test_model_processes_start_early_only_for_a_large_input(tmp_path, monkeypatch):
    from dateline import workers

    started: list[tuple] = []
    monkeypatch.setattr(workers, "pool", lambda model, n: started.append((model, n)))
    small = tmp_path / "small.jsonl"
    small.write_text('{"body": "One article."}\n')
    workers.start_early(None, 2, [str(small), "https://example.com/feed.xml"])
    assert started == []
    big = tmp_path / "big.jsonl"
    big.write_bytes(b"x" * workers.EARLY_START_BYTES)
    workers.start_early(None, 2, [str(big)])
    assert started == [(None, 2)]
