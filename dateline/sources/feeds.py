"""RSS and Atom feeds, by URL or file: each entry's page is fetched and its main text extracted with
trafilatura; the feed's own summary stands in when the page cannot be had.

HTTP (httpx) is kept polite and bounded: http(s) only on every redirect, a deadline for the whole fetch
(a server that sends a byte every few seconds is given up), a size cap, a clear User-Agent.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from dateline import __version__
from dateline.records import RawArticle, Rejection

USER_AGENT = f"dateline/{__version__} (+https://pypi.org/project/dateline/; news ETL)"
TIMEOUT_SECONDS = 20  # for each step: connecting, and every wait for the next bytes
DEADLINE_SECONDS = float(os.environ.get("DATELINE_FETCH_DEADLINE", "60"))  # for the whole of one fetch
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5


class FetchError(RuntimeError):
    pass


class NotModified(Exception):
    """The server answered 304 to a conditional request: nothing new since the last poll."""


RETRY_DELAYS = (1.0, 4.0)  # seconds before the second and third try of a transient failure


class TransientError(FetchError):
    """A timeout, a refused connection or a 5xx: worth another try."""


class DeadlineMissed(FetchError):
    """The whole answer did not come within the deadline: a server this slow is not asked again this run."""


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
    """GET one http(s) URL within `DEADLINE_SECONDS` for the whole exchange (connect, redirects, every byte
    of the body), with a size cap; FetchError with a plain reason otherwise.

    `headers` may carry If-None-Match / If-Modified-Since (NotModified on 304); the response's ETag and
    Last-Modified are put in `response_headers` when given."""
    _check_scheme(url)
    try:
        return _in_own_loop(_get, url, headers or {}, response_headers)
    except TimeoutError:
        raise DeadlineMissed(f"no complete answer within {DEADLINE_SECONDS:g} s") from None


def _in_own_loop(function, *args):
    """Run an async function to completion from sync code, also when this thread already runs a loop."""
    import asyncio
    import concurrent.futures

    import anyio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return anyio.run(function, *args)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(anyio.run, function, *args).result()


async def _get(url: str, headers: dict[str, str], response_headers: dict | None) -> bytes:
    import anyio
    import httpx

    with anyio.fail_after(DEADLINE_SECONDS):
        async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS, headers={"User-Agent": USER_AGENT}) as client:
            try:
                response = await _follow(client, client.build_request("GET", url, headers=headers))
                try:
                    data = await _body(response)
                finally:
                    await response.aclose()
            except httpx.HTTPError as exc:
                raise TransientError(f"cannot fetch: {exc or type(exc).__name__}") from None
    if response_headers is not None:
        response_headers.update({k: response.headers.get(k) for k in ("ETag", "Last-Modified")})
    return data


async def _follow(client, request):
    """Send `request`, following up to `MAX_REDIRECTS` redirects, each to http(s) only."""
    for _ in range(MAX_REDIRECTS + 1):
        response = await client.send(request, stream=True)
        if response.next_request is None:
            return response
        await response.aclose()
        request = response.next_request
        _check_scheme(str(request.url), redirected=True)
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


async def _body(response) -> bytes:
    if response.status_code == 304:
        raise NotModified()
    if response.status_code >= 400:
        error = TransientError if response.status_code >= 500 or response.status_code == 429 else FetchError
        raise error(f"HTTP {response.status_code} {response.reason_phrase}")
    data = bytearray()
    async for chunk in response.aiter_bytes():  # decoded (gzip) chunk by chunk: the cap holds for inflated data
        data += chunk
        if len(data) > MAX_BYTES:
            raise FetchError(f"larger than the {MAX_BYTES // (1024 * 1024)} MB cap")
    return bytes(data)


def _check_scheme(url: str, redirected: bool = False) -> None:
    if not url.startswith(("http://", "https://")):
        scheme = url.split(":", 1)[0]
        raise FetchError(f"redirected to a {scheme!r} URL; only http and https are followed" if redirected
                         else f"only http and https URLs are fetched, not {scheme!r}")


def _page_text(url: str) -> tuple[str | None, str | None]:
    import trafilatura

    html = fetch(url).decode("utf-8", errors="replace")
    return trafilatura.extract(html, include_comments=False, include_tables=False), html


def read_feed(location, root: Path | None = None, state: dict | None = None) -> Iterator[RawArticle | Rejection]:
    """Entries of one feed as raw articles. `state` (the source's row of `sources`, plus `known_ids`: a
    function that says which of the feed's entry ids are loaded) makes the request conditional and skips
    entries already loaded; it is updated in place."""
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
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        state["error"] = f"malformed feed: {getattr(feed, 'bozo_exception', 'unreadable')}"
        yield Rejection(source, source, state["error"])
        return
    asked = state.get("known_ids")  # a function: which of these entry ids are loaded already
    known = set(asked([_entry_id(e, n, source) for n, e in enumerate(feed.entries, start=1)])) if asked else set()
    for n, entry in enumerate(feed.entries, start=1):
        item = _entry_article(entry, n, source, known, state)
        if item is not None:
            yield item


def _entry_id(entry, n: int, source: str) -> str:
    return entry.get("id") or entry.get("link") or f"{source}#{n}"


def _entry_article(entry, n: int, source: str, known: set, state: dict) -> RawArticle | Rejection | None:
    """One feed entry as a raw article (its page's text, else its summary); None when already loaded."""
    link = entry.get("link")
    article_id = _entry_id(entry, n, source)
    if article_id in known:
        return None  # loaded by an earlier run: its page is not fetched again
    body, failure = _linked_text(link, state) if link else (None, "the entry has no link")
    body = body or _strip_html(entry.get("summary") or "")
    if not body or not body.strip():
        return Rejection(source, article_id, f"entry without text: the feed has no summary and the page could "
                                             f"not be had ({failure})")
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    date = f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}" if published else None
    if date and date > (state.get("watermark") or ""):
        state["watermark"] = date
    return RawArticle(article_id=article_id, source=source, text=body, title=entry.get("title"), url=link, date=date)


def _linked_text(link: str, state: dict) -> tuple[str | None, str | None]:
    """The main text of an entry's page, or None and why. A host that missed the deadline once is not
    asked again in this poll, so a slow server costs one deadline, not one per entry."""
    import urllib.parse

    host = urllib.parse.urlsplit(link).netloc
    slow = state.setdefault("slow_hosts", set())
    if host in slow:
        return None, f"{host} missed the deadline earlier in this run"
    try:
        return _page_text(link)[0], None
    except DeadlineMissed as exc:
        slow.add(host)
        return None, str(exc)
    except FetchError as exc:
        return None, str(exc)


def _strip_html(text: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", text)).strip()
