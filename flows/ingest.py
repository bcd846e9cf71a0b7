"""One run of dateline: news articles in, a validated DuckDB warehouse out.

    read sources → parse → plan → extract (spaCy, per batch) → validate (Great Expectations) → load

Each step is a Prefect task over a whole batch, never one article at a time; the work itself lives
in `dateline.pipeline` and the extractors, plain functions that a test can call without Prefect.
Only reading sources retries: it is the one step that talks to the outside world.
"""
from __future__ import annotations

from collections import deque
from pathlib import Path

import pandas as pd
from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import opaque

from dateline import faults, nlp, pipeline, progress, settings, warehouse
from dateline import workers as workers_pool
from dateline.flows.artifacts import report_run
from dateline.records import Article
from dateline.validate import validate_tables, warm_up, write_data_docs
from dateline.workers import extract_articles, uses_pool


# Every task is NO_CACHE: a run never reuses a task's result (the warehouse itself says what is already
# loaded), and hashing a batch of articles or DataFrames for a cache key would cost time and memory.
# Large arguments go in `opaque(…)`: Prefect otherwise walks every article and row of them looking for
# upstream futures (0.3–0.6 s a task for 2,000 articles); they are plain values, so there is none to find.
# Not for `.submit` to Dask, whose graph would hand the task the annotation's tuple instead of the value.
@task(retries=2, retry_delay_seconds=[2, 10], cache_policy=NO_CACHE)
def read_sources(locations: list[str], known: dict):
    """The one step that talks to the outside world, so the one that retries (with backoff); what the
    warehouse knows of the sources is read before it, once: a warehouse error is not retried."""
    return pipeline.read_sources_with_state(locations, known)


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
def ingest(sources: list[str], db: str, model: str | None = None, workers: int | None = None,
           batch_size: int = settings.BATCH_SIZE, strict: bool = False, wait: float = 0.0,
           concurrent_batches: int = 1) -> dict:
    """Load every source into the warehouse at `db`; return the run's summary as a dict.
    `workers`: model processes (default: one per core)."""
    run = pipeline.RunState(sources, nlp.model_name(model), settings.workers(workers), strict)
    with warehouse.write_lock(Path(db), wait=wait), pipeline.failure_recorded(run, Path(db)):
        progress.stage("reading sources")
        known = warehouse.source_state(Path(db))
        raws, rejected, polled = read_sources(sources, known)
        run.lap("read", rejected)
        articles, rejected = parse_articles(opaque(raws))
        raws.clear()  # the raw records are parsed: let them go
        run.lap("parse", rejected)
        plan = plan_changes(opaque(articles), db)
        run.lap("plan", plan.duplicates)
        print(pipeline.plan_line(articles, plan, len(run.rejections)))
        progress.stage(pipeline.plan_line(articles, plan, len(run.rejections)))
        with pipeline.spill_folder() as spill:
            extract_and_validate(plan.todo, run, batch_size, concurrent_batches, Path(spill))
            progress.stage("loading into the warehouse")
            written = load(db, opaque(run.tables(plan, polled)), opaque({a.article_id for a in plan.todo}), spill)
    summary = run.summary(db, plan, written, articles, data_docs(db)).__dict__
    report_run(summary)
    return summary


def extract_and_validate(todo: list[Article], run: pipeline.RunState, batch_size: int, concurrent_batches: int,
                         spill: Path) -> None:
    """Each batch is extracted, validated and spilled to Parquet, so memory holds one batch at a time."""
    if concurrent_batches > 1 or uses_pool(todo, run.workers):
        warm_up()  # this process mostly waits for the model processes meanwhile
    progress.start(len(todo))
    batches = pipeline.batches(todo, batch_size)
    for n, (batch, rows) in enumerate(zip(batches, extracted(batches, run.model, run.workers, concurrent_batches))):
        frames = pipeline.batch_frames(rows, batch, run.run_id)
        run.lap("extract")
        outcome = validate(opaque(frames), run.run_id)
        frames.clear()
        pipeline.spill_frames(outcome.passing, spill, n)
        outcome.passing.clear()
        run.checked(outcome.quarantine, outcome.results)
        run.lap("validate")
    progress.stop()
    workers_pool.close()  # the model processes are done: their memory is not needed for the load
