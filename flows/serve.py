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
    drop_leftover_runs(f"{ingest.name}/{name}")
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


def drop_leftover_runs(deployment_name: str) -> int:
    """Runs an earlier `serve` scheduled and never ran (Late ones too) belong to its sources and
    schedule, not this one's: they are deleted before this one starts. How many."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        DeploymentFilter,
        DeploymentFilterId,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            deployment = client.read_deployment_by_name(deployment_name)
        except ObjectNotFound:
            return 0
        pending = client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id])),
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED]))))
        for run in pending:
            client.delete_flow_run(run.id)
        return len(pending)
