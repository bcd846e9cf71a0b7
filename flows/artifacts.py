"""What a run's page in the Prefect UI shows beside its logs: its counts, the inputs it rejected and the
quality checks it did not meet, as artifacts (a table each), and one summary line in the log."""
from __future__ import annotations

from prefect import get_run_logger
from prefect.artifacts import create_table_artifact

MAX_LISTED = 500  # rejected inputs listed on the page; the rest are in `rejected_articles`


def report_run(summary: dict) -> None:
    logger = get_run_logger()
    logger.info(summary_line(summary))
    create_table_artifact(key="dateline-run-summary", table=count_rows(summary),
                          description=f"dateline run {summary['run_id']}: {summary['status']} in {summary['seconds']} s")
    if summary["rejections"]:
        create_table_artifact(key="dateline-rejected-inputs", table=summary["rejections"][:MAX_LISTED],
                              description=f"{len(summary['rejections'])} inputs rejected (all in rejected_articles)")
    failed = [{"quality check": b} for b in summary.get("breaches", [])]
    if summary["validation_failed"] or failed:
        create_table_artifact(key="dateline-validation", table=failed or [{"quality check": "see validation_results"}],
                              description=f"{summary['validation_failed']} of {summary['validation_total']} expectations "
                                          f"failed, {summary['rows_quarantined']} rows quarantined")


def summary_line(s: dict) -> str:
    rows = ", ".join(f"{n} {t}" for t, n in s["rows"].items() if t in ("quotes", "metrics", "events"))
    return (f"{s['status']} in {s['seconds']} s: {s['articles_new']} new, {s['articles_changed']} changed, "
            f"{s['articles_unchanged']} unchanged, {s['articles_rejected']} rejected articles; {rows}; "
            f"{s['rows_quarantined']} rows quarantined")


def count_rows(s: dict) -> list[dict]:
    counts = [("articles new", s["articles_new"]), ("articles changed", s["articles_changed"]),
              ("articles unchanged", s["articles_unchanged"]), ("articles rejected", s["articles_rejected"])]
    counts += [(f"rows: {t}", n) for t, n in s["rows"].items()]
    counts += [("expectations passed", s["validation_total"] - s["validation_failed"]),
               ("expectations failed", s["validation_failed"]), ("rows quarantined", s["rows_quarantined"])]
    return [{"what": what, "count": n} for what, n in counts]
