"""The `dateline` command: run, sql, runs, report, export, bi, serve."""
from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="News articles in, a validated DuckDB warehouse of events, quotes and metrics out.",
                  no_args_is_help=True, add_completion=False)
console = Console(stderr=True, width=None if sys.stderr.isatty() else 200)  # a log file: paths not cut at 80
out = Console()

DbOption = typer.Option(None, "--db", help="Warehouse: a DuckDB file, or NAME.ducklake for a DuckLake whose runs "
                                           "cost what they load (default: $DATELINE_DB or ./warehouse.duckdb).")
FORMATS = ("table", "csv", "json")
INTERRUPTED = "interrupted: nothing published, the warehouse is as it was"


def version_callback(value: bool) -> None:
    if value:
        from importlib.metadata import version

        out.print(f"dateline {version('dateline')}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                      help="Show the version and exit.")) -> None:
    """News articles in, a validated DuckDB warehouse of events, quotes and metrics out."""


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        console.print(f"[red]unknown --format {fmt!r}: use {', '.join(FORMATS)}[/]")
        raise typer.Exit(2)
    return fmt


def sources_or_exit(source: list[str] | None) -> list[str]:
    """The sources asked for (the bundled sample when none); exit 2 before anything starts when a local one
    does not exist (a feed or page URL is checked when it is fetched)."""
    sources = list(source) if source else [sample_folder()]
    missing = [s for s in sources if not s.startswith(("http://", "https://")) and not Path(s).exists()]
    if missing:
        console.print(f"[red]no such source: {', '.join(missing)}[/] (nothing was run)")
        raise typer.Exit(2)
    return sources


def on_sigterm() -> None:
    """SIGTERM stops a run the way Ctrl-C does: staging removed, model processes stopped, exit 143."""
    import signal

    def stop(signum, frame):
        raise SystemExit(143)

    signal.signal(signal.SIGTERM, stop)


def db_path(db: Optional[Path]) -> Path:
    return Path(db or os.environ.get("DATELINE_DB") or "warehouse.duckdb")


def sample_folder() -> str:
    return str(resources.files("dateline.sample"))


def quiet_prefect(verbose: bool) -> None:
    """Keep Prefect's own logging out of the user's terminal unless asked for; set before Prefect loads."""
    # every log line goes to the run's page in the UI; the terminal shows them only with --verbose
    # (the run reports its own failures in one line)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "0" if verbose else "CRITICAL")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # a busy machine: give Prefect's temporary server time to start instead of failing the run (default 20 s)
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")


@app.command()
def run(
    source: list[str] = typer.Option(None, "--source", "-s", help="A folder, .txt/.jsonl/.jsonl.gz/.csv file or feed URL; repeatable. Default: the bundled sample."),
    db: Optional[Path] = DbOption,
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (default: $DATELINE_SPACY_MODEL or en_core_web_sm)."),
    workers: int = typer.Option(0, "--workers", show_default=False, help="Processes for the spaCy model (default: one per core)."),
    batch_size: int = typer.Option(0, "--batch-size", show_default=False, help="Articles per extraction task (default: 2000; 250 on Dask)."),
    task_runner: str = typer.Option("local", "--task-runner", help="local, or dask to run the NLP batches on a Dask cluster."),
    dask_address: Optional[str] = typer.Option(None, "--dask-address", help="Scheduler of an existing Dask cluster (tcp://host:8786); default: a local cluster."),
    strict: bool = typer.Option(False, "--strict", help="Fail the run (exit 1) when any input is rejected."),
    wait: float = typer.Option(0.0, "--wait", help="Seconds to wait for another run that holds the warehouse."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's logs."),
) -> None:
    """Load articles into the warehouse: new ones added, changed ones replaced, unchanged ones skipped."""
    quiet_prefect(verbose)
    sources = sources_or_exit(source)
    path = db_path(db)
    console.print(f"[bold]dateline run[/] → {path}  ({', '.join(sources)})")
    if task_runner == "dask":
        console.print(f"NLP batches on Dask ({dask_address or 'a local cluster'})")
    summary = run_or_exit(verbose, path, wait, sources, str(path), model, workers or None, batch_size or None,
                          task_runner, dask_address, strict, wait)
    print_summary(summary)
    if summary["status"] != "completed":
        raise typer.Exit(1)
    if all_sources_failed(summary, sources):
        console.print("[red]every source failed: nothing was read[/]")
        raise typer.Exit(1)


def run_or_exit(verbose: bool, path: Path, wait: float, *ingest_args) -> dict:
    """The run's summary; or one line and the exit code for an interrupt (130/143), a launch mistake (2),
    a busy warehouse (3) or any other error (1)."""
    from dateline import progress
    from dateline.launch import LaunchError, run_ingest
    from dateline.prefect_server import ServerNotStarted
    from dateline.warehouse import WarehouseBusy

    install_progress_bar()
    on_sigterm()
    try:
        fail_fast_if_busy(path, wait)
        return run_ingest(*ingest_args)
    except (KeyboardInterrupt, SystemExit) as exc:
        stop_everything()
        console.print(f"[yellow]{INTERRUPTED}[/]")
        raise typer.Exit(143 if isinstance(exc, SystemExit) and exc.code == 143 else 130)
    except (LaunchError, ServerNotStarted) as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2)
    except WarehouseBusy as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(3)
    except Exception as exc:  # noqa: BLE001  one clear line; the traceback with --verbose
        fail(exc, verbose)
    finally:
        progress.uninstall()


NOT_DUCKDB = "--db names a file that is not a dateline warehouse (not a DuckDB file: a SQLite file?); nothing is downloaded"
LIKELY_CAUSES = {  # words of an error → what the user can do about it
    "Conflicting lock": "another program holds the warehouse open read-write (a BI tool or a notebook "
                        "without read_only): close it, or open it read-only",
    "not a valid DuckDB database": "--db names a file that is not a dateline warehouse",
    "DuckLake metadata": "--db names a .ducklake file that is not a DuckLake catalog",
    "not a DuckDB warehouse": NOT_DUCKDB,  # warehouse.require_duckdb_file
    "sqlite_scanner": NOT_DUCKDB,
    "Is a directory": "--db names a folder, not a file",
    "No space left": "the disk is full: nothing was published, the warehouse is as it was",
    "Read-only file system": "the warehouse's folder cannot be written: choose another --db",
}


def fail(exc: BaseException, verbose: bool) -> None:
    """An error in one line (the traceback with --verbose), exit 1; 3 for a warehouse held by another program."""
    if verbose:
        console.print_exception()
    cause = next((hint for words, hint in LIKELY_CAUSES.items() if words in str(exc)), None)
    if cause is not None:
        console.print(f"[red]error:[/] {cause} ({str(exc).splitlines()[0]})")
        raise typer.Exit(3 if "Conflicting lock" in str(exc) else 1)
    console.print(f"[red]error:[/] {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                  + ("" if verbose else "  (--verbose for the traceback)"))
    raise typer.Exit(1)


def fail_fast_if_busy(db: Path, wait: float) -> None:
    """Another run holds the lock: say so now, not after Prefect and the model have started."""
    from dateline.warehouse import write_lock

    if not wait and db.with_name(db.name + ".lock").exists():
        with write_lock(db, 0):
            pass


def stop_everything() -> None:
    """After an interrupt: the model processes and the run's spill folder go now; the lock goes with this process."""
    from dateline import workers as model_processes
    from dateline.pipeline import sweep_spill_folders

    model_processes.close()
    sweep_spill_folders(os.getpid())


def all_sources_failed(summary: dict, sources: list[str]) -> bool:
    read = summary["articles_new"] + summary["articles_changed"] + summary["articles_unchanged"]
    return read == 0 and bool(summary["rejections"]) and {r["location"] for r in summary["rejections"]} >= set(sources)


def install_progress_bar() -> None:
    """In a terminal, a bar over the articles being extracted and validated, with an ETA, and a line per
    stage; otherwise (a log file, a scheduler) plain lines: each stage and every tenth of the articles."""
    from dateline import progress

    if console.is_terminal:
        _install_bar(progress)
    else:
        _install_lines(progress)


def _install_bar(progress) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("extracting and validating"), BarColumn(), MofNCompleteColumn(), TextColumn("ETA"),
                   TimeRemainingColumn(), console=console, transient=True)
    task_ids: list = []

    def start(total: int) -> None:
        if total:
            bar.start()
            task_ids.append(bar.add_task("extract", total=total))

    progress.install(start, lambda n: bool(task_ids) and bar.advance(task_ids[0], n), bar.stop,
                     lambda text: console.print(f"[dim]{text}[/]"))


def _install_lines(progress) -> None:
    import time

    state = {"total": 0, "done": 0, "next": 0, "t0": 0.0}

    def line(text: str) -> None:
        console.print(f"{time.strftime('%H:%M:%S')} {text}", markup=False, highlight=False, soft_wrap=True)

    def start(total: int) -> None:
        state.update(total=total, done=0, next=max(1, total // 10), t0=time.monotonic())
        if total:
            line(f"extracting and validating {total} articles")

    def advance(n: int) -> None:
        state["done"] += n
        if state["total"] and state["done"] >= state["next"]:
            rate = state["done"] / max(time.monotonic() - state["t0"], 1e-6)
            left = (state["total"] - state["done"]) / rate
            line(f"{state['done']}/{state['total']} articles, about {left:.0f} s left")
            state["next"] = state["done"] + max(1, state["total"] // 10)

    progress.install(start, advance, lambda: None, line)


def print_summary(s: dict) -> None:
    t = Table(title=f"run {s['run_id']}: {s['status']} in {s['seconds']} s", show_header=False)
    t.add_row("articles", f"{s['articles_new']} new, {s['articles_changed']} changed, "
                          f"{s['articles_unchanged']} unchanged, {s['articles_rejected']} rejected")
    for table, n in s["rows"].items():
        if table not in ("runs",):
            t.add_row(f"rows: {table}", str(n))
    t.add_row("validation", f"{s['validation_total'] - s['validation_failed']}/{s['validation_total']} expectations passed, "
                            f"{s['rows_quarantined']} rows quarantined")
    if s.get("data_docs"):
        t.add_row("data docs", s["data_docs"])
    console.print(t)
    for r in s["rejections"][:20]:
        console.print(f"[yellow]rejected[/] {r['location']}: {r['reason']}")
    for w in s["warnings"][:20]:
        console.print(f"[yellow]warning[/] {w}")
    for b in s.get("breaches", [])[:20]:
        console.print(f"[yellow]quality[/] {b}")


CELL_MAX = 60  # characters of a value a table shows; csv and json give them whole


def emit(frame, fmt: str) -> None:
    """csv and json as they are (never wrapped); a table that fits the terminal, else one block per row."""
    if fmt == "csv":
        sys.stdout.write(frame.to_csv(index=False))
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=1) + "\n")
    else:
        cells = [[_cell(v) for v in row] for row in frame.itertuples(index=False)]
        screen = out if out.is_terminal and not os.environ.get("COLUMNS") else Console(
            width=int(os.environ.get("COLUMNS") or 10_000))  # redirected: as wide as the rows, never wrapped
        cut = _show_across(screen, frame.columns, cells) if _fits(frame.columns, cells, screen.width) \
            else _show_down(screen, frame.columns, cells)
        console.print(f"({len(cells)} row{'s' if len(cells) != 1 else ''})"
                      + (f"; values cut at {CELL_MAX} characters: --format csv or json gives them whole" if cut else ""))


def _cell(v) -> str:
    return "" if v is None or (isinstance(v, float) and v != v) else " ".join(str(v).split())


def _fits(columns, cells: list[list[str]], width: int) -> bool:
    natural = sum(min(CELL_MAX, max([len(str(c))] + [len(r[k]) for r in cells])) + 3 for k, c in enumerate(columns))
    return natural + 1 <= width


def _show_across(screen: Console, columns, cells: list[list[str]]) -> bool:
    t = Table()
    for col in columns:
        t.add_column(str(col), no_wrap=True, overflow="ellipsis", max_width=CELL_MAX)
    for row in cells:
        t.add_row(*row)
    screen.print(t, markup=False, highlight=False)
    return any(len(c) > CELL_MAX for row in cells for c in row)


def _show_down(screen: Console, columns, cells: list[list[str]]) -> bool:
    """Too wide for the terminal: each row as a block of `column │ value` lines (psql's expanded display)."""
    names = [str(c) for c in columns]
    label, width = max(len(n) for n in names), screen.width
    room = max(10, min(CELL_MAX, width - label - 3))
    cut = False
    for i, row in enumerate(cells, 1):
        screen.print(f"-[ row {i} ]" + "-" * max(0, min(width, label + room + 3) - 12), markup=False, highlight=False)
        for name, value in zip(names, row):
            cut = cut or len(value) > room
            shown = value if len(value) <= room else value[:room - 1] + "…"
            screen.print(f"{name:<{label}} │ {shown}", markup=False, highlight=False, soft_wrap=True)
    return cut


@app.command()
def sql(
    query: str = typer.Argument(..., help="One read-only SQL statement."),
    db: Optional[Path] = DbOption,
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
    max_rows: int = typer.Option(10_000, "--max-rows", min=0, help="Rows shown at most; 0 for all."),
    memory: Optional[str] = typer.Option(None, "--memory-limit", help="Memory the query may use (default 2GB or $DATELINE_SQL_MEMORY)."),
) -> None:
    """Run one read-only SQL statement against the warehouse."""
    from dateline.readonly import ReadOnlyViolation, run_read_only

    check_format(fmt)
    try:
        frame = run_read_only(db_path(db), query, max_rows=max_rows, memory=memory)
    except ReadOnlyViolation as exc:
        console.print(f"[red]refused:[/] {exc}")
        raise typer.Exit(2)
    except FileNotFoundError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2)
    except Exception as exc:  # a SQL error is the user's to read, not a traceback
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1)
    if max_rows and len(frame) > max_rows:
        frame = frame.head(max_rows)
        console.print(f"only the first {max_rows:,} rows are shown: --max-rows 0 for all, or add a LIMIT")
    emit(frame, fmt)


