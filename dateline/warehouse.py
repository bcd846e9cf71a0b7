"""The warehouse: migrations, bulk loads, atomic publishing, read-only access, in one of two designs.

One writer at a time holds `<db>.lock`.
- A DuckDB file (`--db NAME.duckdb`): a run never writes the published file. It copies it to
  `<db>.staging`, migrates and loads there, checkpoints, then renames the staging file over the published
  one (an atomic rename on the same file system). Readers that opened the old file keep reading it
  undisturbed; the next connection sees the new one. The copy makes a run's cost grow with the file.
- A DuckLake (`--db NAME.ducklake`, `lake.py`): a run migrates and loads in one lake transaction, a
  snapshot tagged with the run's id; nothing is copied, so a run costs what it loads (docs/storage.md).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import re
import shutil
import time
from importlib import resources
from pathlib import Path
from typing import Iterator

import duckdb
import pandas as pd

from dateline import faults, lake, schema

STORAGE_VERSION = "v1.5.0"


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse's write lock."""


def sql_text(relative: str) -> str:
    return resources.files("dateline.sql").joinpath(relative).read_text(encoding="utf-8")


def sql_files(folder: str) -> list[tuple[str, str]]:
    root = resources.files("dateline.sql").joinpath(folder)
    return sorted((p.name, p.read_text(encoding="utf-8")) for p in root.iterdir() if p.name.endswith(".sql"))


NO_EXTENSIONS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}  # nothing fetched
WRITER_MEMORY = os.environ.get("DATELINE_DUCKDB_MEMORY", "512MB")  # beyond this the load spills to disk


def connect_writer(path: Path) -> duckdb.DuckDBPyConnection:
    """The one writer: files that DuckDB 1.5 reads, and a memory cap so a large load spills to a
    temporary folder beside the warehouse instead of growing with the data."""
    config = {"memory_limit": WRITER_MEMORY, **NO_EXTENSIONS,  # a SQLite file as --db fetches nothing
              "temp_directory": str(path.parent / ".dateline-tmp")}
    if lake.is_lake(path):
        return lake.connect(path, config=config)
    require_duckdb_file(path)
    return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_VERSION, **config})


def require_duckdb_file(path: Path) -> None:
    """DuckDB opens a SQLite file through an installed sqlite_scanner even with autoloading off:
    a file that exists must start as DuckDB's own files do (the magic `DUCK` at byte 8)."""
    if path.is_file() and path.stat().st_size > 0:
        with path.open("rb") as file:
            if file.read(12)[8:12] != b"DUCK":
                raise ValueError(f"not a DuckDB warehouse: {path.name}")


def files_only_in(con: duckdb.DuckDBPyConnection, folders: list[Path | None]) -> None:
    """From now on the connection reads and writes no file but its database and those under `folders`
    (the run's spilled batches, its own temporary folder): input can make a load touch nothing else."""
    allowed = [str(Path(f).resolve()) + os.sep for f in folders if f is not None]
    con.execute("SET allowed_directories = $allowed", {"allowed": allowed})
    con.execute("SET enable_external_access = false")


def connect_read_only(path: Path | str) -> duckdb.DuckDBPyConnection:
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}; run `dateline run` first")
    if lake.is_lake(path):
        return lake.connect(path, read_only=True)
    require_duckdb_file(path)
    return duckdb.connect(str(path), read_only=True, config=NO_EXTENSIONS)


