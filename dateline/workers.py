"""Worker processes for the NLP: one pool per run, each process holding its own copy of the model.

The pool is started once (spawned, so no thread of Prefect's is copied into a child), by `dateline run`
before Prefect's server when the input is large, and reused by every batch of the run; each process
loads the model and the extractors' tables as it starts. The flow closes the pool once the last batch
is extracted, so the model processes' memory is gone before the load; it is also shut down at exit.
"""
from __future__ import annotations

import atexit
import multiprocessing
from multiprocessing.pool import Pool
from pathlib import Path

_pools: dict[tuple[str | None, int], Pool] = {}
EARLY_START_BYTES = 256 * 1024  # some hundred articles; a smaller input runs in one process anyway


WARM_UP_TEXT = ("Officials in Paris said on Monday the company would cut 1,200 jobs, about 5 per cent of its staff, "
                "after sales fell $3.5 million. \"We will meet again,\" Smith told reporters.")


def _warm(model: str | None) -> None:
    """Load the model and every table the extractors read, before the first chunk arrives."""
    from dateline.extract import extract_chunk
    from dateline.records import Article

    extract_chunk([Article("warm-up", "", WARM_UP_TEXT, "", published_date="2024-01-15")], model)


def start_early(model: str | None, n_process: int, sources: list[str]) -> bool:
    """Start the model processes now when the input is large enough to need them: they load while
    Prefect's server starts and the articles are read, so no run waits for a model to load. Whether
    they were started."""
    if n_process >= 1 and sum(_local_bytes(s) for s in sources) >= EARLY_START_BYTES:
        pool(model, n_process)
        return True
    return False


def _local_bytes(source: str) -> int:
    path = Path(source)
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return 0  # a feed or a web page: its size is not known before it is fetched


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
