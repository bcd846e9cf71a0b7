#!/usr/bin/env python3
"""Three ways to store a growing warehouse, measured on the same rows: what one run's load costs at
1,000 and at N articles, the disk it takes, and whether a reader in another process is ever refused.

    python -m venv /tmp/lakeenv && /tmp/lakeenv/bin/pip install duckdb==1.5.5 \\
        duckdb-extension-ducklake==1.5.5 duckdb-extension-sqlite-scanner==1.5.5 pandas
    /tmp/lakeenv/bin/python bench/storage_probe.py --seed seed.duckdb --sizes 1000 2000000

`--seed` is a warehouse of a few real articles (`dateline run --db seed.duckdb`, the bundled sample). Its
rows are replicated to each size with new ids; a run's load is the rows of 100 more articles.

  copy      today's design: copy the published file, load the copy, rename it over (readers never refused)
  inplace   load the published DuckDB file where it is (a reader in another process is refused meanwhile)
  ducklake  DuckLake: a SQLite catalog and Parquet files; each load one snapshot (readers never refused)

Only DuckDB 1.5.x has a DuckLake extension on the package index (loaded by path: nothing is downloaded),
so this runs in a virtual environment of its own, outside the project's pins. It imports nothing of dateline.
"""
from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

PER_ARTICLE = ("articles", "mentions", "quotes", "metrics", "events")
KEYS = ("article_id", "quote_id", "metric_id", "event_id", "content_hash")
NEW = 100
SAFE = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def extension(name: str) -> str:
    site = Path(duckdb.__file__).parent.parent
    return glob.glob(str(site / f"duckdb_extension_{name}" / "extensions" / "*" / f"{name}.duckdb_extension"))[0]


def lake_connection(root: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config=SAFE)
    for name in ("sqlite_scanner", "ducklake"):
        con.execute(f"LOAD '{extension(name)}'")
    mode = ", READ_ONLY" if read_only else ""
    con.execute(f"ATTACH 'ducklake:sqlite:{root / 'catalog.sqlite'}' AS wh (DATA_PATH '{root / 'data'}/'{mode})")
    con.execute("USE wh")
    return con


def copies_sql(con, table: str, copies: int, suffix: str, target: str) -> str:
    columns = [r[0] for r in con.execute(f"DESCRIBE seed.{table}").fetchall()]
    select = ", ".join(f"{c} || '{suffix}' || k::VARCHAR" if c in KEYS else f'"{c}"' for c in columns)
    return f"INSERT INTO {target}{table} SELECT {select} FROM seed.{table}, range({copies}) copies(k)"


def build_duckdb(seed: Path, db: Path, copies: int) -> None:
    shutil.copy(seed, db)
    con = duckdb.connect(str(db), config=SAFE)
    con.execute(f"ATTACH '{seed}' AS seed (READ_ONLY)")
    for table in PER_ARTICLE:
        con.execute(f"DELETE FROM main.{table}")
        con.execute(copies_sql(con, table, copies, "~", "main."))
    con.execute("CHECKPOINT")
    con.close()


def build_lake(seed: Path, root: Path, copies: int) -> None:
    (root / "data").mkdir(parents=True)
    con = lake_connection(root)
    con.execute(f"ATTACH '{seed}' AS seed (READ_ONLY)")
    for table in PER_ARTICLE:
        con.execute(f"CREATE TABLE wh.{table} AS SELECT * FROM seed.{table} LIMIT 0")
        con.execute(copies_sql(con, table, copies, "~", "wh."))
    con.close()


def load(con, target: str, run: int) -> None:
    """One run's load: the rows of 100 new articles, their ids looked up first (the plan), in one transaction."""
    copies = NEW // 13 + 1
    con.execute(f"ATTACH IF NOT EXISTS '{SEED}' AS seed (READ_ONLY)")
    con.execute(f"SELECT count(*) FROM {target}articles WHERE article_id IN "
                f"(SELECT article_id || '#{run}' || k::VARCHAR FROM seed.articles, range({copies}) c(k))").fetchall()
    con.execute("BEGIN")
    for table in PER_ARTICLE:
        con.execute(copies_sql(con, table, copies, f"#{run}", target))
    con.execute("COMMIT")


def writer(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection; in place, it must wait for a moment when no reader has the file open."""
    while True:
        try:
            return duckdb.connect(str(path), config=SAFE)
        except duckdb.IOException as exc:
            if "lock" not in str(exc):
                raise
            time.sleep(0.01)


def disk(path: Path) -> int:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files)


READER = """
import sys, time, duckdb
sys.path.insert(0, {here!r})
from storage_probe import lake_connection
from pathlib import Path
kind, target, stop = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
ok = refused = 0
while not stop.exists():
    try:
        con = lake_connection(target, read_only=True) if kind == "ducklake" else duckdb.connect(str(target), read_only=True)
        con.execute("SELECT count(*) FROM articles").fetchall()
        con.close()
        ok += 1
    except duckdb.Error:
        refused += 1
    time.sleep(0.02)
print(ok, refused)
"""


def probe(kind: str, seed: Path, work: Path, articles: int, runs: int = 3) -> dict:
    copies = max(1, articles // 13)
    target = work / (f"{kind}{articles}" + ("" if kind == "ducklake" else ".duckdb"))
    (build_lake if kind == "ducklake" else build_duckdb)(seed, target, copies)
    data = disk(target)
    reader = subprocess.Popen([sys.executable, "-c", READER.format(here=str(Path(__file__).parent)), kind,
                               str(target), str(work / "stop")], stdout=subprocess.PIPE, text=True)
    time.sleep(2)
    times, peak = [], data
    for run in range(runs):
        started = time.perf_counter()
        if kind == "ducklake":
            con = lake_connection(target)
            load(con, "wh.", run)
            con.close()
        else:
            published = target
            if kind == "copy":
                published = target.with_name(target.name + ".staging")
                shutil.copy2(target, published)
            con = writer(published)
            load(con, "main.", run)
            con.execute("CHECKPOINT")
            con.close()
            peak = max(peak, disk(target) + disk(published) * (published != target))
            if kind == "copy":
                os.replace(published, target)
        times.append(time.perf_counter() - started)
    (work / "stop").touch()
    out = reader.communicate()[0].split() or ["?", "?"]
    (work / "stop").unlink()
    peak = max(peak, disk(target))
    shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink()
    return {"kind": kind, "articles": copies * 13, "load_s": sorted(times)[len(times) // 2], "data_mb": data / 1e6,
            "peak_mb": peak / 1e6, "reader_ok": out[0], "reader_refused": out[1] if len(out) > 1 else "?"}


SEED = Path()


def main() -> None:
    global SEED
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, required=True)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2_000_000])
    parser.add_argument("--kinds", nargs="+", default=["copy", "inplace", "ducklake"])
    args = parser.parse_args()
    SEED = args.seed.resolve()
    work = Path(tempfile.mkdtemp(prefix="dateline-storage-"))
    print(f"DuckDB {duckdb.__version__}")
    print(f"{'kind':>9} {'articles':>10} {'load s':>7} {'data MB':>9} {'peak MB':>9} {'reads ok':>9} {'refused':>8}")
    for size in args.sizes:
        for kind in args.kinds:
            r = probe(kind, SEED, work, size)
            print(f"{r['kind']:>9} {r['articles']:>10,} {r['load_s']:>7.3f} {r['data_mb']:>9.1f} {r['peak_mb']:>9.1f} "
                  f"{r['reader_ok']:>9} {r['reader_refused']:>8}", flush=True)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
