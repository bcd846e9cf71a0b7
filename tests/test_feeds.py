"""Feeds from a local HTTP server on 127.0.0.1 that the test makes; nothing touches the internet."""
from __future__ import annotations

import http.server
import threading
from functools import partial

import pytest

from dateline.pipeline import read_sources

PAGE = """<html><head><title>Talks</title></head><body><nav>menu</nav><article><h1>Talks in Oslo</h1>
<p>Norway and Canada held talks on Wednesday on Arctic shipping, officials said.</p>
<p>"We share the same ocean," the Norwegian minister told reporters after the meeting in Oslo.</p>
<p>Trade between the two countries grew 12 per cent last year to about $4.5 billion.</p></article></body></html>"""


@pytest.fixture()
def server(tmp_path):
    (tmp_path / "a1.html").write_text(PAGE)
    base = None

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(tmp_path)))
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Talks in Oslo</title><link>{base}/a1.html</link><guid>g1</guid><pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>{base}/missing.html</link><guid>g2</guid><description>Pakistan and Russia agreed to expand trade.</description></item>
<item><title>Empty</title><link>{base}/missing2.html</link><guid>g3</guid></item>
</channel></rss>"""
    (tmp_path / "feed.xml").write_text(feed)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()


def test_feed_entries_become_articles_and_failures_rejections(server):
    raws, rejections = read_sources([f"{server}/feed.xml"])
    by_id = {r.article_id: r for r in raws}
    assert set(by_id) == {"g1", "g2"}
    assert "Norway and Canada held talks" in by_id["g1"].text and "menu" not in by_id["g1"].text
    assert by_id["g1"].date == "2024-03-06" and by_id["g1"].title == "Talks in Oslo"
    assert by_id["g2"].text == "Pakistan and Russia agreed to expand trade."  # the summary stands in
    assert [r.location for r in rejections] == ["g3"]


def test_a_failing_feed_is_a_rejection_and_other_sources_still_load(server, tmp_path):
    (tmp_path / "ok.txt").write_text("date 2024-01-01 Paris: France and Germany held talks.")
    raws, rejections = read_sources([f"{server}/nope.xml", str(tmp_path / "ok.txt")])
    assert [r.article_id for r in raws] == ["ok.txt"]
    assert rejections[0].reason.startswith("feed unavailable: HTTP 404")


def test_only_http_and_https_are_fetched():
    from dateline.sources.feeds import FetchError, fetch

    with pytest.raises(FetchError, match="only http and https"):
        fetch("file:///etc/passwd")


def test_second_poll_is_conditional_and_skips_loaded_entries(server):
    from dateline.pipeline import read_sources_with_state

    url = f"{server}/feed.xml"
    raws, _, rows = read_sources_with_state([url], {})
    assert len(raws) == 2 and rows[0]["last_modified"] and rows[0]["error_count"] == 0 and rows[0]["kind"] == "feed"
    assert rows[0]["watermark"] == "2024-03-06"
    # the server answers 304 to If-Modified-Since: nothing is fetched or read again
    raws, rejections, rows2 = read_sources_with_state([url], {url: rows[0]})
    assert raws == [] and rejections == [] and rows2[0]["last_success"] is not None
    # without the validator, entries already in the warehouse are skipped (their pages are not fetched)
    raws, _, _ = read_sources_with_state([url], {"__article_ids__": {"g1"}})
    assert [r.article_id for r in raws] == ["g2"]


def test_a_failing_source_counts_its_errors(server):
    from dateline.pipeline import read_sources_with_state

    url = f"{server}/down.xml"
    _, _, rows = read_sources_with_state([url], {url: {"error_count": 2}})
    assert rows[0]["error_count"] == 3 and rows[0]["last_success"] is None and "404" in rows[0]["last_error"]


def test_transient_failures_are_retried_with_backoff(monkeypatch):
    from dateline.sources import feeds

    calls = []

    def flaky(url, headers=None, response_headers=None):
        calls.append(url)
        if len(calls) < 3:
            raise feeds.TransientError("HTTP 503 Service Unavailable")
        return b"ok"

    monkeypatch.setattr(feeds, "fetch_once", flaky)
    monkeypatch.setattr(feeds, "RETRY_DELAYS", (0.0, 0.0))
    assert feeds.fetch("http://127.0.0.1:1/x") == b"ok" and len(calls) == 3
    calls.clear()
    monkeypatch.setattr(feeds, "fetch_once", lambda *a, **k: (_ for _ in ()).throw(feeds.TransientError("timeout")))
    with pytest.raises(feeds.TransientError):
        feeds.fetch("http://127.0.0.1:1/x")
