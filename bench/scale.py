#!/usr/bin/env python3
"""Does a run's cost grow with the warehouse? A run of 100 new articles into warehouses of 10^3 … 10^6+.

    python bench/scale.py                          # 1,000 … 2,000,000 articles, DuckLake warehouses
    python bench/scale.py --sizes 1000 100000      # quicker
    python bench/scale.py --design file            # DuckDB-file warehouses (copied at every run)

1. A seed warehouse: `dateline run` over the bundled sample (13 articles and their rows).
2. For each size N, a warehouse of N articles built by replicating the seed's rows through the project's
   storage layer (its writer connection, migrations and schema; new ids and hashes per copy), not the NLP:
   a DuckLake (`NAME.ducklake`, the default) or a DuckDB file (`--design file`).
3. The same `dateline run` of 100 new articles into each (one Prefect server for all, started here, so
   its start-up is not counted N times). Measured: the run's own time (`runs.seconds`), the command's
   wall time, and the peak disk used by the warehouse's files during the run against their size before
   it (the data as stored).

Prints one row per size, then `ratio=… wall_ratio=… disk_ratio=… articles=…`: run and wall time of the
largest against the smallest, and the largest's peak disk over its data.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from dateline import lake, schema, warehouse  # noqa: E402
from dateline.readonly import run_read_only  # noqa: E402

PER_ARTICLE = [t.name for t in schema.TABLES if "article_id" in t.names and t.name not in schema.RUN_TABLES]
NEW_ARTICLES = 100


def dateline(*args: str, cwd: Path, env: dict) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "dateline.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise SystemExit(f"dateline {' '.join(args)} failed: {done.stderr.strip().splitlines()[-1:]}")
    return time.perf_counter() - started


def replicate(seed: Path, db: Path, articles: int) -> None:
    """A warehouse of `articles` articles: the seed's rows copied with ids and hashes made unique per copy."""
    per_copy = int(run_read_only(seed, "SELECT count(*) n FROM articles")["n"][0])
    copies = max(1, articles // per_copy)
    if not lake.is_lake(db):
        shutil.copy(seed, db)
    con = warehouse.connect_writer(db)
    try:
        con.execute("SET memory_limit = '8GB'")  # building millions of rows at once (a run keeps its own cap)
        con.execute("SET preserve_insertion_order = false")
        con.execute(f"ATTACH '{seed}' AS seed (READ_ONLY)")
        if lake.is_lake(db):
            copy_shared_tables(con)
        for table in PER_ARTICLE:
            con.execute(f"DELETE FROM {table}")
            con.execute(replicate_sql(table, copies))
        if not lake.is_lake(db):
            con.execute("CHECKPOINT")
    finally:
        con.close()


def copy_shared_tables(con) -> None:
    """A new lake: the schema, and the seed's tables that do not hold rows per article, as they are."""
    con.execute("BEGIN")
    warehouse.migrate(con, in_lake=True)
    con.execute("COMMIT")
    for table in schema.TABLES:
        if table.name not in PER_ARTICLE and table.name != "countries":
            names = ", ".join(f'"{c}"' for c in table.names)
            con.execute(f"INSERT INTO {table.name} ({names}) SELECT {names} FROM seed.{table.name}")


def replicate_sql(table: str, copies: int) -> str:
    """INSERT … SELECT of `copies` copies of the seed's rows of `table`, every id suffixed with its copy."""
    keys = {"article_id", "quote_id", "metric_id", "event_id", "content_hash"}
    columns = schema.table(table).names
    select = ", ".join(f"{c} || '~' || k::VARCHAR" if c in keys else f'"{c}"' for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) SELECT {select} FROM seed.{table}, range({copies}) copies(k)"


def new_articles(folder: Path, seed_folder: Path) -> None:
    """100 dateline text files: the sample's articles, each with a sentence of its own (so nothing is a duplicate)."""
    texts = sorted(seed_folder.glob("*.txt"))
    folder.mkdir(exist_ok=True)
    for i in range(NEW_ARTICLES):
        text = texts[i % len(texts)].read_text(encoding="utf-8")
        (folder / f"new{i:03d}.txt").write_text(f"{text}\nThis is update number {i}.\n", encoding="utf-8")


def stored_bytes(db: Path) -> int:
    """The bytes of the warehouse's files: the DuckDB file, or the lake's catalog and Parquet folder, with
    whatever a run adds beside them (staging copy, WAL, spilled batches)."""
    total = 0
    for path in db.parent.rglob("*"):
        top = path.relative_to(db.parent).parts[0]
        if path.is_file() and (top.startswith(db.name) or top == ".dateline-tmp"):
            with contextlib.suppress(FileNotFoundError):  # a file the run removed meanwhile
                total += path.stat().st_size
    return total


class DiskPeak(threading.Thread):
    """Polls the bytes of every file beside the warehouse that belongs to it (staging copy, WAL, spill)."""

    def __init__(self, db: Path):
        super().__init__(daemon=True)
        self.db, self.peak, self.running = db, 0, True

    def used(self) -> int:
        return stored_bytes(self.db)

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, self.used())
            time.sleep(0.05)


