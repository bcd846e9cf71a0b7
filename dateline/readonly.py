"""Ad-hoc SQL that can only read the warehouse.

The connection is read-only (no writes) with external access disabled (no ATTACH, COPY TO,
INSTALL/LOAD, or reading files outside the warehouse); a statement that tries is refused with
a message saying why.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd


class ReadOnlyViolation(RuntimeError):
    pass


def run_read_only(db: Path, query: str, params: list | dict | None = None) -> pd.DataFrame:
    if not Path(db).exists():
        raise FileNotFoundError(f"no warehouse at {db}; run `dateline run` first")
    con = duckdb.connect(str(db), read_only=True, config={"enable_external_access": False})
    try:
        if len(con.extract_statements(query)) > 1:
            raise ReadOnlyViolation("one statement at a time: `dateline sql` shows one result")
        try:
            return con.execute(query, params or []).df()
        except (duckdb.PermissionException, duckdb.InvalidInputException) as exc:
            message = str(exc)
            if "read-only" in message or "external access" in message.lower() or "disabled" in message.lower():
                raise ReadOnlyViolation(f"dateline sql only reads the warehouse ({message.splitlines()[0]})") from None
            raise
    finally:
        con.close()