@contextlib.contextmanager
def write_lock(db: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the single-writer lock of a warehouse; wait up to `wait` seconds, else WarehouseBusy."""
    db.parent.mkdir(parents=True, exist_ok=True)
    lock_path = db.with_name(db.name + ".lock")
    with open(lock_path, "a+") as fh:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(f"another dateline run is writing {db}; try again later or pass --wait SECONDS") from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def migrate(con: duckdb.DuckDBPyConnection, in_lake: bool = False) -> list[str]:
    """Apply the numbered migrations not yet recorded in `schema_migrations`; return those applied.
    `in_lake`: the caller's lake transaction holds them all (DuckLake takes no keys)."""
    ddl = lake.without_keys if in_lake else (lambda sql: sql)
    con.execute(ddl(sql_text("queries/create_schema_migrations.sql")))
    done = {r[0] for r in con.execute(sql_text("queries/applied_migrations.sql")).fetchall()}
    applied = []
    for name, sql in sql_files("migrations"):
        version = int(re.match(r"(\d+)", name).group(1))
        if version in done:
            continue
        if not in_lake:
            con.execute("BEGIN")
        statement = ddl(sql)
        if not _only_comments(statement):  # a lake's 006 (keys only) leaves its comments
            con.execute(statement)
        con.execute(sql_text("queries/record_migration.sql"), {"version": version, "name": name, "at": dt.datetime.now()})
        if not in_lake:
            con.execute("COMMIT")
        applied.append(name)
    _fill_countries(con)
    _create_views(con, in_lake)
    return applied


def _only_comments(sql: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in sql.splitlines())


def _create_views(con: duckdb.DuckDBPyConnection, in_lake: bool) -> None:
    """The views and the descriptions, when they differ from those the warehouse has: a lake keeps every
    version of its catalog, so re-creating them on every run would grow it run by run."""
    import hashlib

    from dateline.comments import description_sources

    views = [sql for _, sql in sql_files("views")]
    fingerprint = hashlib.sha256("\n".join([*views, description_sources()]).encode()).hexdigest()
    con.execute(sql_text("queries/create_schema_views.sql"))
    if con.execute(sql_text("queries/views_fingerprint.sql"), {"fingerprint": fingerprint}).fetchall():
        return
    for sql in views:
        con.execute(sql)
    describe(con, view_columns=not in_lake)  # DuckLake describes no view columns
    con.execute(sql_text("queries/record_views_fingerprint.sql"), {"fingerprint": fingerprint, "at": dt.datetime.now()})


def _fill_countries(con: duckdb.DuckDBPyConnection) -> None:
    """The `countries` reference table, once (a later run finds it filled and reads nothing)."""
    if con.execute(sql_text("queries/count_rows.sql"), {"table": "countries"}).fetchall()[0][0]:
        return
    import pandas as pd

    from dateline.geo import country_rows

    con.register("new_rows", pd.DataFrame(country_rows()))
    try:
        con.execute(sql_text("queries/insert_countries.sql"))
    finally:
        con.unregister("new_rows")


def describe(con: duckdb.DuckDBPyConnection, view_columns: bool = True) -> None:
    """Every table, column and view described for BI tools (`comments.py`)."""
    from dateline.comments import table_comments, view_column_comments, view_comment

    statements = table_comments() + [c for _, sql in sql_files("views") if (c := view_comment(sql))]
    if view_columns:
        statements += view_column_comments(con.execute(sql_text("queries/view_columns.sql")).fetchall())
    for statement in statements:
        con.execute(statement)


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute(sql_text("queries/table_names.sql")).fetchall()}


KNOWN_FIELDS = ("content_hash", "title", "url", "published_date", "dateline_city")


def known_articles(db: Path, ids: list[str], hashes: list[str]) -> dict[str, dict]:
    """What the published warehouse holds (`KNOWN_FIELDS`) of the articles with these ids, or with these
    texts under other ids, keyed by article id; only those rows are read (empty when there is no warehouse)."""
    incoming = pd.DataFrame({"article_id": ids, "content_hash": hashes}, dtype="string")
    rows = _incoming_rows(db, incoming, "queries/known_articles.sql")
    return {row[0]: dict(zip(KNOWN_FIELDS, row[1:])) for row in rows}


def _incoming_rows(db: Path, incoming: pd.DataFrame, query: str) -> list[tuple]:
    """The rows `query` reads for the incoming articles (registered as `incoming`): a join, never a scan of
    every stored id; none when there is no warehouse yet."""
    if not db.exists():
        return []
    con = connect_read_only(db)
    try:
        if "articles" not in _tables(con):
            return []
        con.register("incoming", incoming)
        return con.execute(sql_text(query)).fetchall()
    finally:
        con.close()


