#!/usr/bin/env python3
"""Throughput and scale, measured in one run against raw spaCy on the same texts.

    python bench/throughput.py --corpus ../shared/corpora/reuters-21578.jsonl.gz --n 2000 --workers 1 2

For each worker count it measures, on the same first N articles:
  raw      nlp.pipe over the bodies (the floor: the model is the cost that cannot be avoided), measured
           just before and just after the run and averaged, since a shared machine's speed drifts
  run      `dateline run` into a new warehouse; the run's own time as recorded in `runs`, the wall time
           of the whole command (process start, Prefect's temporary server and model load included)
           beside it, peak memory of the command (summed over its worker processes), and each stage's time
  rerun    the same command again over the unchanged articles
With --repeat K it goes K rounds over the worker counts, interleaved, and prints the medians beside
every round's figures: this machine's speed drifts by 10-30 % within minutes. It prints a table and,
with --json FILE, writes the figures.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb


def load_articles(corpus: Path, n: int) -> list[dict]:
    out = []
    opener = gzip.open if corpus.name.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if str(record.get("body") or "").strip():
                out.append(record)
            if len(out) >= n:
                break
    return out


def raw_pipe(texts: list[str], workers: int, model: str | None) -> float:
    """Articles per second of bare nlp.pipe, in a fresh process so nothing is shared with other runs."""
    code = (
        "import sys, time, json\n"
        "from dateline.nlp import load_model\n"
        f"nlp = load_model({model!r})\n"
        "texts = json.load(open(sys.argv[1]))\n"
        "t = time.perf_counter()\n"
        f"for _ in nlp.pipe(texts, batch_size=64, n_process={workers}): pass\n"
        "print(len(texts) / (time.perf_counter() - t))\n")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(texts, fh)
    try:
        out = subprocess.run([sys.executable, "-c", code, fh.name], capture_output=True, text=True, check=True)
        return float(out.stdout.strip().splitlines()[-1])
    finally:
        os.unlink(fh.name)


def _tree_rss_mb(proc) -> float:
    """Resident memory of a process and all its descendants (worker processes included), in MB."""
    import psutil

    try:
        root = psutil.Process(proc.pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 2**20


def dateline_run(source: Path, db: Path, workers: int, model: str | None) -> dict:
    """`dateline run` as a user runs it; peak memory is the sum over the command's process tree, sampled."""
    cmd = [sys.executable, "-m", "dateline.cli", "run", "--source", str(source), "--db", str(db), "--workers", str(workers)]
    if model:
        cmd += ["--model", model]
    t = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, _tree_rss_mb(proc))
            time.sleep(0.2)
        wall = time.perf_counter() - t
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(err.read()[-3000:])
    con = duckdb.connect(str(db), read_only=True)
    row = con.execute("SELECT seconds, stage_seconds, articles_new, articles_unchanged FROM runs "
                      "ORDER BY started_at DESC LIMIT 1").fetchone()
    con.close()
    return {"run_seconds": row[0], "wall_seconds": round(wall, 2), "stages": json.loads(row[1] or "{}"),
            "articles_new": row[2], "articles_unchanged": row[3], "peak_memory_mb": round(peak, 1)}


