"""RSS and Atom feeds, by URL or file: each entry's page is fetched and its main text extracted with
trafilatura; the feed's own summary stands in when the page cannot be had.

HTTP is kept polite and bounded: http(s) only, a timeout, a size cap, a clear User-Agent.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

from dateline import __version__
from dateline.records import RawArticle, Rejection

USER_AGENT = f"dateline/{__version__} (+https://pypi.org/project/dateline/; news ETL)"
TIMEOUT_SECONDS = 20
MAX_BYTES = 5 * 1024 * 1024


class FetchError(RuntimeError):
    pass


class NotModified(Exception):
    """The server answered 304 to a conditional request: nothing new since the last poll."""


RETRY_DELAYS = (1.0, 4.0)  # seconds before the second and third try of a transient failure


class TransientError(FetchError):
    """A timeout, a refused connection or a 5xx: worth another try."""


def fetch(url: str, headers: dict[str, str] | None = None, response_headers: dict | None = None) -> bytes:
    """`fetch_once`, tried again with backoff when the failure is transient (timeouts, 5xx)."""
    import time

    for delay in (*RETRY_DELAYS, None):
        try:
            return fetch_once(url, headers, response_headers)
        except TransientError:
            if delay is None:
                raise
            time.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def fetch_once(url: str, headers: dict[str, str] | None = None, response_headers: dict | None = None) -> bytes:
    """GET one http(s) URL with a timeout and a size cap; FetchError with a plain reason otherwise.

    `headers` may carry If-None-Match / If-Modified-Since (NotModified on 304); the response's ETag and
    Last-Modified are put in `response_headers` when given."""
    if not url.startswith(("http://", "https://")):
        raise FetchError(f"only http and https URLs are fetched, not {url.split(':', 1)[0]!r}")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            data = response.read(MAX_BYTES + 1)
            if response_headers is not None:
                response_headers.update({k: response.headers.get(k) for k in ("ETag", "Last-Modified")})
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            raise NotModified() from None
        error = TransientError if exc.code >= 500 or exc.code == 429 else FetchError
        raise error(f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise TransientError(f"cannot fetch: {getattr(exc, 'reason', exc)}") from None
    if len(data) > MAX_BYTES:
        raise FetchError(f"larger than the {MAX_BYTES // (1024 * 1024)} MB cap")
    return data


def _page_text(url: str) -> tuple[str | None, str | None]:
    import trafilatura

    html = fetch(url).decode("utf-8", errors="replace")
    return trafilatura.extract(html, include_comments=False, include_tables=False), html


def read_feed(location, root: Path | None = None, state: dict | None = None) -> Iterator[RawArticle | Rejection]:
    """Entries of one feed as raw articles. `state` (the source's row of `sources`, plus `known_ids`)
    makes the request conditional and skips entries already loaded; it is updated in place."""
    import feedparser

    source = str(location)
    state = state if state is not None else {}
    conditional = {k: v for k, v in (("If-None-Match", state.get("etag")),
                                      ("If-Modified-Since", state.get("last_modified"))) if v}
    answer: dict = {}
    try:
        data = fetch(source, conditional, answer) if source.startswith(("http://", "https://")) else Path(source).read_bytes()
    except NotModified:
        state["not_modified"] = True
        return
    except (FetchError, OSError) as exc:
        state["error"] = f"feed unavailable: {exc}"
        yield Rejection(source, source, state["error"])
        return
    state["etag"] = answer.get("ETag") or state.get("etag")
    state["last_modified"] = answer.get("Last-Modified") or state.get("last_modified")
    known = state.get("known_ids") or set()
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        state["error"] = f"malformed feed: {getattr(feed, 'bozo_exception', 'unreadable')}"
        yield Rejection(source, source, state["error"])
        return
    for n, entry in enumerate(feed.entries, start=1):
        item = _entry_article(entry, n, source, known, state)
        if item is not None:
            yield item


def _entry_article(entry, n: int, source: str, known: set, state: dict) -> RawArticle | Rejection | None:
    """One feed entry as a raw article (its page's text, else its summary); None when already loaded."""
    link = entry.get("link")
    article_id = entry.get("id") or link or f"{source}#{n}"
    if article_id in known:
        return None  # loaded by an earlier run: its page is not fetched again
    body = None
    if link:
        try:
            body, _ = _page_text(link)
        except FetchError:
            body = None
    body = body or _strip_html(entry.get("summary") or "")
    if not body or not body.strip():
        return Rejection(source, article_id, "entry without text: the page could not be fetched and the feed has no summary")
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    date = f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}" if published else None
    if date and date > (state.get("watermark") or ""):
        state["watermark"] = date
    return RawArticle(article_id=article_id, source=source, text=body, title=entry.get("title"), url=link, date=date)


def _strip_html(text: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", text)).strip()