def source_state(db: Path) -> dict:
    """What the last runs left: each source's row of `sources`, and the warehouse's path under `__db__`, so
    that a feed can ask which of its entries are loaded already (`loaded_ids`) and fetch only the others."""
    if not db.exists():
        return {}
    con = connect_read_only(db)
    try:
        state: dict = {"__db__": str(db)}
        if "sources" in _tables(con):
            cur = con.execute(sql_text("queries/source_state.sql"))
            cols = [d[0] for d in cur.description]
            for row in cur.fetchall():
                state[row[0]] = dict(zip(cols, row))
        return state
    finally:
        con.close()


def loaded_ids(db: Path, ids: list[str]) -> set[str]:
    """Which of these article ids the warehouse holds (only their rows are read)."""
    if not ids:
        return set()
    return {row[0] for row in _incoming_rows(db, pd.DataFrame({"article_id": ids}, dtype="string"),
                                             "queries/loaded_ids.sql")}


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame | None) -> int:
    """Bulk-insert a DataFrame's rows into `table`; the number of rows written."""
    if frame is None or frame.empty:
        return 0
    con.register("new_rows", frame)
    try:
        return _insert_new_rows(con, table, frame.columns)
    finally:
        con.unregister("new_rows")


def _insert_spilled(con: duckdb.DuckDBPyConnection, table: str, load: "LoadBatch") -> int | None:
    """Bulk-insert a table's spilled Parquet files; None when there are none."""
    folder = load.spill / table if load.spill is not None else None
    if folder is None or not folder.is_dir() or not any(folder.glob("*.parquet")):
        return None
    spilled = con.read_parquet(str(folder / "*.parquet"), union_by_name=True)
    spilled.create_view("new_rows", replace=True)
    try:
        return _insert_new_rows(con, table, spilled.columns)
    finally:
        con.execute(sql_text("queries/drop_new_rows.sql"))


def _insert_new_rows(con: duckdb.DuckDBPyConnection, table: str, present) -> int:
    """Insert what `new_rows` holds into `table`: entities once per id, the others as they are.
    The identifiers come from schema.py, never from input."""
    if table == "entities":
        return con.execute(sql_text("queries/insert_entities.sql")).fetchall()[0][0]
    names = [c for c in schema.table(table).names if c in set(present)]
    cols = ", ".join(f'"{c}"' for c in names)
    return con.execute(f"INSERT INTO {schema.table(table).name} ({cols}) SELECT {cols} FROM new_rows").fetchall()[0][0]


def publish(db: Path, load: "LoadBatch") -> dict[str, int]:
    """Load one run's rows into a staging copy of the warehouse, then publish it atomically.

    Articles in `load.reload_ids` lose their old rows first, so a changed article is replaced and
    a re-run duplicates nothing. Failed runs journalled since the last publish become rows of `runs`.
    Returns the number of rows written per table.
    """
    if lake.is_lake(db):
        return _publish_to_lake(db, load)
    started = time.perf_counter()
    staging = db.with_name(db.name + ".staging")
    failed = failed_runs(db)
    try:
        _copy_to_staging(db, staging)
        con = connect_writer(staging)
        try:
            files_only_in(con, [load.spill, staging.parent / ".dateline-tmp"])
            migrate(con)
            con.execute("BEGIN")
            written = _load_rows(con, load)
            _insert_failed_runs(con, failed)
            _finish_run(con, load.tables.get("runs"), time.perf_counter() - started)
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        faults.crash_point("publish")
        os.replace(staging, db)
    except BaseException:
        _remove_staging(staging)  # a full disk, a crash, an interrupt: the partial copy goes, the published file stays
        raise
    _journal(db).unlink(missing_ok=True)
    return written


def _publish_to_lake(db: Path, load: "LoadBatch") -> dict[str, int]:
    """Migrate and load in one lake transaction: one snapshot, tagged with the run's id, or none at all."""
    started = time.perf_counter()
    failed = failed_runs(db)
    runs = load.tables.get("runs")
    con = connect_writer(db)
    try:
        files_only_in(con, [lake.data_path(db), load.spill, db.parent / ".dateline-tmp"])
        con.execute("BEGIN")
        migrate(con, in_lake=True)
        written = _load_rows(con, load)
        _insert_failed_runs(con, failed)
        _finish_run(con, runs, time.perf_counter() - started)
        lake.tag_snapshot(con, str(runs["run_id"].iloc[0]) if runs is not None and not runs.empty else None)
        faults.crash_point("publish")
        con.execute("COMMIT")
    finally:
        con.close()  # an uncommitted transaction is rolled back: the last snapshot stays the published one
    _journal(db).unlink(missing_ok=True)
    return written


