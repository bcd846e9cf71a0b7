"""The stages of one run as plain functions: the Prefect flow calls these, and so can a test.

read → parse → plan (new / changed / unchanged against the published warehouse) → extract
→ validate → load. Each function takes and returns plain data (lists, dicts, DataFrames).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from dateline import schema, sources, warehouse
from dateline.parse import parse_all
from dateline.records import Article, RawArticle, Rejection


@dataclass
class Plan:
    todo: list[Article]
    new: int
    changed: int
    unchanged: int
    duplicates: list[Rejection] = field(default_factory=list)


@dataclass
class RunSummary:
    run_id: str
    db: str
    status: str
    articles_new: int = 0
    articles_changed: int = 0
    articles_unchanged: int = 0
    articles_rejected: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    rows_quarantined: int = 0
    validation_failed: int = 0
    validation_total: int = 0
    seconds: float = 0.0
    rejections: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    data_docs: str | None = None
    breaches: list[str] = field(default_factory=list)  # quality monitors this run did not meet


@contextlib.contextmanager
def failure_recorded(run: "RunState", db: Path):
    """A run that fails or is interrupted still leaves its row: journalled, then moved into `runs`."""
    try:
        yield
    except BaseException as exc:
        warehouse.record_failed_run(db, run.failed_row(exc))
        raise


SPILL_PREFIX = "dateline-spill-"


def spill_folder() -> tempfile.TemporaryDirectory:
    """A temporary folder for one run's spilled batches, named with this process's id; folders that runs
    killed before their clean-up left behind are removed first."""
    sweep_spill_folders()
    return tempfile.TemporaryDirectory(prefix=f"{SPILL_PREFIX}{os.getpid()}-", ignore_cleanup_errors=True)


def sweep_spill_folders(pid: int | None = None) -> None:
    """Remove the spill folders of dead processes (or all of `pid`'s)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{SPILL_PREFIX}*"):
        owner = folder.name[len(SPILL_PREFIX):].split("-", 1)[0]
        doomed = owner == str(pid) if pid is not None else not _alive(owner)
        if doomed:
            shutil.rmtree(folder, ignore_errors=True)


def _alive(owner: str) -> bool:
    if not owner.isdigit():
        return False  # an older run's folder, named without its process
    try:
        os.kill(int(owner), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def new_run_id() -> str:
    return dt.datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


@dataclass
class RunState:
    """What one run has done so far: its id, the time of each stage, what it rejected and what
    validation said. The flow adds to it stage by stage; it makes the run's rows and its summary."""

    sources: list[str]
    model: str | None
    workers: int
    strict: bool = False
    run_id: str = field(default_factory=new_run_id)
    started_at: dt.datetime = field(default_factory=dt.datetime.now)
    rejections: list[Rejection] = field(default_factory=list)
    quarantine: list[dict] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)
    _t0: float = field(default_factory=time.perf_counter)
    _mark: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str, rejected: list[Rejection] = ()) -> None:
        """The time since the last lap goes to `stage` (added up over batches); `rejected` to the run's rejections."""
        now = time.perf_counter()
        self.stages[stage] = round(self.stages.get(stage, 0.0) + now - self._mark, 3)
        self._mark = now
        self.rejections.extend(rejected)

    def checked(self, quarantine: list[dict], results: list[dict]) -> None:
        self.quarantine.extend(quarantine)
        self.results.extend(results)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self._t0

    @property
    def status(self) -> str:
        return "failed" if self.strict and self.rejections else "completed"

    def run_row(self, plan: "Plan") -> dict:
        return {"run_id": self.run_id, "started_at": self.started_at, "finished_at": dt.datetime.now(),
                "status": self.status, "articles_new": plan.new, "articles_changed": plan.changed,
                "articles_unchanged": plan.unchanged, "articles_rejected": len(self.rejections),
                "rows_quarantined": len(self.quarantine), "seconds": round(self.seconds, 3),
                "model": self.model or "default", "sources": "; ".join(self.sources), "message": None,
                "workers": self.workers, "stage_seconds": json.dumps(self.stages)}

    def failed_row(self, exc: BaseException) -> dict:
        """The `runs` row of a run that did not publish: what it was, and what went wrong in one line."""
        interrupted = not isinstance(exc, Exception)  # Ctrl-C, SIGTERM (Prefect's TerminationSignal), exit
        message = "interrupted" if interrupted else f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}"
        return {"run_id": self.run_id, "started_at": self.started_at, "finished_at": dt.datetime.now(),
                "status": "failed", "seconds": round(self.seconds, 3), "model": self.model or "default",
                "sources": "; ".join(self.sources), "message": message[:500]}

    def tables(self, plan: "Plan", polled: list[dict]) -> dict[str, pd.DataFrame]:
        """The rows a run writes about itself, beside the articles' rows."""
        return {"rejected_articles": pd.DataFrame(rejection_rows(self.rejections, self.run_id)),
                "quarantine": pd.DataFrame(self.quarantine), "validation_results": pd.DataFrame(self.results),
                "runs": pd.DataFrame([self.run_row(plan)]),
                "sources": pd.DataFrame([dict(row, run_id=self.run_id) for row in polled])}

    def summary(self, db: str, plan: "Plan", written: dict[str, int], articles: list[Article],
                data_docs: str | None) -> "RunSummary":
        return RunSummary(
            run_id=self.run_id, db=db, status=self.status, articles_new=plan.new, articles_changed=plan.changed,
            articles_unchanged=plan.unchanged, articles_rejected=len(self.rejections), rows=written,
            rows_quarantined=len(self.quarantine),
            validation_failed=sum(1 for r in self.results if not r["success"]), validation_total=len(self.results),
            seconds=round(self.seconds, 2), rejections=[{"location": r.location, "reason": r.reason} for r in self.rejections],
            warnings=[f"{a.article_id}: {w}" for a in articles for w in a.warnings], data_docs=data_docs,
            breaches=breaches(self.results))