def measure(texts: list[str], source: Path, db: Path, workers: int, model: str | None, rerun: bool) -> dict:
    """One measurement at one worker count: raw spaCy just before and just after the run (against the
    machine's drift in speed), the run into a new warehouse, and the re-run over the same articles."""
    raw_before = raw_pipe(texts, workers, model)
    first = dateline_run(source, db, workers, model)
    raw_after = raw_pipe(texts, workers, model)
    raw = (raw_before + raw_after) / 2
    entry = {"raw_articles_per_second": round(raw, 1),
             "raw_before_after": [round(raw_before, 1), round(raw_after, 1)], "first": first,
             "run_articles_per_second": round(len(texts) / first["run_seconds"], 1),
             "ratio_to_raw": round(len(texts) / first["run_seconds"] / raw, 3)}
    if rerun:
        entry["rerun"] = dateline_run(source, db, workers, model)
        entry["rerun_share_of_first"] = round(entry["rerun"]["run_seconds"] / first["run_seconds"], 4)
    return entry


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters-21578.jsonl.gz"))
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--model", default=None)
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds over the worker counts (interleaved); with more than one, medians are printed too")
    ap.add_argument("--no-rerun", action="store_true")
    ap.add_argument("--json", help="write the figures to this file")
    args = ap.parse_args()
    articles = load_articles(Path(args.corpus), args.n)
    texts = [a["body"] for a in articles]
    results = {"n": len(articles), "machine": f"{os.cpu_count()} cores", "python": sys.version.split()[0], "rounds": []}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        with open(source, "w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(json.dumps({"id": a["id"], "date": a.get("date"), "title": a.get("title"),
                                     "city": a.get("city"), "body": a["body"]}) + "\n")
        for r in range(args.repeat):
            round_ = {}
            for workers in args.workers:
                db = Path(tmp) / f"r{r}w{workers}.duckdb"
                round_[str(workers)] = measure(texts, source, db, workers, args.model, not args.no_rerun)
            if "1" in round_ and "2" in round_:
                round_["speedup_2_over_1"] = round(round_["2"]["run_articles_per_second"]
                                                   / round_["1"]["run_articles_per_second"], 2)
            results["rounds"].append(round_)
    rounds = results["rounds"]
    if len(rounds) > 1:
        results["median"] = {w: {"ratio_to_raw": round(statistics.median(r[w]["ratio_to_raw"] for r in rounds), 3),
                                 "rerun_share_of_first": round(statistics.median(r[w].get("rerun_share_of_first", 0) for r in rounds), 4),
                                 "peak_memory_mb": round(statistics.median(r[w]["first"]["peak_memory_mb"] for r in rounds), 1)}
                             for w in map(str, args.workers)}
        if "speedup_2_over_1" in rounds[0]:
            results["median"]["speedup_2_over_1"] = round(statistics.median(r["speedup_2_over_1"] for r in rounds), 2)
    print(f"{results['n']} articles, {results['machine']}, Python {results['python']}")
    print(f"{'round':>5} {'workers':>7} {'raw a/s':>8} {'(before/after)':>14} {'run a/s':>8} {'ratio':>6} {'run s':>7} {'wall s':>7} "
          f"{'rerun s':>8} {'rerun %':>8} {'peak MB':>8}  stages (s)")
    for r, round_ in enumerate(rounds, start=1):
        for w in map(str, args.workers):
            e = round_[w]
            f, rr = e["first"], e.get("rerun", {})
            print(f"{r:>5} {w:>7} {e['raw_articles_per_second']:>8} {'/'.join(map(str, e['raw_before_after'])):>14} "
                  f"{e['run_articles_per_second']:>8} {e['ratio_to_raw']:>6} {f['run_seconds']:>7} {f['wall_seconds']:>7} "
                  f"{rr.get('run_seconds', '-'):>8} {100 * e.get('rerun_share_of_first', 0):>7.2f}% {f['peak_memory_mb']:>8}  "
                  f"{f['stages']}")
        if "speedup_2_over_1" in round_:
            print(f"{r:>5} two workers / one worker: {round_['speedup_2_over_1']}x")
    if "median" in results:
        m = results["median"]
        for w in map(str, args.workers):
            print(f"median of {len(rounds)} rounds, {w} worker(s): ratio {m[w]['ratio_to_raw']}, "
                  f"re-run {100 * m[w]['rerun_share_of_first']:.2f}%, peak {m[w]['peak_memory_mb']} MB")
        if "speedup_2_over_1" in m:
            print(f"median two workers / one worker: {m['speedup_2_over_1']}x")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
