"""Starting a run the way `dateline run` does: model processes first for a large input, Prefect's
temporary server beside Great Expectations' import, and the flow on the chosen task runner."""
from __future__ import annotations

from typing import Optional

from dateline import settings


class LaunchError(RuntimeError):
    """A run that cannot start as asked (an unknown task runner, a missing extra)."""


def run_ingest(sources: list[str], db: str, model: Optional[str], workers: int | None, batch_size: int | None,
               task_runner: str, dask_address: Optional[str], strict: bool, wait: float) -> dict:
    """One run of the ingest flow; the run's summary as a dict."""
    if task_runner not in ("local", "dask"):
        raise LaunchError(f"unknown task runner {task_runner!r}: use local or dask")
    from dateline.nlp import model_name

    model, workers = model_name(model), settings.workers(workers)  # as the flow will name them
    early = False
    if task_runner == "local":
        from dateline import workers as model_processes

        early = model_processes.start_early(model, workers, sources)
    from dateline.flows.ingest import ingest  # imported late: Prefect reads its settings at import

    if early:
        start_side_by_side()
    concurrent = 1
    if task_runner == "dask":
        ingest, concurrent = with_dask(ingest, dask_address, workers)
    return ingest(sources=sources, db=db, model=model, workers=workers,
                  batch_size=settings.batch_size(batch_size, task_runner), strict=strict, wait=wait,
                  concurrent_batches=concurrent)


def start_side_by_side() -> None:
    """Before a large run: Prefect's temporary server starts (when no PREFECT_API_URL is set) while this
    process imports Great Expectations and the model processes load, instead of one after the other."""
    import threading

    from prefect.settings import PREFECT_API_URL

    from dateline.validate import warm_up

    if PREFECT_API_URL.value():  # a real server: nothing to start
        warm_up().join()
        return
    import prefect.server.api.server  # noqa: F401  the server's own modules: seconds of import that must come first
    from prefect.client.orchestration import get_client

    server = threading.Thread(target=get_client, kwargs={"sync_client": True}, daemon=True)
    server.start()  # the thread mostly waits for the server's health check, so it leaves this process free
    warm_up().join()
    server.join()


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