def breaches(results: list[dict]) -> list[str]:
    """Each expectation that failed in some batch, with its unexpected rows summed over the batches."""
    counts: dict[tuple[str, str, str], list[int]] = {}
    for r in results:
        key = (r["suite"], r["column"] or "", r["expectation"])
        seen = counts.setdefault(key, [0, 0, 0])
        seen[0] += r["unexpected_count"]
        seen[1] += r["element_count"]
        seen[2] += not r["success"]
    return [f"{suite}.{column}: {expectation} ({bad:,} of {total:,} rows)"
            for (suite, column, expectation), (bad, total, failed) in counts.items() if failed]


def batches(articles: list[Article], size: int) -> list[list[Article]]:
    return [articles[i:i + size] for i in range(0, len(articles), size)]


def plan_line(articles: list[Article], plan: "Plan", rejected: int) -> str:
    return (f"{len(articles)} articles read: {plan.new} new, {plan.changed} changed, "
            f"{plan.unchanged} unchanged; {rejected} rejected")


def read_sources(locations: list[str], known: dict | None = None) -> tuple[list[RawArticle], list[Rejection]]:
    """Read every source; `known` (from `source_state`) makes feeds fetch only what is new."""
    raws, rejections, _ = read_sources_with_state(locations, known or {})
    return raws, rejections


def source_kind(location: str) -> str:
    if location.startswith(("http://", "https://")) or location.endswith((".xml", ".rss", ".atom")):
        return "feed"
    return "folder" if Path(location).is_dir() else "file"


def _loaded_ids(known: dict):
    """What a feed asks before fetching its entries' pages: which of their ids are loaded already (asked of
    the warehouse, by a join on those ids; or, without one, of the ids given as `__article_ids__`)."""
    if "__db__" in known:
        db = Path(known["__db__"])
        return lambda ids: warehouse.loaded_ids(db, list(ids))
    given = set(known.get("__article_ids__", ()))
    return lambda ids: given & set(ids)


