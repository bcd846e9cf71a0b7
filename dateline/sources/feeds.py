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


def fetch(url: str) -> bytes:
    """GET one http(s) URL with a timeout and a size cap; FetchError with a plain reason otherwise."""
    if not url.startswith(("http://", "https://")):
        raise FetchError(f"only http and https URLs are fetched, not {url.split(':', 1)[0]!r}")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise FetchError(f"cannot fetch: {getattr(exc, 'reason', exc)}") from None
    if len(data) > MAX_BYTES:
        raise FetchError(f"larger than the {MAX_BYTES // (1024 * 1024)} MB cap")
    return data


def _page_text(url: str) -> tuple[str | None, str | None]:
    import trafilatura

    html = fetch(url).decode("utf-8", errors="replace")
    return trafilatura.extract(html, include_comments=False, include_tables=False), html


def read_feed(location, root: Path | None = None) -> Iterator[RawArticle | Rejection]:
    import feedparser

    source = str(location)
    try:
        data = fetch(source) if source.startswith(("http://", "https://")) else Path(source).read_bytes()
    except (FetchError, OSError) as exc:
        yield Rejection(source, source, f"feed unavailable: {exc}")
        return
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        yield Rejection(source, source, f"malformed feed: {getattr(feed, 'bozo_exception', 'unreadable')}")
        return
    for n, entry in enumerate(feed.entries, start=1):
        link = entry.get("link")
        article_id = entry.get("id") or link or f"{source}#{n}"
        summary = entry.get("summary") or ""
        body = None
        if link:
            try:
                body, _ = _page_text(link)
            except FetchError:
                body = None
        body = body or _strip_html(summary)
        if not body or not body.strip():
            yield Rejection(source, article_id, "entry without text: the page could not be fetched and the feed has no summary")
            continue
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        date = f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}" if published else None
        yield RawArticle(article_id=article_id, source=source, text=body, title=entry.get("title"), url=link, date=date)


def _strip_html(text: str) -> str:
    import re
    import html

    return html.unescape(re.sub(r"<[^>]+>", " ", text)).strip()
