"""Canned reports (one SQL file each in sql/reports/), the export of every table, and the HTML report."""
from __future__ import annotations

import datetime as dt
import html
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dateline import schema, warehouse
from dateline.readonly import run_read_only

EXPORT_TABLES = ("articles", *schema.EXTRACTED, *schema.RUN_TABLES)
MONTHLY = set(schema.FACTS)  # tables partitioned by month of the article's date in a Parquet export
BI_FOLDER = "bi"  # where an export puts the BI views (the star schema): one file each


def bi_views() -> list[str]:
    """The views of sql/views/, by file name: facts, dimensions and the convenience views."""
    return [name[:-4] for name, _ in warehouse.sql_files("views")]


@dataclass
class Report:
    name: str
    description: str
    params: list[str]
    sql: str


def reports() -> dict[str, Report]:
    out = {}
    for filename, sql in warehouse.sql_files("reports"):
        name = filename[:-4]
        first = sql.splitlines()[0].lstrip("- ").strip() if sql.startswith("--") else ""
        params = sorted(set(re.findall(r"\$([a-z_]+)", sql)))
        out[name] = Report(name, first, params, sql)
    return out


def run_report(db: Path, name: str, params: dict[str, str] | None = None) -> pd.DataFrame:
    known = reports()
    if name not in known:
        raise KeyError(f"no report {name!r}; `dateline report --list` shows them")
    report = known[name]
    unknown = set(params or {}) - set(report.params)
    if unknown:
        raise ValueError(f"report {name!r} takes {', '.join(report.params) or 'no parameters'}, not {', '.join(sorted(unknown))}")
    bound = {p: (params or {}).get(p) for p in report.params}
    missing = [p for p, v in bound.items() if v is None and not _has_default(report.description, p)]
    if missing:
        raise ValueError(f"report {name!r} needs {', '.join(f'-p {p}=…' for p in missing)}: {report.description}")
    _check_values(name, bound)
    return run_read_only(db, report.sql, bound or None)


def _export_one(con, table: str, folder: Path, fmt: str, monthly: bool) -> int:
    """One table or view to its file (or month folders, replaced whole: a re-export leaves no stale month)."""
    n = con.execute(warehouse.sql_text("queries/count_rows.sql"), {"table": table}).fetchall()[0][0]
    target = folder / (table if monthly else f"{table}.{fmt}")
    if monthly and target.is_dir():
        shutil.rmtree(target)
    query = "queries/export_monthly.sql" if monthly else f"queries/export_{fmt}.sql"
    con.execute(warehouse.sql_text(query), {"table": table, "path": str(target)})
    return n


def _has_default(description: str, param: str) -> bool:
    """Whether the report's description gives the parameter a default ("limit (default 10)")."""
    return re.search(rf"\b{re.escape(param)}\b[^.;]*\(default", description) is not None


def _check_values(name: str, bound: dict[str, str | None]) -> None:
    """A value the report's SQL would quietly treat as missing is refused instead."""
    limit = bound.get("limit")
    if limit is not None and not (limit.isdigit() and int(limit) > 0):
        raise ValueError(f"report {name!r}: limit must be a whole number above 0, not {limit!r}")
    as_of = bound.get("as_of")
    if as_of is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of):
        raise ValueError(f"report {name!r}: as_of must be an ISO date (YYYY-MM-DD), not {as_of!r}")


def export(db: Path, folder: Path, fmt: str = "parquet") -> dict[str, int]:
    """Every table to files: Parquet (zstd; the large fact tables partitioned by month) or CSV."""
    if fmt not in ("parquet", "csv"):
        raise ValueError("format must be parquet or csv")
    con = warehouse.connect_read_only(db)  # before the folder is made: no empty folder for a missing warehouse
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    try:
        for table in EXPORT_TABLES:
            counts[table] = _export_one(con, table, folder, fmt, monthly=fmt == "parquet" and table in MONTHLY)
        (folder / BI_FOLDER).mkdir(exist_ok=True)
        for view in bi_views():
            counts[f"{BI_FOLDER}/{view}"] = _export_one(con, view, folder / BI_FOLDER, fmt, monthly=False)
    finally:
        con.close()
    return counts


# ------------------------------------------------------------------ the HTML report
def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


