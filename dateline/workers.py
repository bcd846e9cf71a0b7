"""The model processes: one pool per run, each process holding its own copy of the model, and the
dispatch of a batch of articles to them in chunks.

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
from typing import Callable

from dateline.nlp import extract_chunk
from dateline.records import Article
from dateline.schema import EXTRACTED

_pools: dict[tuple[str | None, int], Pool] = {}
EARLY_START_BYTES = 256 * 1024  # some hundred articles; a smaller input runs in one process anyway
CHUNK = 64  # articles a model process takes at a time: few enough that every core stays busy to the end

WARM_UP_TEXT = ("Officials in Paris said on Monday the company would cut 1,200 jobs, about 5 per cent of its staff, "
                "after sales fell $3.5 million. \"We will meet again,\" Smith told reporters.")


def extract_articles(articles: list[Article], model: str | None = None, n_process: int = 0,
                     on_progress: Callable[[int], None] | None = None) -> dict[str, list[dict]]:
    """Run the model and the extractors over a batch of articles and gather every table's rows, in order.

    With `n_process` ≥ 1 the articles go in chunks to a pool of that many model processes that each
    hold the model and send back only rows: unlike `nlp.pipe(n_process=…)`, no `Doc` travels back to
    be deserialised here, so this process stays free (to validate, to import Great Expectations) and
    the speed-up follows the cores. With 0, or a batch of one chunk, the model runs in this process."""
    if not uses_pool(articles, n_process):
        return extract_chunk(articles, model, on_progress=on_progress)
    parts = [(model, part) for part in _chunks(articles, n_process)]
    out: dict[str, list[dict]] = {t: [] for t in EXTRACTED}
    for size, rows in pool(model, n_process).imap(_extract_part, parts):
        for table, table_rows in rows.items():
            out[table].extend(table_rows)
        if on_progress is not None:
            on_progress(size)
    return out


def uses_pool(articles: list[Article], n_process: int) -> bool:
    """Whether a batch goes to model processes: never for one chunk, where starting them costs more."""
    return n_process >= 1 and len(articles) > CHUNK


def _chunks(articles: list[Article], n_process: int) -> list[list[Article]]:
    """Chunks of `CHUNK` articles, but for the last round, which goes in quarter chunks so that the
    processes finish together instead of one working alone through a long last chunk."""
    tail_start = max(0, len(articles) - CHUNK * n_process)
    tail_start -= tail_start % CHUNK
    small = max(1, CHUNK // 4)
    return ([articles[i:i + CHUNK] for i in range(0, tail_start, CHUNK)]
            + [articles[i:i + small] for i in range(tail_start, len(articles), small)])


def _extract_part(job: tuple[str | None, list[Article]]) -> tuple[int, dict[str, list[dict]]]:
    model, part = job
    return len(part), extract_chunk(part, model)


def _warm(model: str | None) -> None:
    """Load the model and every table the extractors read, before the first chunk arrives. Ctrl-C is
    the main process's to handle: it stops the pool, so a model process prints no traceback of its own."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
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
    """Stop the model processes now, without waiting for chunks in flight (also what an interrupted run does)."""
    for key in list(_pools):
        p = _pools.pop(key)
        p.terminate()
        p.join()
