"""Serve the ingest flow on a schedule: every interval (or cron), one run over the same sources.

The deployment allows one run at a time (a run that would overlap waits its turn), and the
warehouse lock makes sure of it across processes too.
"""
from __future__ import annotations

from prefect.deployments.runner import EntrypointType

from dateline.flows.ingest import ingest


def serve(sources: list[str], db: str, interval: float | None = None, cron: str | None = None,
          workers: int | None = None, name: str = "dateline") -> None:
    """Register the `dateline` deployment with its schedule and run it until interrupted."""
    ingest.serve(
        name=name,
        interval=interval,
        cron=cron,
        parameters={"sources": sources, "db": db, "workers": workers, "wait": 600.0},
        global_limit=1,
        limit=1,
        entrypoint_type=EntrypointType.MODULE_PATH,
        print_starting_message=True,
    )
