"""DuckLake storage for a warehouse that grows: `--db NAME.ducklake`.

DuckLake (DuckDB's lakehouse format) keeps the catalog in a SQLite file, `NAME.ducklake`, and the rows in
immutable Parquet files under `NAME.ducklake.files/`. A run is one catalog transaction, hence one
snapshot, tagged with the run's id: readers in other processes see the snapshot before it or after it,
never half of it; a crash before the commit leaves the last snapshot as it was (its unreferenced files
are never read); a run writes only its own rows (and small delete files for replaced articles), so its
cost does not grow with what is stored. The two extensions come from their wheels on the package index
and are loaded by path: nothing is downloaded.

DuckLake has no primary keys or indexes: the keys are declared in the column descriptions and in the
semantic-layer file (`dateline bi --dbt`).
"""
from __future__ import annotations

import glob
import re
from pathlib import Path

import duckdb

SUFFIX = ".ducklake"
CATALOG = "dateline"  # the attached lake's name: readers `USE` it, so tables are named as in a DuckDB file
EXTENSIONS = ("sqlite_scanner", "ducklake")
NO_DOWNLOADS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def is_lake(db: Path | str) -> bool:
    return Path(db).suffix == SUFFIX


def data_path(db: Path) -> Path:
    """The Parquet files' folder, beside the catalog (moving both together keeps the lake readable)."""
    return Path(db).with_name(Path(db).name + ".files")


def extension_file(name: str) -> str:
    """The extension shipped in the `duckdb-extension-<name>` wheel that matches the installed DuckDB."""
    site = Path(duckdb.__file__).resolve().parent.parent
    version = duckdb.__version__
    found = glob.glob(str(site / f"duckdb_extension_{name}" / "extensions" / f"v{version}" / f"{name}.duckdb_extension"))
    if not found:
        raise RuntimeError(f"the DuckDB extension {name} for DuckDB {version} is not installed "
                           f"(pip install duckdb-extension-{name.replace('_', '-')}=={version})")
    return found[0]


def install_extensions(directory: Path | None = None) -> list[str]:
    """Install the two extensions from their wheels into DuckDB's extension folder (default
    `~/.duckdb/extensions`), so that any DuckDB 1.5.5 client opens `ducklake:sqlite:<catalog>` by itself."""
    config = {**NO_DOWNLOADS, **({"extension_directory": str(directory)} if directory else {})}
    with duckdb.connect(config=config) as con:
        for name in EXTENSIONS:
            con.execute(f"INSTALL '{_quoted(extension_file(name))}'")
        return [row[0] for row in con.execute(
            "SELECT install_path FROM duckdb_extensions() WHERE extension_name IN ('ducklake', 'sqlite_scanner')").fetchall()]


def attach_sql(db: Path, read_only: bool) -> str:
    """The ATTACH statement every reader and the writer use (also printed by `dateline bi`)."""
    db = Path(db).resolve()
    mode = ", READ_ONLY" if read_only else ""
    return (f"ATTACH '{_quoted(f'ducklake:sqlite:{db}')}' AS {CATALOG} "
            f"(DATA_PATH '{_quoted(str(data_path(db)))}/', OVERRIDE_DATA_PATH TRUE{mode})")


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def connect(db: Path, read_only: bool = False, config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lake attached and in use; a missing lake is created (writer only)."""
    db = Path(db)
    con = duckdb.connect(config={**NO_DOWNLOADS, **(config or {})})
    try:
        for name in EXTENSIONS:
            con.execute(f"LOAD '{extension_file(name)}'")
        if not read_only:
            data_path(db).mkdir(parents=True, exist_ok=True)
        con.execute(attach_sql(db, read_only))
        con.execute(f"USE {CATALOG}")
    except BaseException:
        con.close()
        raise
    return con


_KEY_CLAUSE = re.compile(r"\s+PRIMARY KEY\b", re.IGNORECASE)
_ADD_KEY = re.compile(r"^\s*ALTER TABLE \S+ ADD PRIMARY KEY[^;]*;\s*$", re.IGNORECASE | re.MULTILINE)


def without_keys(ddl: str) -> str:
    """A migration as DuckLake takes it: no PRIMARY KEY clauses (DuckLake has no constraints but NOT NULL)."""
    return _KEY_CLAUSE.sub("", _ADD_KEY.sub("", ddl))


def tag_snapshot(con: duckdb.DuckDBPyConnection, run_id: str | None) -> None:
    """The open transaction's snapshot carries the run's id, so `dateline runs` can name it."""
    if run_id:
        con.execute(f"CALL {CATALOG}.set_commit_message('dateline', $run_id)", {"run_id": run_id})


def compact(db: Path, expire_days: int | None = None) -> dict[str, int]:
    """A lake's upkeep (the caller holds the write lock): every run leaves a few small Parquet files and
    replaced articles leave delete files; merge them into larger files and apply the deletes (a snapshot
    of its own, rows unchanged). With `expire_days`, forget the snapshots older than that and delete the
    files only they used: time travel to them ends. Returns the data files before and after."""
    con = connect(db)
    try:
        before = _data_files(con)
        con.execute(f"CALL ducklake_rewrite_data_files('{CATALOG}', delete_threshold => 0)")  # any file with deletes
        con.execute(f"CALL ducklake_merge_adjacent_files('{CATALOG}')")
        if expire_days is not None:
            con.execute(f"CALL ducklake_expire_snapshots('{CATALOG}', older_than => now() - to_days($days))",
                        {"days": int(expire_days)})
            con.execute(f"CALL ducklake_cleanup_old_files('{CATALOG}', cleanup_all => true)")
        return {"files_before": before, "files_after": _data_files(con)}
    finally:
        con.close()


def _data_files(con: duckdb.DuckDBPyConnection) -> int:
    """The Parquet data files the current snapshot reads."""
    tables = [r[0] for r in con.execute(f"SELECT table_name FROM duckdb_tables() WHERE database_name = '{CATALOG}'").fetchall()]
    return sum(con.execute(f"SELECT count(*) FROM ducklake_list_files('{CATALOG}', $t)", {"t": t}).fetchone()[0]
               for t in tables)