@app.command()
def runs(db: Optional[Path] = DbOption, limit: int = typer.Option(20, "--limit", min=1),
         fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json.")) -> None:
    """Recent runs: when, status, counts, failures (a failed run shows at once, before any later run)."""
    check_format(fmt)
    emit(recent_runs(db_path(db), limit), fmt)


def recent_runs(path: Path, limit: int):
    """The warehouse's latest runs with the failed runs journalled beside it since its last publish."""
    import pandas as pd

    from dateline.readonly import run_read_only
    from dateline.warehouse import failed_runs, sql_text

    pending = failed_runs(path)
    try:
        frame = run_read_only(path, sql_text("queries/recent_runs.sql"), {"limit": int(limit)})
        frame = with_snapshots(path, frame)
    except FileNotFoundError as exc:
        if pending.empty:
            console.print(f"[red]{exc}[/]")
            raise typer.Exit(2)
        frame = pd.DataFrame(columns=["run_id", "started_at", "status", "message"])
    pending = pending.reindex(columns=frame.columns)
    if not frame.empty and not pending.empty:
        pending = pending[~pending["run_id"].isin(frame["run_id"])]  # failed after it published: its row is in runs
    both = pd.concat([f for f in (pending, frame) if not f.empty]) if not (pending.empty and frame.empty) else frame
    return both.sort_values("started_at", ascending=False).head(limit).reset_index(drop=True).convert_dtypes()


def with_snapshots(path: Path, runs):
    """A lake's runs with the snapshot each one committed (a query can read the warehouse as of it)."""
    from dateline.lake import is_lake
    from dateline.readonly import run_read_only
    from dateline.warehouse import sql_text

    if not is_lake(path):
        return runs
    snapshots = run_read_only(path, sql_text("queries/run_snapshots.sql"))
    runs = runs.merge(snapshots, on="run_id", how="left")
    return runs[["run_id", "snapshot", *[c for c in runs.columns if c not in ("run_id", "snapshot")]]]


@app.command()
def compact(db: Optional[Path] = DbOption,
            expire_days: Optional[int] = typer.Option(None, "--expire-days", min=0,
                                                      help="Also forget snapshots older than this many days."),
            wait: float = typer.Option(0.0, "--wait", help="Seconds to wait for a run that holds the warehouse.")) -> None:
    """A DuckLake warehouse's upkeep: merge the small files runs leave (run it now and then, e.g. nightly)."""
    from dateline.lake import compact as compact_lake
    from dateline.lake import is_lake
    from dateline.warehouse import WarehouseBusy, write_lock

    path = db_path(db)
    if not is_lake(path) or not path.exists():
        console.print(f"[red]{path} is not a DuckLake warehouse (NAME.ducklake): a DuckDB file needs no compaction[/]")
        raise typer.Exit(2)
    try:
        with write_lock(path, wait=wait):
            files = compact_lake(path, expire_days)
    except WarehouseBusy as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(3)
    console.print(f"{path}: {files['files_before']} data files before, {files['files_after']} after")


@app.command()
def report(
    name: Optional[str] = typer.Argument(None, help="Report name (see --list)."),
    param: list[str] = typer.Option(None, "--param", "-p", help="key=value; repeatable."),
    list_: bool = typer.Option(False, "--list", help="List the reports and their parameters."),
    html_file: Optional[Path] = typer.Option(None, "--html", help="Write one self-contained HTML page with charts."),
    db: Optional[Path] = DbOption,
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
) -> None:
    """Canned reports from sql/reports/, or the HTML report."""
    from dateline import reports

    if list_:
        t = Table("report", "parameters", "what")
        for r in reports.reports().values():
            t.add_row(r.name, ", ".join(r.params), r.description)
        out.print(t)
        return
    if html_file is not None:
        path = reports.html_report(db_path(db), html_file)
        console.print(f"wrote {path}")
        return
    if not name:
        console.print("[red]name a report, or use --list or --html FILE[/]")
        raise typer.Exit(2)
    check_format(fmt)
    malformed = [p for p in (param or []) if "=" not in p]
    if malformed:
        console.print(f"[red]a parameter is key=value, not {malformed[0]!r}[/]")
        raise typer.Exit(2)
    params = dict(p.split("=", 1) for p in (param or []))
    try:
        frame = reports.run_report(db_path(db), name, params)
    except (KeyError, ValueError, FileNotFoundError) as exc:
        console.print(f"[red]{exc.args[0] if exc.args else exc}[/]")
        raise typer.Exit(2)
    emit(frame, fmt)


@app.command()
def export(
    folder: Path = typer.Argument(..., help="Folder to write into."),
    db: Optional[Path] = DbOption,
    fmt: str = typer.Option("parquet", "--format", "-f", help="parquet (zstd, fact tables by month) or csv."),
) -> None:
    """Every table as Parquet or CSV files, for tools and lakes that prefer files."""
    from dateline import reports

    try:
        counts = reports.export(db_path(db), folder, fmt)
    except (FileNotFoundError, ValueError) as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2)
    t = Table("table", "rows")
    for table, n in counts.items():
        t.add_row(table, str(n))
    console.print(t)
    console.print(f"wrote {folder}")