def read_sources_with_state(locations: list[str], known: dict) -> tuple[list[RawArticle], list[Rejection], list[dict]]:
    """Raw articles, rejections, and one `sources` row per location for this poll."""
    raws: list[RawArticle] = []
    rejections: list[Rejection] = []
    rows: list[dict] = []
    now = dt.datetime.now()
    known_ids = _loaded_ids(known)
    for location in locations:
        previous = known.get(location, {})
        state = {k: previous.get(k) for k in ("etag", "last_modified", "watermark")}
        state["known_ids"] = known_ids
        count = 0
        failed = None
        for item in sources.discover(location, state):
            if isinstance(item, Rejection):
                rejections.append(item)
                if item.location == location:
                    failed = item.reason
            else:
                raws.append(item)
                count += 1
        failed = failed or state.get("error")
        rows.append({"source": location, "kind": source_kind(location), "last_polled": now,
                     "last_success": None if failed else now, "last_error": failed,
                     "error_count": (int(previous.get("error_count") or 0) + 1) if failed else 0,
                     "etag": state.get("etag"), "last_modified": state.get("last_modified"),
                     "watermark": state.get("watermark"), "articles_read": count})
    return raws, rejections, rows


def plan_changes(articles: list[Article], db: Path) -> Plan:
    """Which articles to (re)process: new ids, and ids whose text or whose date, title, url or city changed
    (a correction). The same text under another id (one story from two sources) is a duplicate, rejected
    with the id it duplicates."""
    known = warehouse.known_articles(db, [a.article_id for a in articles], [a.content_hash for a in articles])
    owner_of = {row["content_hash"]: aid for aid, row in known.items()}
    todo, new, changed, unchanged, duplicates = [], 0, 0, 0, []
    for a in articles:
        old = known.get(a.article_id)
        first = owner_of.setdefault(a.content_hash, a.article_id)
        if first != a.article_id:
            duplicates.append(Rejection(a.source, a.article_id, f"duplicate: the same text as article {first!r}",
                                        a.body[:200]))
            continue
        if old is None:
            new += 1
            todo.append(a)
        elif old != stored_fields(a):
            changed += 1
            todo.append(a)
        else:
            unchanged += 1
    return Plan(todo, new, changed, unchanged, duplicates)


def stored_fields(a: Article) -> dict:
    """An article's fields as `warehouse.known_articles` reads them back."""
    return {"content_hash": a.content_hash, "title": a.title, "url": a.url, "published_date": a.published_date,
            "dateline_city": a.dateline_city}


def article_rows(articles: list[Article], run_id: str) -> list[dict]:
    now = dt.datetime.now()
    return [{"article_id": a.article_id, "source": a.source, "url": a.url, "title": a.title,
             "published_date": a.published_date, "dateline_city": a.dateline_city, "body": a.body,
             "content_hash": a.content_hash, "word_count": a.word_count,
             "extra": json.dumps(a.extra, ensure_ascii=False, default=str) if a.extra else None,
             "run_id": run_id, "loaded_at": now} for a in articles]


def to_frames(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    """One DataFrame per table, its date columns as dates (schema.py says which)."""
    frames = {}
    dates = schema.date_columns()
    for table, table_rows in rows.items():
        frame = pd.DataFrame(table_rows)
        if table == "entities" and not frame.empty:
            frame = frame.drop_duplicates("entity_id")
        for col in dates & set(frame.columns):
            frame[col] = pd.to_datetime(frame[col], errors="coerce")
        frames[table] = frame
    return frames


def batch_frames(rows: dict[str, list[dict]], batch: list[Article], run_id: str) -> dict[str, pd.DataFrame]:
    """A batch's extracted rows and its articles as frames; the row lists are emptied (Prefect keeps
    every task's result for the whole run, so memory stays flat only if they go)."""
    rows["articles"] = article_rows(batch, run_id)
    frames = to_frames(rows)
    rows.clear()
    return frames


def spill_frames(frames: dict[str, pd.DataFrame], folder: Path, batch_no: int) -> None:
    """Write one batch's validated rows as Parquet (`folder/<table>/<batch>.parquet`) for the load to read."""
    for table, frame in frames.items():
        if frame is None or frame.empty:
            continue
        (folder / table).mkdir(parents=True, exist_ok=True)
        frame.to_parquet(folder / table / f"{batch_no:05d}.parquet", index=False)


def rejection_rows(rejections: list[Rejection], run_id: str) -> list[dict]:
    now = dt.datetime.now()
    return [dict(asdict(r), run_id=run_id, rejected_at=now) for r in rejections]


def parse(raws: list[RawArticle]) -> tuple[list[Article], list[Rejection]]:
    return parse_all(raws)
