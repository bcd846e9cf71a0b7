"""Worker processes for the NLP: one pool per run, each process holding its own copy of the model.

The pool is started once (spawned, so no thread of Prefect's is copied into a child) and reused by
every batch of the run; it is shut down when the process exits. The flow closes it once the last batch is
extracted, so the model processes' memory is gone before validation and the load.
"""
from __future__ import annotations

import atexit
import multiprocessing
from multiprocessing.pool import Pool

_pools: dict[tuple[str | None, int], Pool] = {}


def _warm(model: str | None) -> None:
    from dateline.extract import pipeline_with_extractors

    pipeline_with_extractors(model)  # load the model before the first chunk arrives


def pool(model: str | None, n_process: int) -> Pool:
    """The run's pool of `n_process` worker processes with `model` loaded."""
    key = (model, n_process)
    if key not in _pools:
        for other in list(_pools):
            _pools.pop(other).terminate()  # one pool at a time: a different model or size replaces it
        _pools[key] = multiprocessing.get_context("spawn").Pool(
            n_process, initializer=_warm, initargs=(model,))
    return _pools[key]


@atexit.register
def close() -> None:
    for key in list(_pools):
        p = _pools.pop(key)
        p.terminate()
        p.join()