@app.command()
def serve(
    source: list[str] = typer.Option(None, "--source", "-s", help="Folders, files or feed URLs; repeatable. Default: the bundled sample."),
    db: Optional[Path] = DbOption,
    interval: Optional[float] = typer.Option(None, "--interval", help="Seconds between runs."),
    cron: Optional[str] = typer.Option(None, "--cron", help='A cron schedule, e.g. "0 * * * *".'),
    workers: int = typer.Option(0, "--workers", show_default=False, help="Processes for the spaCy model (default: one per core)."),
) -> None:
    """Run on a schedule: uses the Prefect server at PREFECT_API_URL, or starts a local one (127.0.0.1)."""
    if (interval is None) == (cron is None):
        console.print("[red]give exactly one of --interval SECONDS or --cron EXPR[/]")
        raise typer.Exit(2)
    quiet_prefect(False)
    import tempfile

    from dateline.prefect_server import local_server

    path = str(db_path(db).resolve())
    sources = [s if s.startswith(("http://", "https://")) else str(Path(s).resolve()) for s in sources_or_exit(source)]

    def go() -> None:
        from dateline.flows.serve import serve as serve_flow

        watch_runs(Path(path))
        try:
            serve_flow(sources, path, interval=interval, cron=cron, workers=workers or None)
        except KeyboardInterrupt:
            console.print("stopped")

    if os.environ.get("PREFECT_API_URL"):
        console.print(f"Prefect server: {os.environ['PREFECT_API_URL']}")
        go()
        return
    log = Path(tempfile.gettempdir()) / "dateline-prefect-server.log"
    with local_server(log) as url:
        if url is None:
            console.print(f"[red]the local Prefect server did not start; see {log}[/]")
            raise typer.Exit(1)
        os.environ["PREFECT_API_URL"] = url
        console.print(f"Prefect UI: {url[:-4]}  (local server, stopped on exit)")
        go()


