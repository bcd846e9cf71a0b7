"""Hostile and broken input through the real `dateline run`: every input is an article or a rejection that
names its file and line, nothing hangs or eats memory, and the published warehouse stays intact.

One run reads a folder of bad files and two feeds from a local HTTP server (127.0.0.1) that drips bytes and
redirects to ftp://; the tests below read what it did. Then a full disk, corrections and two files of one name.
"""
from __future__ import annotations

import gzip
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import pytest

from dateline.readonly import run_read_only

pytestmark = pytest.mark.slow

RUN_BOUND_SECONDS = 240  # Prefect, the model and the NLP included; a hang would be for ever
MEMORY_BOUND_MB = 2500  # a normal run of a few articles takes ~1 GB; the gzip bomb alone would take 10 GB
DEADLINE = "3"  # seconds for one whole fetch


def article(text: str) -> str:
    return f"{text} The minister said talks with Germany would resume on Monday, and exports rose 4 per cent."


class Hostile(http.server.BaseHTTPRequestHandler):
    """A feed server that misbehaves: /slow.xml and /drip send one byte every half second, /ftp redirects
    to an FTP URL (the listener at `ftp_port` counts the connections it gets)."""

    ftp_port = 0

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path in ("/slow.xml", "/drip", "/drip2"):
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(100000):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                return  # the client gave up, as it should
        elif self.path == "/ftp":
            self.send_response(302)
            self.send_header("Location", f"ftp://127.0.0.1:{self.ftp_port}/secret.txt")
            self.end_headers()
        elif self.path == "/feed.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            self.wfile.write(FEED.encode())


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><guid>drip-1</guid><link>{base}/drip</link><description>{one}</description></item>
<item><guid>drip-2</guid><link>{base}/drip2</link><description>{two}</description></item>
<item><guid>ftp-1</guid><link>{other}/ftp</link><description>{three}</description></item>
<item><guid>ftp-2</guid><link>{other}/ftp</link></item>
</channel></rss>"""


@pytest.fixture(scope="module")
def server():
    ftp = socket.socket()
    ftp.bind(("127.0.0.1", 0))
    ftp.listen()
    ftp.settimeout(0.2)
    Hostile.ftp_port = ftp.getsockname()[1]
    servers = [http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile) for _ in range(2)]  # two hosts
    for httpd in servers:
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base, other = (f"http://127.0.0.1:{httpd.server_address[1]}" for httpd in servers)
    global FEED
    FEED = FEED.format(base=base, other=other, one=article("Summary one."), two=article("Summary two."),
                       three=article("Summary three."))
    yield base, ftp
    for httpd in servers:
        httpd.shutdown()
    ftp.close()


def ftp_connections(ftp: socket.socket) -> int:
    count = 0
    while True:
        try:
            conn, _ = ftp.accept()
        except (TimeoutError, OSError):
            return count
        conn.close()
        count += 1


def build_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text("date 2024-03-04 Paris: " + article("Good text file."))
    gz = zlib.compressobj(9, zlib.DEFLATED, 31)  # a gzip bomb: one good line, then 300 MB of zeros
    with open(folder / "bomb.jsonl.gz", "wb") as fh:
        fh.write(gz.compress(json.dumps({"id": "bomb-1", "body": article("Before the bomb.")}).encode() + b"\n"))
        for _ in range(300):
            fh.write(gz.compress(bytes(1 << 20)))
        fh.write(gz.flush())
    lines = b"".join(json.dumps({"id": f"gz-{i}", "body": article(f"Gzip line {i}.")}).encode() + b"\n"
                     for i in range(400))
    packed = gzip.compress(lines)
    (folder / "corrupt.jsonl.gz").write_bytes(packed[: len(packed) // 2] + b"\xff" * 64 + packed[len(packed) // 2:])
    (folder / "nul.jsonl").write_bytes(b"\n".join([
        json.dumps({"id": "nul-1", "body": article("First.")}).encode(),
        b'{"id": "nul-2", "body": "a raw \x00 byte"}',
        json.dumps({"id": "nul-3", "body": article("Third.")}).encode()]) + b"\n")
    (folder / "late_nul.txt").write_bytes(b"date 2024-03-04 Paris: " + b"word " * 20000 + b"\x00 tail")
    (folder / "types.jsonl").write_text("\n".join([
        json.dumps({"id": ["listid"], "body": article("List id.")}),
        json.dumps({"id": "t-2", "body": 12345}),
        json.dumps({"id": 7, "body": article("A number is an id.")})]) + "\n")
    (folder / "semicolons.csv").write_text(f"id;title;body\ncsv-1;One;\"{article('Semicolon; one.')}\"\n"
                                           f"csv-2;Two;{article('Semicolon two.')}\n")
    for sub in ("a", "b"):
        (folder / sub).mkdir()
        (folder / sub / "news.jsonl").write_text(json.dumps({"body": article(f"From folder {sub}.")}) + "\n")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")


def run_dateline(*args: str, cwd: Path, env: dict | None = None) -> tuple[subprocess.CompletedProcess, float, float]:
    """The command, its wall time, and the peak memory (MB) of its largest process, measured by a wrapper
    process of its own so that no other test's processes count."""
    wrapper = ("import json, resource, subprocess, sys; "
               "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
               "print(json.dumps([done.returncode, done.stdout, done.stderr, "
               "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")
    started = time.monotonic()
    outer = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "dateline.cli", *args], cwd=cwd,
                           capture_output=True, text=True, timeout=RUN_BOUND_SECONDS * 2,
                           env={**os.environ, **(env or {})})
    code, out, err, peak_kb = json.loads(outer.stdout.strip().splitlines()[-1])
    return subprocess.CompletedProcess(args, code, out, err), time.monotonic() - started, peak_kb / 1024


