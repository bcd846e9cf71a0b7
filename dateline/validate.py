"""Great Expectations on every table before it is loaded.

The suites are JSON files in `expectations/` (one per table). Each table's DataFrame is validated
in memory; rows that an expectation names as unexpected go to `quarantine` with the expectations
they failed, the rest are loaded, and one row per expectation goes to `validation_results`.
Great Expectations is imported here only, on first use: its import alone takes seconds.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

SUITE_PACKAGE = "dateline.expectations"


@dataclass
class ValidationOutcome:
    passing: dict[str, pd.DataFrame] = field(default_factory=dict)
    quarantine: list[dict] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)


@lru_cache(maxsize=1)
def suite_definitions() -> dict[str, dict]:
    root = resources.files(SUITE_PACKAGE)
    return {p.name[:-5]: json.loads(p.read_text(encoding="utf-8")) for p in root.iterdir() if p.name.endswith(".json")}


_context_lock = threading.Lock()
_made: list = []  # the one ephemeral context of this process, with its data source and suites, once made
_warming: list[threading.Thread] = []


def _context():
    with _context_lock:  # a warm-up thread may be making it while a batch arrives
        if not _made:
            _made.append(_make_context())
        return _made[0]


def warm_up() -> threading.Thread:
    """Import Great Expectations and build the suites in a thread, while this process waits (for
    Prefect's server, for the model processes): the import alone takes seconds that would otherwise
    come after the last batch. Once a process: a second call returns the first thread."""
    with _context_lock:
        if not _warming:
            _warming.append(threading.Thread(target=_context, name="dateline-gx-warm-up", daemon=True))
            _warming[0].start()
        return _warming[0]


def _make_context():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx

    # GX sets this module's logger to INFO itself: its "Created temporary directory" line would break the progress bar
    logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("dateline")
    suites = {}
    for name, definition in suite_definitions().items():
        suites[name] = context.suites.add(gx.ExpectationSuite(name=name, expectations=[
            gx.expectations.registry.get_expectation_impl(e["type"])(**e["kwargs"], meta=e.get("meta"))
            for e in definition["expectations"]]))
    return context, source, suites


def _column_of(config) -> str | None:
    kwargs = config.kwargs
    return kwargs.get("column") or (f"{kwargs.get('column_A')},{kwargs.get('column_B')}" if "column_A" in kwargs else None)


def _validation_definition(table: str, suite):
    import great_expectations as gx

    context, source, _ = _context()
    try:
        return context.validation_definitions.get(table)
    except Exception:  # not registered yet in this process
        asset = source.add_dataframe_asset(f"{table}_frame")
        batch_def = asset.add_batch_definition_whole_dataframe("whole")
        return context.validation_definitions.add(gx.ValidationDefinition(name=table, data=batch_def, suite=suite))


def validate_frame(table: str, frame: pd.DataFrame, run_id: str) -> tuple[pd.DataFrame, list[dict], list[dict]]:
    """(passing rows, quarantine rows, validation result rows) for one table's DataFrame."""
    if frame.empty or table not in suite_definitions():
        return frame, [], []  # nothing to check: Great Expectations is not even imported
    _, _, suites = _context()
    suite = suites[table]
    frame = frame.reset_index(drop=True)
    outcome = _validation_definition(table, suite).run(
        batch_parameters={"dataframe": frame}, result_format={"result_format": "COMPLETE"})
    failed_by_row: dict[int, list[str]] = {}
    results = []
    for res in outcome.results:
        config = res.expectation_config
        result = res.result or {}
        if not is_monitor(config.kwargs):  # a rule every row must keep: the rows that break it are held back
            for idx in result.get("unexpected_index_list") or []:
                failed_by_row.setdefault(int(idx), []).append(f"{config.type}({_column_of(config)})")
        results.append({"run_id": run_id, "suite": table, "expectation": config.type, "column": _column_of(config),
                        "success": bool(res.success), "unexpected_count": int(result.get("unexpected_count") or 0),
                        "element_count": int(result.get("element_count") or len(frame))})
    bad = sorted(failed_by_row)
    quarantine = [{"run_id": run_id, "table_name": table,
                   "row_json": frame.drop(columns=list(DERIVED.get(table, ()))).iloc[[i]].to_json(
                       orient="records", force_ascii=False)[1:-1],
                   "failed_expectations": "; ".join(failed_by_row[i])} for i in bad]
    passing = frame.drop(index=bad).drop(columns=[c for c in DERIVED.get(table, ()) if c in frame.columns])
    return passing.reset_index(drop=True), quarantine, results


def is_monitor(kwargs: dict) -> bool:
    """An expectation with `mostly` watches a share of the rows (quality over a run, such as "at most one
    event in ten without a source"); it holds no row back, and a breach shows in the results and the summary."""
    return "mostly" in kwargs


def write_data_docs(folder: Path) -> Path | None:
    """Great Expectations' Data Docs (HTML) for this process's validations, written into `folder`."""
    if not _made:
        return None  # nothing was validated in this process
    context, _, _ = _context()
    folder = folder.resolve()
    site = "dateline_" + hashlib.sha1(str(folder).encode()).hexdigest()[:8]
    if site not in (context.variables.data_docs_sites or {}):
        context.add_data_docs_site(site_name=site, site_config={
            "class_name": "SiteBuilder", "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(folder)}})
    context.build_data_docs(site_names=[site])
    return folder / "index.html"


# columns computed for validation only, never loaded: an event's distance in days from its article's date
DERIVED = {"events": ("days_from_article",)}


def _with_derived(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    events, articles = frames.get("events"), frames.get("articles")
    if events is None or events.empty or articles is None or articles.empty:
        return frames
    published = articles.set_index("article_id")["published_date"]
    dates = pd.to_datetime(events["article_id"].map(published), errors="coerce")
    offset = (pd.to_datetime(events["event_date"], errors="coerce") - dates).dt.days.abs()
    return dict(frames, events=events.assign(days_from_article=offset))


def validate_tables(frames: dict[str, pd.DataFrame], run_id: str) -> ValidationOutcome:
    out = ValidationOutcome()
    for table, frame in _with_derived(frames).items():
        passing, quarantine, results = validate_frame(table, frame, run_id)
        out.passing[table] = passing
        out.quarantine.extend(quarantine)
        out.results.extend(results)
    return out
