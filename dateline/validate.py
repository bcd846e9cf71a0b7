"""Great Expectations on every table before it is loaded.

The suites are JSON files in `expectations/` (one per table). Each table's DataFrame is validated
in memory; rows that an expectation names as unexpected go to `quarantine` with the expectations
they failed, the rest are loaded, and one row per expectation goes to `validation_results`.
Great Expectations is imported here only, on first use: its import alone takes seconds.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import pandas as pd

SUITE_PACKAGE = "dateline.expectations"


@dataclass
class ValidationOutcome:
    passing: dict[str, pd.DataFrame] = field(default_factory=dict)
    quarantine: list[dict] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)


def suite_definitions() -> dict[str, dict]:
    root = resources.files(SUITE_PACKAGE)
    return {p.name[:-5]: json.loads(p.read_text(encoding="utf-8")) for p in root.iterdir() if p.name.endswith(".json")}


@lru_cache(maxsize=1)
def _context():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("dateline")
    suites = {}
    for name, definition in suite_definitions().items():
        suites[name] = context.suites.add(gx.ExpectationSuite(name=name, expectations=[
            gx.expectations.registry.get_expectation_impl(e["type"])(**e["kwargs"]) for e in definition["expectations"]]))
    return context, source, suites


def _column_of(config) -> str | None:
    kwargs = config.kwargs
    return kwargs.get("column") or (f"{kwargs.get('column_A')},{kwargs.get('column_B')}" if "column_A" in kwargs else None)


def validate_frame(table: str, frame: pd.DataFrame, run_id: str) -> tuple[pd.DataFrame, list[dict], list[dict]]:
    """(passing rows, quarantine rows, validation result rows) for one table's DataFrame."""
    _, source, suites = _context()
    suite = suites.get(table)
    if suite is None or frame.empty:
        return frame, [], []
    frame = frame.reset_index(drop=True)
    asset_name = f"{table}_frame"
    try:
        asset = source.get_asset(asset_name)
    except LookupError:
        asset = source.add_dataframe_asset(asset_name)
    try:
        batch_def = asset.get_batch_definition("whole")
    except KeyError:
        batch_def = asset.add_batch_definition_whole_dataframe("whole")
    batch = batch_def.get_batch(batch_parameters={"dataframe": frame})
    outcome = batch.validate(suite, result_format={"result_format": "COMPLETE"})
    failed_by_row: dict[int, list[str]] = {}
    results = []
    for res in outcome.results:
        config = res.expectation_config
        result = res.result or {}
        unexpected = result.get("unexpected_index_list") or []
        for idx in unexpected:
            i = idx if isinstance(idx, int) else idx.get("index", idx) if isinstance(idx, dict) else idx
            failed_by_row.setdefault(int(i), []).append(f"{config.type}({_column_of(config)})")
        results.append({"run_id": run_id, "suite": table, "expectation": config.type, "column": _column_of(config),
                        "success": bool(res.success), "unexpected_count": int(result.get("unexpected_count") or 0),
                        "element_count": int(result.get("element_count") or len(frame))})
    bad = sorted(failed_by_row)
    quarantine = [{"run_id": run_id, "table_name": table,
                   "row_json": frame.iloc[[i]].to_json(orient="records", force_ascii=False)[1:-1],
                   "failed_expectations": "; ".join(failed_by_row[i])} for i in bad]
    return frame.drop(index=bad).reset_index(drop=True), quarantine, results


def validate_tables(frames: dict[str, pd.DataFrame], run_id: str) -> ValidationOutcome:
    out = ValidationOutcome()
    for table, frame in frames.items():
        passing, quarantine, results = validate_frame(table, frame, run_id)
        out.passing[table] = passing
        out.quarantine.extend(quarantine)
        out.results.extend(results)
    return out
