"""Starting a run the way `dateline run` does: model processes first for a large input, Prefect's
temporary server beside Great Expectations' import, and the flow on the chosen task runner."""
from __future__ import annotations

from typing import Optional

from dateline import settings


class LaunchError(RuntimeError):
    """A run that cannot start as asked (an unknown task runner, a missing extra)."""


def run_ingest(sources: list[str], db: str, model: Optional[str], workers: int | None, batch_size: int | None,
               task_runner: str, dask_address: Optional[str], strict: bool, wait: float) -> dict:
    """One run of the ingest flow; the run's summary as a dict. Without PREFECT_API_URL the run starts
    Prefect's temporary server of its own and stops it after."""
    import os

    if task_runner not in ("local", "dask"):
        raise LaunchError(f"unknown task runner {task_runner!r}: use local or dask")
    if os.environ.get("PREFECT_API_URL"):
        return _run_flow(sources, db, model, workers, batch_size, task_runner, dask_address, strict, wait, None)
    import tempfile
    from pathlib import Path

    from dateline.prefect_server import temporary_server

    with temporary_server(Path(tempfile.gettempdir()) / f"dateline-server-{os.getpid()}.log") as url:
        os.environ["PREFECT_API_URL"] = url
        try:
            return _run_flow(sources, db, model, workers, batch_size, task_runner, dask_address, strict, wait, url)
        finally:
            _drain_prefect()
            os.environ.pop("PREFECT_API_URL", None)


def _drain_prefect() -> None:
    """Send Prefect's last logs and events while the run's server still answers (an interrupted run's too)."""
    try:
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=5)
        EventsWorker.drain_all(timeout=5)
    except Exception:  # noqa: BLE001  nothing of the run depends on them
        pass


def _run_flow(sources, db, model, workers, batch_size, task_runner, dask_address, strict, wait,
              server: Optional[str]) -> dict:
    from dateline.nlp import model_name

    model, workers = model_name(model), settings.workers(workers)  # as the flow will name them
    if task_runner == "local":
        from dateline import workers as model_processes

        model_processes.start_early(model, workers, sources)
    from dateline.flows.ingest import ingest  # imported late: Prefect reads its settings at import

    start_side_by_side(server)
    concurrent = 1
    if task_runner == "dask":
        ingest, concurrent = with_dask(ingest, dask_address, workers)
    return ingest(sources=sources, db=db, model=model, workers=workers,
                  batch_size=settings.batch_size(batch_size, task_runner), strict=strict, wait=wait,
                  concurrent_batches=concurrent)


def start_side_by_side(server: Optional[str]) -> None:
    """Great Expectations is imported while the run's temporary server (if it started one) comes up and
    the model processes load, instead of one after the other."""
    from dateline.prefect_server import wait_healthy
    from dateline.validate import warm_up

    warming = warm_up()
    if server is not None:
        wait_healthy(server)
    warming.join()


def with_dask(ingest, address: Optional[str], workers: int):
    """The flow with prefect-dask's task runner, and how many batches to keep in flight on the cluster."""
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise LaunchError("--task-runner dask needs prefect-dask: pip install 'dateline[dask]'") from None
    if address:
        from distributed import Client

        with Client(address, timeout=20) as client:
            n = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()) or 1
        runner = DaskTaskRunner(address=address)
    else:
        n = workers
        runner = DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True,
                                                "dashboard_address": ":0"})
    return ingest.with_options(task_runner=runner), 2 * n
