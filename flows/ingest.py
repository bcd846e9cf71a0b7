"""One run of dateline: news articles in, a validated DuckDB warehouse out.

    read sources → parse → plan → extract (spaCy, per batch) → validate (Great Expectations) → load

Each step is a Prefect task over a whole batch, never one article at a time; the work itself lives
in `dateline.pipeline` and the extractors, plain functions that a test can call without Prefect.
Only reading sources retries: it is the one step that talks to the outside world.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import time
from collections import deque
from pathlib import Path

import pandas as pd
from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import opaque

from dateline import faults, pipeline, progress, warehouse
from dateline import workers as workers_pool
from dateline.workers import extract_articles, uses_pool
from dateline.records import Article
from dateline.validate import validate_tables, warm_up, write_data_docs


# Every task is NO_CACHE: a run never reuses a task's result (the warehouse itself says what is already
# loaded), and hashing a batch of articles or DataFrames for a cache key would cost time and memory.
# Large arguments go in `opaque(…)`: Prefect otherwise walks every article and row of them looking for
# upstream futures (0.3–0.6 s a task for 2,000 articles); they are plain values, so there is none to find.
# Not for `.submit` to Dask, whose graph would hand the task the annotation's tuple instead of the value.
@task(retries=2, retry_delay_seconds=[2, 10], cache_policy=NO_CACHE)
def read_sources(locations: list[str], db: str):
    """The one step that talks to the outside world, so the one that retries (with backoff)."""
    return pipeline.read_sources_with_state(locations, warehouse.source_state(Path(db)))


@task(cache_policy=NO_CACHE)
def parse_articles(raws):
    return pipeline.parse(raws)


@task(cache_policy=NO_CACHE)
def plan_changes(articles: list[Article], db: str) -> pipeline.Plan:
    return pipeline.plan_changes(articles, Path(db))


@task(cache_policy=NO_CACHE)
def extract_batch(articles: list[Article], model: str | None, workers: int, here: bool = True) -> dict[str, list[dict]]:
    """The NLP over one batch: in `workers` model processes beside this one, or in the process itself
    on a Dask worker when the flow runs with `DaskTaskRunner` (`workers=0`: the cluster gives the parallelism)."""
    rows = extract_articles(articles, model=model, n_process=workers, on_progress=progress.advance if here else None)
    faults.crash_point("extract")
    return rows


@task(cache_policy=NO_CACHE)
def validate(frames: dict[str, pd.DataFrame], run_id: str):
    return validate_tables(frames, run_id)


@task(cache_policy=NO_CACHE)
def load(db: str, tables: dict[str, pd.DataFrame], reload_ids: set[str], spill: str) -> dict[str, int]:
    return warehouse.publish(Path(db), warehouse.LoadBatch(tables, reload_ids, Path(spill)))


@task(cache_policy=NO_CACHE)
def data_docs(db: str) -> str | None:
    path = Path(db)
    index = write_data_docs(path.with_name(path.stem + "_data_docs"))
    return str(index) if index else None


def extracted(batches: list[list[Article]], model: str | None, workers: int, concurrent_batches: int):
    """Each batch's rows, in order. With a task runner that spreads work (Dask), up to
    `concurrent_batches` batches are submitted at once and the next goes out as each one comes back."""
    if concurrent_batches <= 1:
        for batch in batches:
            yield extract_batch(opaque(batch), model, workers)
        return
    pending: deque = deque()

    def drain(keep: int):
        while len(pending) > keep:
            size, future = pending.popleft()
            rows = future.result()
            progress.advance(size)
            yield rows

    for batch in batches:
        pending.append((len(batch), extract_batch.submit(batch, model, 0, here=False)))
        yield from drain(concurrent_batches - 1)
    yield from drain(0)


@flow(name="dateline-ingest", log_prints=True)
def ingest(sources: list[str], db: str, model: str | None = None, workers: int = 1,
           batch_size: int = 2000, strict: bool = False, wait: float = 0.0, concurrent_batches: int = 1) -> dict:
    """Load every source into the warehouse at `db`; return the run's summary as a dict."""
    run_id = pipeline.new_run_id()
    started_at, t0 = dt.datetime.now(), time.perf_counter()
    stages: dict[str, float] = {}
    mark = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        stages[stage] = round(stages.get(stage, 0.0) + now - mark, 3)
        mark = now

    with warehouse.write_lock(Path(db), wait=wait):
        raws, rejections, polled = read_sources(sources, db)
        lap("read")
        articles, parse_rejections = parse_articles(opaque(raws))
        raws.clear()  # the raw records are parsed: let them go (see rows.clear() below)
        rejections = rejections + parse_rejections
        lap("parse")
        plan = plan_changes(opaque(articles), db)
        rejections = rejections + plan.duplicates
        lap("plan")
        print(f"{len(articles)} articles read: {plan.new} new, {plan.changed} changed, "
              f"{plan.unchanged} unchanged; {len(rejections)} rejected")

        # each batch is extracted, validated and spilled to Parquet, so memory holds one batch at a time
        if concurrent_batches > 1 or uses_pool(plan.todo, workers):
            warm_up()  # this process mostly waits for the model processes meanwhile
        spill = Path(tempfile.mkdtemp(prefix="dateline-spill-"))
        quarantine, results = [], []
        progress.start(len(plan.todo))
        batches = [plan.todo[i:i + batch_size] for i in range(0, len(plan.todo), batch_size)]
        for n, (batch, rows) in enumerate(zip(batches, extracted(batches, model, workers, concurrent_batches))):
            rows["articles"] = pipeline.article_rows(batch, run_id)
            frames = pipeline.to_frames(rows)
            rows.clear()  # Prefect keeps every task's result for the whole run: empty it so memory stays flat
            lap("extract")
            outcome = validate(opaque(frames), run_id)
            frames.clear()
            pipeline.spill_frames(outcome.passing, spill, n)
            outcome.passing.clear()
            quarantine += outcome.quarantine
            results += outcome.results
            lap("validate")
        progress.stop()
        workers_pool.close()  # the model processes are done: their memory is not needed for the load

        status = "failed" if strict and rejections else "completed"
        seconds = time.perf_counter() - t0
        run_row = {"run_id": run_id, "started_at": started_at, "finished_at": dt.datetime.now(), "status": status,
                   "articles_new": plan.new, "articles_changed": plan.changed, "articles_unchanged": plan.unchanged,
                   "articles_rejected": len(rejections), "rows_quarantined": len(quarantine),
                   "seconds": round(seconds, 3), "model": model or "default", "sources": "; ".join(sources),
                   "message": None, "workers": workers, "stage_seconds": json.dumps(stages)}
        tables = {"rejected_articles": pd.DataFrame(pipeline.rejection_rows(rejections, run_id)),
                  "quarantine": pd.DataFrame(quarantine), "validation_results": pd.DataFrame(results),
                  "runs": pd.DataFrame([run_row]),
                  "sources": pd.DataFrame([dict(row, run_id=run_id) for row in polled])}
        try:
            written = load(db, opaque(tables), opaque({a.article_id for a in plan.todo}), str(spill))
        finally:
            shutil.rmtree(spill, ignore_errors=True)
    docs = data_docs(db)

    summary = pipeline.RunSummary(
        run_id=run_id, db=db, status=status, articles_new=plan.new, articles_changed=plan.changed,
        articles_unchanged=plan.unchanged, articles_rejected=len(rejections), rows=written,
        rows_quarantined=len(quarantine),
        validation_failed=sum(1 for r in results if not r["success"]), validation_total=len(results),
        seconds=round(time.perf_counter() - t0, 2),
        rejections=[{"location": r.location, "reason": r.reason} for r in rejections],
        warnings=[f"{a.article_id}: {w}" for a in articles for w in a.warnings], data_docs=docs)
    return summary.__dict__