def watch_runs(db: Path, every: float = 5.0) -> None:
    """One line in the `serve` terminal for each run that finishes, read from the warehouse's `runs`."""
    import threading
    import time

    from dateline.readonly import run_read_only
    from dateline.warehouse import sql_text

    def finished() -> list:
        try:
            return run_read_only(db, sql_text("queries/recent_runs.sql"), {"limit": 50}).to_dict("records")
        except Exception:  # noqa: BLE001  no warehouse yet, or a publish in progress: next time
            return []

    seen = {r["run_id"] for r in finished()}

    def loop() -> None:
        while True:
            time.sleep(every)
            for r in reversed(finished()):
                if r["run_id"] not in seen and r["status"] != "running":
                    seen.add(r["run_id"])
                    console.print(f"{time.strftime('%H:%M:%S')} run {r['run_id']}: {r['status']} in {r['seconds']} s, "
                                  f"{r['articles_new']} new, {r['articles_changed']} changed, "
                                  f"{r['articles_unchanged']} unchanged, {r['articles_rejected']} rejected",
                                  markup=False, highlight=False, soft_wrap=True)

    threading.Thread(target=loop, name="dateline-run-lines", daemon=True).start()


@app.command()
def bi(db: Optional[Path] = DbOption,
       dbt: Optional[Path] = typer.Option(None, "--dbt", help="Write a dbt sources file (keys, relationships, descriptions) here."),
       install_extensions: bool = typer.Option(False, "--install-extensions",
                                               help="Install DuckLake's extensions for DuckDB 1.5.5 tools (offline).")) -> None:
    """Connection settings for Superset, Metabase, Tableau, Power BI and Evidence (all read-only)."""
    from dateline.bi import connection_settings

    path = db_path(db).resolve()
    if install_extensions:
        from dateline.lake import install_extensions as install

        try:
            for where in install():
                out.print(f"installed {where}", markup=False, highlight=False, soft_wrap=True)
        except Exception as exc:  # noqa: BLE001 - a missing wheel or home folder: one line
            console.print(f"[red]cannot install the DuckLake extensions: {str(exc).splitlines()[0]}[/]")
            raise typer.Exit(2)
        return
    if dbt is not None:
        write_semantic_file(path, dbt)
        return
    for tool, text in connection_settings(path).items():
        out.rule(tool)
        out.print(text, markup=False, highlight=False, soft_wrap=True)  # a connection string is never broken


def write_semantic_file(db: Path, out: Path) -> None:
    from dateline.semantic import write_dbt_sources

    try:
        count = write_dbt_sources(db, out)
    except FileNotFoundError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2)
    console.print(f"{out}: {count} tables and views with their keys, relationships and descriptions "
                  "(dbt sources; `dbt test` checks them)")


if __name__ == "__main__":
    app()