@pytest.fixture(scope="module")
def hostile_run(server, tmp_path_factory):
    base, ftp = server
    work = tmp_path_factory.mktemp("hostile")
    build_inputs(work / "in")
    tmp = work / "tmp"
    tmp.mkdir()
    for stale in ("dateline-spill-999999999-x", "dateline-spill-oldstyle"):  # left by killed runs
        (tmp / stale / "articles").mkdir(parents=True)
    done, seconds, peak = run_dateline(
        "run", "--source", "in", "--source", f"{base}/feed.xml", "--source", f"{base}/slow.xml", "--db", "w.duckdb",
        cwd=work, env={"DATELINE_FETCH_DEADLINE": DEADLINE, "TMPDIR": str(tmp)})
    return work, done, seconds, peak, ftp_connections(ftp)


def rejected(work: Path) -> dict[str, str]:
    frame = run_read_only(work / "w.duckdb", "SELECT location, reason FROM rejected_articles")
    return dict(zip(frame["location"], frame["reason"]))


def article_ids(work: Path) -> set[str]:
    return set(run_read_only(work / "w.duckdb", "SELECT article_id FROM articles")["article_id"])


def test_the_run_finishes_in_bounded_time_and_memory(hostile_run):
    _, done, seconds, peak, _ = hostile_run
    assert done.returncode == 0, done.stderr
    assert seconds < RUN_BOUND_SECONDS and peak < MEMORY_BOUND_MB, (seconds, peak)
    assert "Traceback" not in done.stderr


def test_a_gzip_bomb_is_cut_off_as_a_rejection_after_its_good_lines(hostile_run):
    work = hostile_run[0]
    assert "bomb-1" in article_ids(work)
    assert "gzip bomb" in rejected(work)["bomb.jsonl.gz:2"]


def test_corrupt_gzip_is_one_rejection_and_the_other_files_load(hostile_run):
    work = hostile_run[0]
    problems = {k: v for k, v in rejected(work).items() if k.startswith("corrupt.jsonl.gz")}
    assert len(problems) == 1 and "corrupt gzip data" in next(iter(problems.values())), problems
    assert not {i for i in article_ids(work) if i.startswith("gz-")}  # garbage inflated before the checksum failed
    assert {"good.txt", "bomb-1", "nul-1"} <= article_ids(work)


