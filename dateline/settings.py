"""Defaults every entry point shares (the CLI, the flow, `prefect.yaml`, the README say the same)."""
from __future__ import annotations

import os

BATCH_SIZE = 2000  # articles per extraction task, validated and spilled to Parquet one batch at a time
DASK_BATCH_SIZE = 250  # smaller on Dask, so that every worker of a cluster gets batches


def workers(requested: int | None = None) -> int:
    """Model processes: as many as asked for, else one per core."""
    return requested or os.cpu_count() or 1


def batch_size(requested: int | None, task_runner: str) -> int:
    return requested or (DASK_BATCH_SIZE if task_runner == "dask" else BATCH_SIZE)