def measure(work: Path, seed: Path, size: int, inbox: Path, env: dict, suffix: str) -> dict:
    db = work / f"wh{size}{suffix}"
    started = time.perf_counter()
    replicate(seed, db, size)
    built = time.perf_counter() - started
    data = stored_bytes(db)
    stored = int(run_read_only(db, "SELECT count(*) n FROM articles")["n"][0])
    disk = DiskPeak(db)
    disk.start()
    wall = dateline("run", "--source", str(inbox), "--db", str(db), cwd=work, env=env)
    disk.running = False
    disk.join()
    latest = run_read_only(db, "SELECT seconds, stage_seconds FROM runs ORDER BY started_at DESC LIMIT 1")
    run, stages = float(latest["seconds"][0]), latest["stage_seconds"][0]
    for leftover in work.glob(f"{db.name}*"):
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    return {"articles": stored, "build": built, "run": run, "wall": wall, "data_mb": data / 1e6,
            "disk_mb": disk.peak / 1e6, "stages": stages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000, 2_000_000])
    parser.add_argument("--work", type=Path, default=None, help="folder for the warehouses (default: a temporary one)")
    parser.add_argument("--design", choices=["lake", "file"], default="lake",
                        help="lake: NAME.ducklake (DuckLake); file: NAME.duckdb, copied and renamed at every run")
    args = parser.parse_args()
    from dateline.cli import sample_folder
    from dateline.prefect_server import temporary_server, wait_healthy

    work = Path(args.work or tempfile.mkdtemp(prefix="dateline-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    with temporary_server(work / "prefect.log") as url:
        wait_healthy(url)
        env = {**os.environ, "PREFECT_API_URL": url}
        seed = work / "seed.duckdb"
        dateline("run", "--db", str(seed), cwd=work, env=env)
        new_articles(work / "inbox", Path(sample_folder()))
        print(f"{'articles':>10} {'build s':>8} {'run s':>7} {'wall s':>7} {'data MB':>9} {'peak disk MB':>13}")
        rows = []
        for size in args.sizes:
            row = measure(work, seed, size, work / "inbox", env, ".ducklake" if args.design == "lake" else ".duckdb")
            rows.append(row)
            print(f"{row['articles']:>10,} {row['build']:>8.1f} {row['run']:>7.2f} {row['wall']:>7.2f} "
                  f"{row['data_mb']:>9.1f} {row['disk_mb']:>13.1f}  {row['stages']}", flush=True)
    small, large = rows[0], rows[-1]
    print(f"ratio={large['run'] / small['run']:.2f} wall_ratio={large['wall'] / small['wall']:.2f} "
          f"disk_ratio={large['disk_mb'] / large['data_mb']:.2f} articles={large['articles']}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