def test_a_gzip_file_cut_short_keeps_its_complete_lines(tmp_path):
    from dateline.sources import discover

    packed = gzip.compress(b"".join(b'{"id": "%d", "body": "line %d"}\n' % (i, i) for i in range(2000)))
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    items = list(discover(str(tmp_path / "cut.jsonl.gz")))
    *articles, last = items
    assert "ends early" in last.reason and last.location.startswith("cut.jsonl.gz:")
    assert [a.article_id for a in articles] == [str(i) for i in range(len(articles))] and len(articles) > 100


def test_a_nul_byte_costs_its_line_only_wherever_it_is(hostile_run):
    work = hostile_run[0]
    assert {"nul-1", "nul-3"} <= article_ids(work) and "nul-2" not in article_ids(work)
    assert "NUL" in rejected(work)["nul.jsonl:2"]
    assert "NUL" in rejected(work)["late_nul.txt"]  # after 64 KB too


def test_ids_and_bodies_of_the_wrong_type_are_rejected_with_the_type(hostile_run):
    work = hostile_run[0]
    reasons = rejected(work)
    assert reasons["types.jsonl:1"] == "`id` must be text or a number, not a list"
    assert reasons["types.jsonl:2"] == "`body` must be text, not a number"
    assert "7" in article_ids(work) and "['listid']" not in article_ids(work)


def test_a_semicolon_csv_is_read(hostile_run):
    assert {"csv-1", "csv-2"} <= article_ids(hostile_run[0])


def test_lines_without_ids_in_two_folders_are_two_articles(hostile_run):
    assert {"a/news.jsonl:1", "b/news.jsonl:1"} <= article_ids(hostile_run[0])


def test_links_that_lead_nowhere_are_rejections(hostile_run):
    reasons = rejected(hostile_run[0])
    assert "leads nowhere" in reasons["gone.txt"] and "leads nowhere" in reasons["loop.txt"]


def test_a_dripping_feed_is_given_up_and_recorded_as_failed(hostile_run, server):
    work = hostile_run[0]
    slow = f"{server[0]}/slow.xml"
    assert "within 3 s" in rejected(work)[slow]
    row = run_read_only(work / "w.duckdb", "SELECT last_error, error_count FROM sources WHERE source = $s", {"s": slow})
    assert "within 3 s" in row["last_error"][0] and row["error_count"][0] == 1


def test_pages_that_drip_or_redirect_to_ftp_fall_back_to_the_summary(hostile_run):
    work, _, _, _, ftp_hits = hostile_run
    bodies = dict(run_read_only(work / "w.duckdb", "SELECT article_id, body FROM articles WHERE article_id IN "
                                "('drip-1', 'drip-2', 'ftp-1')").values.tolist())
    assert bodies["drip-1"].startswith("Summary one.") and bodies["drip-2"].startswith("Summary two.")
    assert bodies["ftp-1"].startswith("Summary three.")
    assert "redirected to a 'ftp' URL" in rejected(work)["ftp-2"]
    assert ftp_hits == 0  # the FTP URL was never even connected to


def test_every_input_is_an_article_or_a_rejection(hostile_run):
    work = hostile_run[0]
    expected_articles = {"good.txt", "bomb-1", "nul-1", "nul-3", "7", "csv-1", "csv-2", "a/news.jsonl:1",
                         "b/news.jsonl:1", "drip-1", "drip-2", "ftp-1"}
    expected_rejections = {"bomb.jsonl.gz:2", "nul.jsonl:2", "late_nul.txt", "types.jsonl:1", "types.jsonl:2",
                           "gone.txt", "loop.txt", "ftp-2"}
    assert expected_articles <= article_ids(work)
    assert expected_rejections <= set(rejected(work))