def _copy_to_staging(db: Path, staging: Path) -> None:
    """A copy of the published file to load into (a crashed run's half-written one is never published)."""
    _remove_staging(staging)
    if db.exists():
        shutil.copy2(db, staging)
        faults.disk_full_point("copy")


def _remove_staging(staging: Path) -> None:
    for leftover in (staging, staging.with_name(staging.name + ".wal")):
        leftover.unlink(missing_ok=True)


def _journal(db: Path) -> Path:
    return db.with_name(db.name + ".failed-runs.jsonl")


def record_failed_run(db: Path, row: dict) -> None:
    """Journal a run that failed beside the warehouse (a line of JSON: no copy of the warehouse, so it works
    on a full disk too, if anything does); `dateline runs` shows it, and the next publish moves it into `runs`."""
    import json

    try:
        with open(_journal(db), "a", encoding="utf-8") as fh:
            fh.write(json.dumps(row, default=str) + "\n")
    except OSError:
        pass  # nowhere to write: the run's own error message is what the user sees


def failed_runs(db: Path) -> pd.DataFrame:
    """The failed runs journalled since the last publish, as rows of `runs`."""
    import json

    journal = _journal(db)
    if not journal.exists():
        return pd.DataFrame()
    rows = []
    for line in journal.read_text(encoding="utf-8", errors="replace").splitlines():
        with contextlib.suppress(ValueError):  # a line cut short by a full disk
            rows.append(json.loads(line))
    frame = pd.DataFrame(rows)
    for column in ("started_at", "finished_at"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
    return frame


def _insert_failed_runs(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("failed_runs", frame)
    try:
        con.execute(sql_text("queries/insert_failed_runs.sql"))
    finally:
        con.unregister("failed_runs")


def _load_rows(con: duckdb.DuckDBPyConnection, load: "LoadBatch") -> dict[str, int]:
    ids = pd.DataFrame({"article_id": sorted(load.reload_ids)}, dtype="string")
    con.register("reload_ids", ids)
    con.execute(sql_text("queries/delete_article_rows.sql"))
    con.unregister("reload_ids")
    written = {"articles": _spilled_or_frame(con, "articles", load)}
    faults.crash_point("load")
    written["entities"] = _spilled_or_frame(con, "entities", load)
    for table in schema.FACTS:
        written[table] = _spilled_or_frame(con, table, load)
    for table in schema.RUN_TABLES:
        written[table] = _insert(con, table, load.tables.get(table))
    polled = load.tables.get("sources")
    if polled is not None and not polled.empty:
        con.register("polled_sources", polled[["source"]])
        con.execute(sql_text("queries/forget_polled_sources.sql"))
        con.unregister("polled_sources")
        written["sources"] = _insert(con, "sources", polled)
    return written


def _spilled_or_frame(con: duckdb.DuckDBPyConnection, table: str, load: "LoadBatch") -> int:
    spilled = _insert_spilled(con, table, load)
    return spilled if spilled is not None else _insert(con, table, load.tables.get(table))


def _finish_run(con: duckdb.DuckDBPyConnection, runs: pd.DataFrame | None, load_seconds: float) -> None:
    if runs is not None and not runs.empty:
        con.execute(sql_text("queries/finish_run.sql"), {
            "run_id": str(runs["run_id"].iloc[0]), "finished_at": dt.datetime.now(), "load_seconds": load_seconds})


class LoadBatch:
    """Everything one run writes: DataFrames per table, Parquet files spilled per batch (`spill/<table>/`),
    and the ids of articles to replace."""

    def __init__(self, tables: dict[str, pd.DataFrame], reload_ids: set[str], spill: Path | None = None):
        self.tables = tables
        self.reload_ids = reload_ids
        self.spill = spill