def _chart_events(db: Path) -> str | None:
    import matplotlib.pyplot as plt

    frame = run_report(db, "events_over_time")
    if frame.empty:
        return None
    pivot = frame.pivot_table(index="month", columns="quad_class", values="events", aggfunc="sum", fill_value=0)
    fig, ax = plt.subplots(figsize=(8, 3.2))
    bottom = None
    colours = {"verbal cooperation": "#4C9F70", "material cooperation": "#1B5E20",
               "verbal conflict": "#F4A259", "material conflict": "#BC4B51"}
    labels = [pd.Timestamp(m).strftime("%Y-%m") for m in pivot.index]
    for column in pivot.columns:
        ax.bar(labels, pivot[column], bottom=bottom, label=column, color=colours.get(column))
        bottom = pivot[column] if bottom is None else bottom + pivot[column]
    ax.set_ylabel("events")
    ax.legend(frameon=False, fontsize=8, ncol=2)
    ax.spines[["top", "right"]].set_visible(False)
    plt.setp(ax.get_xticklabels(), rotation=45, ha="right", fontsize=8)
    return _svg(fig)


def _chart_speakers(db: Path) -> str | None:
    import matplotlib.pyplot as plt

    frame = run_report(db, "top_speakers", {"limit": "10"})
    if frame.empty:
        return None
    frame = frame.iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(frame) + 0.8))
    ax.barh(frame["speaker"], frame["quotes"], color="#3E7CB1")
    ax.set_xlabel("quotes")
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def _chart_metric(db: Path) -> tuple[str, str] | None:
    """The unit reported on most dates, each value at its article's date, the largest labelled by concept."""
    import matplotlib.pyplot as plt

    top = run_read_only(db, warehouse.sql_text("queries/chart_top_unit.sql"))
    if top.empty:
        return None
    unit = top["normalized_unit"][0]
    series = run_read_only(db, warehouse.sql_text("queries/chart_unit_values.sql"), {"u": unit})
    fig, ax = plt.subplots(figsize=(8, 3.2))
    dates = pd.to_datetime(series["published_date"])
    ax.scatter(dates, series["value"], color="#6A4C93", zorder=3)
    for date, value, concept in zip(dates, series["value"], series["concept"]):
        if concept:
            ax.annotate(concept[:28], (date, value), fontsize=7, xytext=(4, 3), textcoords="offset points", color="#444")
    ax.set_ylabel(unit)
    ax.spines[["top", "right"]].set_visible(False)
    fig.autofmt_xdate()
    return f"every {unit} value reported, by article date", _svg(fig)


def _table_html(frame: pd.DataFrame, limit: int = 15) -> str:
    return frame.head(limit).to_html(index=False, border=0, classes="t", na_rep="", escape=True)


def html_report(db: Path, out: Path) -> Path:
    """One self-contained HTML page: charts as inline SVG, the key tables, no outside requests."""
    import matplotlib

    matplotlib.use("Agg")
    sections = []
    events_svg = _chart_events(db)
    sections.append(("Events over time, by quad class", events_svg or "<p>No dated events yet.</p>"))
    speakers_svg = _chart_speakers(db)
    sections.append(("Top speakers", speakers_svg or "<p>No quotes yet.</p>"))
    metric = _chart_metric(db)
    sections.append((f"A metric over time: {html.escape(metric[0])}" if metric else "A metric over time",
                     metric[1] if metric else "<p>No metrics yet.</p>"))
    sections.append(("Most active actors", _table_html(run_report(db, "most_active_actors", {"limit": "10"}))))
    sections.append(("Latest runs", _table_html(run_report(db, "run_health"), 10)))
    sections.append(("Validation of the latest run", _table_html(
        run_read_only(db, warehouse.sql_text("queries/latest_validation.sql")), 200)))
    totals = run_read_only(db, warehouse.sql_text("queries/report_totals.sql")).iloc[0]
    body = "".join(f"<section><h2>{title}</h2>{content}</section>" for title, content in sections)
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>dateline report</title>
<style>body{{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;color:#222}}
h1{{margin-bottom:0}}.sub{{color:#666}}section{{margin:2em 0}}svg{{max-width:100%;height:auto}}
table.t{{border-collapse:collapse;font-size:14px}}table.t td,table.t th{{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}}
.kpi{{display:inline-block;margin-right:2em;font-size:28px}}.kpi small{{display:block;font-size:12px;color:#666}}</style></head>
<body><h1>dateline</h1><p class="sub">{html.escape(str(db))} · generated {dt.datetime.now():%Y-%m-%d %H:%M}</p>
<div><span class="kpi">{totals['a']}<small>articles</small></span><span class="kpi">{totals['e']}<small>events</small></span>
<span class="kpi">{totals['q']}<small>quotes</small></span><span class="kpi">{totals['m']}<small>metrics</small></span></div>
{body}</body></html>"""
    out.write_text(page, encoding="utf-8")
    return out