def test_spill_folders_of_dead_runs_are_swept(hostile_run):
    work = hostile_run[0]
    assert not list((work / "tmp").glob("dateline-spill-*"))


def test_a_full_disk_leaves_the_warehouse_as_it_was_and_the_failure_in_runs(hostile_run, tmp_path):
    work = hostile_run[0]
    for name in ("w.duckdb", "in"):
        os.system(f"cp -a '{work / name}' '{tmp_path / name}'")
    before = (tmp_path / "w.duckdb").read_bytes()
    (tmp_path / "in" / "new.txt").write_text("date 2024-03-05 Rome: " + article("A new one."))
    full, _, _ = run_dateline("run", "--source", "in", "--db", "w.duckdb", cwd=tmp_path,
                              env={"DATELINE_FAULT": "disk-full-copy"})
    assert full.returncode == 1 and "the disk is full" in full.stderr
    assert (tmp_path / "w.duckdb").read_bytes() == before
    assert not list(tmp_path.glob("*.staging*"))
    shown = subprocess.run([sys.executable, "-m", "dateline.cli", "runs", "--db", "w.duckdb", "-f", "json"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=120)
    latest = json.loads(shown.stdout)[0]
    assert latest["status"] == "failed" and "No space left" in latest["message"]
    again, _, _ = run_dateline("run", "--source", "in", "--db", "w.duckdb", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    statuses = run_read_only(tmp_path / "w.duckdb", "SELECT status, message FROM runs ORDER BY started_at")
    assert list(statuses["status"]) == ["completed", "failed", "completed"]
    assert not list(tmp_path.glob("*.failed-runs.jsonl"))  # moved into `runs`


def test_corrections_and_files_of_one_name_given_one_by_one(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "news.jsonl").write_text(json.dumps({"body": article(f"Given one by one, {sub}.")}) + "\n")
    story = {"id": "c-1", "title": "Talks in Paris", "date": "2024-03-04", "body": article("A correction.")}
    (tmp_path / "story.jsonl").write_text(json.dumps(story) + "\n")
    sources = ["--source", "a/news.jsonl", "--source", "b/news.jsonl", "--source", "story.jsonl"]
    first, _, _ = run_dateline("run", *sources, "--db", "w.duckdb", cwd=tmp_path)
    assert first.returncode == 0 and "3 new" in first.stderr, first.stderr
    (tmp_path / "story.jsonl").write_text(json.dumps(dict(story, title="Talks in Rome", date="2024-03-05")) + "\n")
    second, _, _ = run_dateline("run", *sources, "--db", "w.duckdb", cwd=tmp_path)
    assert "0 new, 1 changed, 2 unchanged" in second.stderr, second.stderr
    row = run_read_only(tmp_path / "w.duckdb", "SELECT title, CAST(published_date AS VARCHAR) d FROM articles "
                        "WHERE article_id = 'c-1'")
    assert row.values.tolist() == [["Talks in Rome", "2024-03-05"]]
    assert {"a/news.jsonl:1", "b/news.jsonl:1"} <= set(run_read_only(tmp_path / "w.duckdb",
                                                                     "SELECT article_id FROM articles")["article_id"])


def test_a_file_of_garbage_is_cut_off_after_a_thousand_bad_lines(tmp_path):
    """The 100 MB bomb of the issue wrote a million rejection rows: now a thousand, then one that says why
    the rest is not read."""
    from dateline.sources import discover
    from dateline.sources.tabular import MAX_BAD_LINES

    (tmp_path / "junk.jsonl").write_text('{"body": "a real line of text"}\n' + "not json at all\n" * 5000)
    items = list(discover(str(tmp_path / "junk.jsonl")))
    rejections = [i for i in items if hasattr(i, "reason")]
    assert len(items) - len(rejections) == 1 and len(rejections) == MAX_BAD_LINES + 1
    assert "bad lines" in rejections[-1].reason and "rest of it is not read" in rejections[-1].reason
