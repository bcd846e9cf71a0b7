"""Ad-hoc SQL that can only read the warehouse.

The connection is read-only (no writes) with external access disabled (no ATTACH, COPY TO,
INSTALL/LOAD, or reading files outside the warehouse); a statement that tries is refused with
a message saying why.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd

from dateline import lake


class ReadOnlyViolation(RuntimeError):
    pass


# One query cannot take the machine: a memory cap, no extension installed or loaded behind the user's
# back, and settings locked so `SET` cannot lift them.
DEFAULT_MEMORY = os.environ.get("DATELINE_SQL_MEMORY", "2GB")


def reader_config(memory: str | None = None) -> dict:
    return {"enable_external_access": False, "memory_limit": memory or DEFAULT_MEMORY,
            "autoinstall_known_extensions": False, "autoload_known_extensions": False, "lock_configuration": True}


def _connect(db: Path, memory: str | None) -> duckdb.DuckDBPyConnection:
    from dateline.warehouse import files_only_in, require_duckdb_file

    if not lake.is_lake(db):
        require_duckdb_file(Path(db))
        return duckdb.connect(str(db), read_only=True, config=reader_config(memory))

    # the lake's catalog and files are opened first, then the same limits are set: nothing else can be read
    config = {k: v for k, v in reader_config(memory).items() if k not in ("enable_external_access", "lock_configuration")}
    con = lake.connect(db, read_only=True, config=config)
    files_only_in(con, [lake.data_path(db)])
    con.execute("SET lock_configuration = true")
    return con


def run_read_only(db: Path, query: str, params: list | dict | None = None, max_rows: int | None = None,
                  memory: str | None = None) -> pd.DataFrame:
    """One statement's result; at most `max_rows` + 1 rows are read (the caller says when there were more)."""
    if not Path(db).exists():
        raise FileNotFoundError(f"no warehouse at {db}; run `dateline run` first")
    con = _connect(Path(db), memory)
    try:
        if len(con.extract_statements(query)) > 1:
            raise ReadOnlyViolation("one statement at a time: `dateline sql` shows one result")
        try:
            result = con.sql(query, params=params or None)
            if result is None:
                return pd.DataFrame()
            return (result.limit(max_rows + 1) if max_rows else result).df()
        except (duckdb.PermissionException, duckdb.InvalidInputException) as exc:
            message = str(exc)
            if "read-only" in message or "external access" in message.lower() or "disabled" in message.lower() \
                    or "configuration has been locked" in message:
                raise ReadOnlyViolation(f"dateline sql only reads the warehouse ({message.splitlines()[0]})") from None
            raise
    finally:
        con.close()
